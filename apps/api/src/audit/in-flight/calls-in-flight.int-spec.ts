import {
  appendAuditRecords,
  toAuditRecord,
  verifyChain,
  type AuditEventRow,
  type AuditRecord,
} from '@gw/audit-chain';
import { auditRecordOf } from '@gw/audit-recorder';
import { OrganizationEntity } from '@gw/db';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CallsInFlightStore, INTERRUPTED, INTERRUPTED_REASON } from './calls-in-flight.store';

const STALE = { staleSeconds: 30, limit: 100 };

describe.each(DATABASE_TARGETS)('calls in flight on %s', (label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let store: CallsInFlightStore;

  beforeAll(async () => {
    target = await open('gw_calls_in_flight');
    dataSource = await migratedDataSource(target.url, 'calls-in-flight-test', 3);
    store = new CallsInFlightStore(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.close();
  });

  async function organization(): Promise<string> {
    const id = randomUUID();
    await dataSource.getRepository(OrganizationEntity).insert({ id, name: `Org ${id.slice(0, 6)}` });
    return id;
  }

  /** The row a write call would get if interrupted, as `McpAudit.opening` builds it. */
  const pending = (organizationId: string, tool = 'task_update') =>
    auditRecordOf({
      organizationId,
      actor: 'mcp:s1',
      action: 'tools/call',
      tool,
      arguments: { arguments: { task_id: 'abc', api_token: 'pk_secret' }, reason: INTERRUPTED_REASON },
      outcome: 'error',
      issueCodes: [INTERRUPTED],
      traceId: '0af7651916cd43dd8448eb211c80319c',
      actorEmail: 'sarah@example.com',
    });

  async function instance(ageSeconds = 0): Promise<string> {
    const id = randomUUID();
    await store.beat(id);
    if (ageSeconds > 0) {
      await dataSource.query(
        `UPDATE api_heartbeats SET beat_at = now() - make_interval(secs => $2::integer) WHERE instance_id = $1`,
        [id, ageSeconds],
      );
    }
    return id;
  }

  async function chain(organizationId: string): Promise<AuditRecord[]> {
    const rows = (await dataSource.query(
      'SELECT * FROM audit_events WHERE organization_id = $1 ORDER BY seq',
      [organizationId],
    )) as AuditEventRow[];
    return rows.map(toAuditRecord);
  }

  const markers = async (ids: string[]) =>
    (
      (await dataSource.query('SELECT id FROM calls_in_flight WHERE id = ANY($1::uuid[])', [ids])) as {
        id: string;
      }[]
    ).length;

  it('records a stopped process’s call once, as INTERRUPTED with what the call’s row would have said', async () => {
    const org = await organization();
    const stopped = await instance(31);
    const call = pending(org);
    await store.open(stopped, call);

    const first = await store.sweep(STALE);
    const again = await store.sweep(STALE);

    const rows = await chain(org);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: call.id,
      tool: 'task_update',
      outcome: 'error',
      issue_codes: ['INTERRUPTED'],
      arguments: { arguments: { task_id: 'abc', api_token: '[redacted]' }, reason: INTERRUPTED_REASON },
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      actor_email: 'sarah@example.com',
      duration_ms: null,
    });
    expect(first.interrupted.map((r) => r.id)).toEqual([call.id]);
    expect(again).toEqual({ interrupted: [], settled: 0 });
    expect(await markers([call.id])).toBe(0);
    expect(await verifyChain(rows)).toEqual({ ok: true, checked: 1 });
  });

  it('leaves the calls of a process whose heartbeat is fresh alone', async () => {
    const org = await organization();
    const live = await instance(5);
    const call = pending(org);
    await store.open(live, call);

    await store.sweep(STALE);

    expect(await chain(org)).toEqual([]);
    expect(await markers([call.id])).toBe(1);
    await store.close([call.id]);
    expect(await markers([call.id])).toBe(0);
  });

  it('treats a process that stopped cleanly (no heartbeat row) as stopped at once', async () => {
    const org = await organization();
    const gone = await instance();
    const call = pending(org);
    await store.open(gone, call);
    await store.forget(gone);

    expect((await store.sweep(STALE)).interrupted.map((r) => r.id)).toEqual([call.id]);
  });

  it('appends nothing for a call whose own row was committed before its marker could go', async () => {
    const org = await organization();
    const stopped = await instance(60);
    const call = pending(org);
    await store.open(stopped, call);
    // The call's own row (same id) committed, then the process died before removing the marker.
    await dataSource.transaction((tx) =>
      appendAuditRecords(tx, [{ ...call, outcome: 'ok', issue_codes: [], arguments: { task_id: 'abc' } }]),
    );

    expect(await store.sweep(STALE)).toEqual({ interrupted: [], settled: 1 });
    const rows = await chain(org);
    expect(rows.map((r) => [r.id, r.outcome])).toEqual([[call.id, 'ok']]);
    expect(await markers([call.id])).toBe(0);
  });

  it('sweeps this process’s own calls it gave up on, never the ones it is running', async () => {
    const org = await organization();
    const me = await instance();
    const running = pending(org);
    const givenUp = pending(org);
    const justOpened = pending(org);
    await store.open(me, { ...running, at: new Date(Date.now() - 5000).toISOString() });
    await store.open(me, { ...givenUp, at: new Date(Date.now() - 5000).toISOString() });
    await store.open(me, justOpened);

    const swept = await store.sweep({
      ...STALE,
      own: { instanceId: me, active: [running.id], before: new Date(Date.now() - 1000) },
    });

    expect(swept.interrupted.map((r) => r.id)).toEqual([givenUp.id]);
    expect(await markers([running.id, justOpened.id])).toBe(2);
  });

  it('gives each call exactly one row when two sweepers race', async () => {
    const org = await organization();
    const stopped = await instance(120);
    const calls = Array.from({ length: 40 }, () => pending(org));
    for (const call of calls) await store.open(stopped, call);
    const other = await migratedDataSource(target.url, 'calls-in-flight-test-2', 3);
    try {
      const second = new CallsInFlightStore(other);
      const results = await Promise.all([
        store.sweep({ ...STALE, limit: 7 }),
        second.sweep({ ...STALE, limit: 7 }),
        store.sweep({ ...STALE, limit: 100 }),
        second.sweep({ ...STALE, limit: 100 }),
      ]);
      await store.sweep(STALE);
      const rows = await chain(org);
      expect(rows.map((r) => r.id).sort()).toEqual(calls.map((c) => c.id).sort());
      expect(new Set(rows.map((r) => r.seq)).size).toBe(40);
      expect(results.reduce((n, r) => n + r.interrupted.length, 0)).toBeLessThanOrEqual(40);
      expect(await verifyChain(rows)).toEqual({ ok: true, checked: 40 });
    } finally {
      await other.destroy();
    }
  });

  it('costs a write call one insert before it runs and one delete after it answers (measured)', async () => {
    const org = await organization();
    const me = await instance();
    const rounds = 200;
    const opens: number[] = [];
    const closes: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const call = pending(org);
      let t = performance.now();
      await store.open(me, call);
      opens.push(performance.now() - t);
      t = performance.now();
      await store.close([call.id]);
      closes.push(performance.now() - t);
    }
    const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
    console.log(
      `calls in flight on ${label}: marker insert p50 ${p(opens, 0.5).toFixed(2)} ms, p99 ${p(opens, 0.99).toFixed(2)} ms; delete p50 ${p(closes, 0.5).toFixed(2)} ms`,
    );
    expect(p(opens, 0.5)).toBeLessThan(50);
  });
});
