import { hashAuditRecord, type AuditRecord } from '@gw/audit-chain';
import { Stack } from '../support/stack';
import { allEvents, apiToken, sql, verify, type AuditEvent } from './support';

type Row = Record<string, unknown> & { id: string; seq: string };

describe.each(['postgres', 'embedded'] as const)('tampering with the audit table is caught (%s)', (mode) => {
  const stack = new Stack(mode, { worker: false });
  let events: AuditEvent[];

  beforeAll(async () => {
    await stack.start();
    // Refusals of a signed-in principal: denied rows in the organization's chain (an auditor changes nothing).
    const auditor = await apiToken(stack, 'auditor');
    for (let i = 0; i < 12; i++) {
      expect((await stack.rest('POST', '/teams', { name: `Team ${i}` }, auditor.token)).status).toBe(403);
    }
    events = (await allEvents(stack)).sort((a, b) => a.seq - b.seq);
    expect(events.length).toBeGreaterThanOrEqual(12);
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  // Each case puts the original row back, and the chain must verify again: the check is exact, not noisy.
  afterEach(async () => {
    expect(await verify(stack)).toMatchObject({ ok: true });
  });

  const row = async (id: string) =>
    (await sql<Row>(stack, 'SELECT * FROM audit_events WHERE id = $1', [id]))[0];
  const reinsert = async (original: Row) => {
    const columns = Object.keys(original);
    const values = columns.map((c) =>
      c === 'arguments' || c === 'issue_codes' ? JSON.stringify(original[c]) : original[c],
    );
    await sql(
      stack,
      `INSERT INTO audit_events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
  };

  it('an edited row is named', async () => {
    const target = events[4];
    const original = await row(target.id);
    await sql(stack, `UPDATE audit_events SET arguments = '{"reason":"nothing to see"}' WHERE id = $1`, [
      target.id,
    ]);
    expect(await verify(stack)).toMatchObject({ ok: false, first_bad_id: target.id });
    await sql(stack, 'UPDATE audit_events SET arguments = $2 WHERE id = $1', [
      target.id,
      JSON.stringify(original['arguments']),
    ]);
  });

  it('an edited row whose hash was recomputed is caught at the next row', async () => {
    const [target, next] = [events[5], events[6]];
    const original = await row(target.id);
    const forged = { ...target, outcome: 'ok' as const, issue_codes: [] };
    await sql(stack, `UPDATE audit_events SET outcome = 'ok', issue_codes = '[]', hash = $2 WHERE id = $1`, [
      target.id,
      hashAuditRecord(forged as AuditRecord),
    ]);
    expect(await verify(stack)).toMatchObject({ ok: false, first_bad_id: next.id });
    await sql(stack, 'UPDATE audit_events SET outcome = $2, issue_codes = $3, hash = $4 WHERE id = $1', [
      target.id,
      original['outcome'],
      JSON.stringify(original['issue_codes']),
      original['hash'],
    ]);
  });

  it('a deleted row is caught at the row after it', async () => {
    const [target, next] = [events[3], events[4]];
    const original = await row(target.id);
    await sql(stack, 'DELETE FROM audit_events WHERE id = $1', [target.id]);
    expect(await verify(stack)).toMatchObject({ ok: false, first_bad_id: next.id });
    await reinsert(original);
  });

  it('two swapped rows are caught at the first of them', async () => {
    const [a, b] = [events[7], events[8]];
    await sql(stack, 'UPDATE audit_events SET seq = -1 WHERE id = $1', [a.id]);
    await sql(stack, 'UPDATE audit_events SET seq = $2 WHERE id = $1', [b.id, a.seq]);
    await sql(stack, 'UPDATE audit_events SET seq = $2 WHERE id = $1', [a.id, b.seq]);
    expect(await verify(stack)).toMatchObject({ ok: false, first_bad_id: b.id });
    await sql(stack, 'UPDATE audit_events SET seq = -1 WHERE id = $1', [b.id]);
    await sql(stack, 'UPDATE audit_events SET seq = $2 WHERE id = $1', [a.id, a.seq]);
    await sql(stack, 'UPDATE audit_events SET seq = $2 WHERE id = $1', [b.id, b.seq]);
  });

  it('removing the newest row is caught', async () => {
    const [newest] = await sql<Row>(stack, 'SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1');
    await sql(stack, 'DELETE FROM audit_events WHERE id = $1', [newest.id]);
    const verdict = await verify(stack);
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/newest rows/) });
    await reinsert(newest);
  });

  it('a row added past the chain head is caught', async () => {
    const [newest] = await sql<Row>(stack, 'SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1');
    const forged = {
      ...newest,
      id: '00000000-0000-4000-8000-000000000001',
      seq: String(Number(newest.seq) + 1000),
    };
    await reinsert(forged);
    expect(await verify(stack)).toMatchObject({ ok: false, first_bad_id: forged.id });
    await sql(stack, 'DELETE FROM audit_events WHERE id = $1', [forged.id]);
  });
});
