import { GENESIS_HASH, type AuditRecord } from '@gw/audit-chain';
import { interleave } from './sink-item';
import { octetCountingFrame, sdEscape, syslogMessage } from './syslog-message';

const header = { facility: 13, appName: 'clickup-mcp-gateway', hostname: 'gw-worker-1' };

function record(seq: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: `00000000-0000-4000-8000-00000000000${seq}`,
    seq,
    at: '2026-12-05T12:00:00.123Z',
    organization_id: '11111111-1111-4111-8111-111111111111',
    server_id: null,
    team_id: null,
    actor: 'user:22222222-2222-4222-8222-222222222222',
    client_name: null,
    client_version: null,
    session_id: null,
    ip: '203.0.113.7',
    user_agent: null,
    action: 'team.create',
    tool: null,
    arguments: { name: 'Support "tier ]2[" \\ ops' },
    outcome: 'ok',
    issue_codes: [],
    upstream_status: null,
    duration_ms: 4,
    job_id: null,
    request_id: null,
    prev_hash: GENESIS_HASH,
    hash: 'a'.repeat(64),
    ...overrides,
  };
}

/** Splits an octet-counted stream back into messages, as a receiver does (RFC 6587 §3.4.1). */
function unframe(stream: Buffer): string[] {
  const messages: string[] = [];
  let at = 0;
  while (at < stream.length) {
    const space = stream.indexOf(0x20, at);
    const length = Number(stream.subarray(at, space).toString('ascii'));
    messages.push(stream.subarray(space + 1, space + 1 + length).toString('utf8'));
    at = space + 1 + length;
  }
  return messages;
}

describe('RFC 5424 audit messages', () => {
  it('writes the header, the structured data and the record as JSON', () => {
    const message = syslogMessage({ type: 'event', record: record(7) }, header);
    expect(message).toMatch(
      /^<110>1 2026-12-05T12:00:00\.123Z gw-worker-1 clickup-mcp-gateway - AUDIT \[audit@32473 seq="7" organization_id="11111111-1111-4111-8111-111111111111" action="team\.create" outcome="ok" actor="user:22222222-2222-4222-8222-222222222222" hash="a{64}"\] \{/,
    );
    const json = JSON.parse(message.slice(message.indexOf('] {') + 2));
    expect(json).toEqual(record(7));
  });

  it('maps outcomes to severities under the configured facility', () => {
    const pri = (outcome: AuditRecord['outcome'], facility: number) =>
      syslogMessage({ type: 'event', record: record(1, { outcome }) }, { ...header, facility }).match(
        /^<(\d+)>/,
      )?.[1];
    // facility 13 (log audit) × 8 + severity: 6 informational, 5 notice, 3 error.
    expect([pri('ok', 13), pri('queued', 13), pri('denied', 13), pri('error', 13)]).toEqual([
      '110',
      '110',
      '109',
      '107',
    ]);
    expect(pri('ok', 16)).toBe('134');
  });

  it('escapes ", \\ and ] in parameter values and drops empty ones', () => {
    expect(sdEscape('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
    const message = syslogMessage(
      { type: 'event', record: record(2, { tool: 'task_"x"]', server_id: null }) },
      header,
    );
    expect(message).toContain('tool="task_\\"x\\"\\]"');
    expect(message).not.toContain('server_id=');
  });

  it('never lets a header field hold a space, and names checkpoints and tests by MSGID', () => {
    const message = syslogMessage(
      {
        type: 'checkpoint',
        checkpoint: { seq: 9, created_at: '2026-12-05T12:00:01.000Z', head_hash: 'b'.repeat(64) },
      },
      { ...header, hostname: 'my host', appName: '' },
    );
    expect(message).toMatch(
      /^<110>1 2026-12-05T12:00:01\.000Z myhost - - CHECKPOINT \[audit@32473 seq="9"\] \{/,
    );
    expect(syslogMessage({ type: 'test', at: '2026-12-05T12:00:02.000Z', sink: 'siem' }, header)).toContain(
      ' TEST [audit@32473 sink="siem"] ',
    );
  });

  it('frames each message by its length in bytes, so multi-byte characters and newlines survive', () => {
    const messages = [
      syslogMessage({ type: 'event', record: record(1, { arguments: { note: 'Zoë\nline two' } }) }, header),
      syslogMessage({ type: 'event', record: record(2) }, header),
    ];
    const stream = Buffer.concat(messages.map(octetCountingFrame));
    expect(octetCountingFrame('é').toString('utf8')).toBe('2 é');
    expect(unframe(stream)).toEqual(messages);
  });

  it('places each checkpoint right after the event it covers, a late one first', () => {
    const label = (items: ReturnType<typeof interleave>) =>
      items.map((i) =>
        i.type === 'event' ? `e${i.record.seq}` : i.type === 'checkpoint' ? `c${i.checkpoint.seq}` : 't',
      );
    const checkpoint = (seq: number) => ({ seq, created_at: `2026-12-05T12:00:0${seq}.000Z` });
    expect(label(interleave([record(2), record(3), record(4)], [checkpoint(3), checkpoint(4)]))).toEqual([
      'e2',
      'e3',
      'c3',
      'e4',
      'c4',
    ]);
    // A checkpoint signed after its event was delivered comes before the events that follow it.
    expect(label(interleave([record(5)], [checkpoint(4), checkpoint(5)]))).toEqual(['c4', 'e5', 'c5']);
    expect(label(interleave([], [checkpoint(4)]))).toEqual(['c4']);
  });
});
