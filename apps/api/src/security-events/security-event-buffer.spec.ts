import { OVERFLOW_IP, SecurityEventBuffer } from './security-event-buffer';

const MINUTE = Date.parse('2026-12-04T10:00:00Z');

describe('SecurityEventBuffer', () => {
  it('counts refusals per minute, address and reason', () => {
    const buffer = new SecurityEventBuffer(100);
    buffer.add('10.0.0.1', 'mcp_unknown_token', MINUTE + 1_000);
    buffer.add('10.0.0.1', 'mcp_unknown_token', MINUTE + 59_000);
    buffer.add('10.0.0.1', 'login_failed', MINUTE + 2_000);
    buffer.add('10.0.0.1', 'mcp_unknown_token', MINUTE + 61_000);
    const rows = buffer.drain().map((r) => [r.minute.toISOString(), r.ip, r.reason, r.count]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['2026-12-04T10:00:00.000Z', '10.0.0.1', 'mcp_unknown_token', 2],
        ['2026-12-04T10:00:00.000Z', '10.0.0.1', 'login_failed', 1],
        ['2026-12-04T10:01:00.000Z', '10.0.0.1', 'mcp_unknown_token', 1],
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(buffer.drain()).toEqual([]);
  });

  it('folds addresses past its capacity into one overflow bucket, so a flood of sources stays bounded', () => {
    const buffer = new SecurityEventBuffer(10);
    for (let i = 0; i < 10_000; i++) buffer.add(`10.0.${i >> 8}.${i & 255}`, 'mcp_unknown_token', MINUTE);
    expect(buffer.size).toBe(11);
    const rows = buffer.drain();
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(10_000);
    expect(rows.find((r) => r.ip === OVERFLOW_IP)?.count).toBe(9_990);
  });
});
