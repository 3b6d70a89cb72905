import { toAuditRecord, verifyChain, type AuditEventRow, type AuditRecord } from '@gw/audit-chain';
import { auditRecordOf } from '@gw/audit-recorder';
import { AuditConfig } from '@gw/config';
import { OrganizationEntity } from '@gw/db';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditWriter } from './audit-writer';

/** What each row's commit was: rows written by one statement share its transaction id. */
interface Committed {
  id: string;
  xmin: string;
}

describe.each(DATABASE_TARGETS)('the audit group commit on %s', (label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let writer: AuditWriter;

  beforeAll(async () => {
    target = await open('gw_audit_writer');
    dataSource = await migratedDataSource(target.url, 'audit-writer-test', 3);
    writer = new AuditWriter(dataSource, new AuditConfig());
  }, 60_000);

  afterAll(async () => {
    await writer?.onApplicationShutdown();
    await dataSource?.destroy();
    await target?.close();
  });

  async function organization(): Promise<string> {
    const id = randomUUID();
    await dataSource.getRepository(OrganizationEntity).insert({ id, name: `Org ${id.slice(0, 6)}` });
    return id;
  }

  const call = (organizationId: string, tool = 'task_get') =>
    auditRecordOf({ organizationId, actor: 'mcp:s1', action: 'tools/call', tool, outcome: 'ok' });

  async function chain(organizationId: string): Promise<{ records: AuditRecord[]; commits: Committed[] }> {
    const rows = (await dataSource.query(
      'SELECT *, xmin::text AS xmin FROM audit_events WHERE organization_id = $1 ORDER BY seq',
      [organizationId],
    )) as (AuditEventRow & { xmin: string })[];
    return {
      records: rows.map(({ xmin: _xmin, ...row }) => toAuditRecord(row)),
      commits: rows.map((row) => ({ id: row.id, xmin: row.xmin })),
    };
  }

  it('commits a record that finds nothing pending at once, and those arriving meanwhile together next', async () => {
    const org = await organization();
    const first = call(org);
    const meanwhile = [call(org), call(org), call(org)];
    const written = await Promise.all([writer.append(first), ...meanwhile.map((r) => writer.append(r))]);

    expect(written.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    const { records, commits } = await chain(org);
    expect(records).toEqual(written);
    const commitOf = (id: string) => commits.find((c) => c.id === id)?.xmin;
    expect(new Set(meanwhile.map((r) => commitOf(r.id))).size).toBe(1);
    expect(commitOf(meanwhile[0].id)).not.toBe(commitOf(first.id));
    expect(await verifyChain(records)).toEqual({ ok: true, checked: 4 });
  });

  it('resolves a record only once another connection can read it', async () => {
    const org = await organization();
    for (let i = 0; i < 20; i++) {
      const record = call(org);
      await writer.append(record);
      const [seen] = (await dataSource.query('SELECT id FROM audit_events WHERE id = $1', [record.id])) as {
        id: string;
      }[];
      expect(seen?.id).toBe(record.id);
    }
  });

  it('fails only the record the database refuses, and writes the rest of its batch', async () => {
    const org = await organization();
    const first = writer.append(call(org));
    const refused = writer.append(call(randomUUID(), 'no_such_organization'));
    const others = [writer.append(call(org)), writer.append(call(org))];

    await expect(refused).rejects.toThrow(/foreign key/);
    await first;
    expect((await Promise.all(others)).map((r) => r.seq)).toEqual([2, 3]);
    const { records } = await chain(org);
    expect(await verifyChain(records)).toEqual({ ok: true, checked: 3 });
  });

  it('commits what was handed in before shutdown, then gives its connection back', async () => {
    const org = await organization();
    const pending = [writer.append(call(org)), writer.append(call(org))];
    await writer.onApplicationShutdown();
    expect((await Promise.all(pending)).map((r) => r.seq)).toEqual([1, 2]);
    // A later record takes a connection again rather than failing.
    expect((await writer.append(call(org))).seq).toBe(3);
  });

  (label === 'PostgreSQL' ? it : it.skip)(
    'carries on on a new connection after the database closed its own',
    async () => {
      const org = await organization();
      await writer.append(call(org));
      await dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      // The driver learns of the closed connection from the server's notice, a moment later.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await writer.append(call(org));
      expect(after.seq).toBe(2);
      expect(await verifyChain((await chain(org)).records)).toEqual({ ok: true, checked: 2 });
    },
  );
});
