import {
  appendAuditRecords,
  ChainAppender,
  toAuditRecord,
  verifyChain,
  type AuditEventRow,
  type AuditRecord,
  type UnsequencedRecord,
} from '@gw/audit-chain';
import { DedicatedConnection, OrganizationEntity } from '@gw/db';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The api appends with a chain head kept in memory (one prepared statement per commit, on a connection of its
 * own); the worker and the retention job append inside their own transactions. Whatever interleaving, each
 * organization's chain must stay gap-free and verify, and no record may be lost or written twice.
 */
describe.each(DATABASE_TARGETS)('audit chain appends on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;

  beforeAll(async () => {
    target = await open('gw_chain_appender');
    dataSource = await migratedDataSource(target.url, 'chain-appender-test', 4);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.close();
  });

  /** A connection of an appender's own, as the api's writer keeps one; given back after each test. */
  const held: DedicatedConnection[] = [];
  function connection(): DedicatedConnection {
    const opened = new DedicatedConnection(dataSource);
    held.push(opened);
    return opened;
  }
  afterEach(async () => {
    await Promise.all(held.splice(0).map((c) => c.release()));
  });

  async function organization(): Promise<string> {
    const id = randomUUID();
    await dataSource.getRepository(OrganizationEntity).insert({ id, name: `Org ${id.slice(0, 6)}` });
    return id;
  }

  function event(organizationId: string, tool = 'task_get'): UnsequencedRecord {
    return {
      id: randomUUID(),
      at: new Date().toISOString(),
      organization_id: organizationId,
      server_id: null,
      team_id: null,
      actor: 'mcp:test',
      client_name: 'chain-test',
      client_version: '1',
      session_id: null,
      ip: '127.0.0.1',
      user_agent: 'jest "quoted" \\ agent',
      action: 'tools/call',
      tool,
      arguments: { task_id: 'abc', note: 'a "quote", a {brace} and a \\ backslash', nested: [1, null, 'x'] },
      outcome: 'ok',
      issue_codes: ['RATE_LIMIT'],
      upstream_status: 200,
      duration_ms: 3,
      job_id: null,
      request_id: null,
    };
  }

  async function chain(organizationId: string) {
    const rows = (await dataSource.query(
      'SELECT * FROM audit_events WHERE organization_id = $1 ORDER BY seq',
      [organizationId],
    )) as AuditEventRow[];
    const records = rows.map(toAuditRecord);
    const [head] = (await dataSource.query('SELECT last_seq FROM audit_chains WHERE organization_id = $1', [
      organizationId,
    ])) as { last_seq: string }[];
    return { records, verdict: await verifyChain(records), headSeq: Number(head.last_seq) };
  }

  it('writes a batch in one go, with every value read back as it was hashed', async () => {
    const org = await organization();
    const batch = Array.from({ length: 50 }, () => event(org));
    const written = await new ChainAppender().append(connection(), batch);
    expect(written.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const { records, verdict, headSeq } = await chain(org);
    expect(verdict).toEqual({ ok: true, checked: 50 });
    expect(headSeq).toBe(50);
    expect(records[7]).toMatchObject({
      user_agent: 'jest "quoted" \\ agent',
      arguments: { note: 'a "quote", a {brace} and a \\ backslash', nested: [1, null, 'x'] },
      issue_codes: ['RATE_LIMIT'],
    });
  });

  it('keeps chains linear when two api processes and the worker append to the same organizations at once', async () => {
    const orgs = [await organization(), await organization()];
    // Each process has its connection; on embedded PGlite both prepare their statement in the one shared session.
    const [apiA, apiB] = [new ChainAppender(), new ChainAppender()];
    const [connectionA, connectionB] = [connection(), connection()];
    const worker = (records: UnsequencedRecord[]) =>
      dataSource.transaction((tx) => appendAuditRecords(tx, records));
    const sent: UnsequencedRecord[] = [];
    const writes: Promise<AuditRecord[]>[] = [];
    for (let round = 0; round < 30; round++) {
      const mixed = [event(orgs[0]), event(orgs[1]), event(orgs[round % 2])];
      const fromB = [event(orgs[round % 2], 'task_update')];
      const fromWorker = [event(orgs[(round + 1) % 2], 'retry_job')];
      sent.push(...mixed, ...fromB, ...fromWorker);
      writes.push(apiA.append(connectionA, mixed), apiB.append(connectionB, fromB), worker(fromWorker));
    }
    await Promise.all(writes);
    for (const org of orgs) {
      const { records, verdict, headSeq } = await chain(org);
      const expected = sent.filter((r) => r.organization_id === org);
      expect(verdict).toEqual({ ok: true, checked: expected.length });
      expect(headSeq).toBe(expected.length);
      expect(new Set(records.map((r) => r.id))).toEqual(new Set(expected.map((r) => r.id)));
      const times = records.map((r) => r.at);
      expect(times).toEqual([...times].sort());
    }
  });

  it('appends calls made at once on one appender in their order', async () => {
    const org = await organization();
    const appender = new ChainAppender();
    const own = connection();
    const batches = Array.from({ length: 20 }, () => [event(org), event(org)]);
    const written = await Promise.all(batches.map((batch) => appender.append(own, batch)));
    expect(written.flat().map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await chain(org)).verdict).toEqual({ ok: true, checked: 40 });
  });

  it('leaves the chain untouched when the database refuses a row, and carries on from the true head', async () => {
    const org = await organization();
    const appender = new ChainAppender();
    const own = connection();
    await appender.append(own, [event(org)]);
    const duplicate = event(org);
    await appender.append(own, [duplicate]);
    await expect(appender.append(own, [event(org), { ...duplicate }])).rejects.toThrow(/duplicate key/);
    const after = await appender.append(own, [event(org)]);
    expect(after[0].seq).toBe(3);
    const { verdict, headSeq } = await chain(org);
    expect(verdict).toEqual({ ok: true, checked: 3 });
    expect(headSeq).toBe(3);
  });
});
