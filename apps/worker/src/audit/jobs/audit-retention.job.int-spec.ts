import {
  appendAuditRecords,
  toAuditRecord,
  verifyChain,
  type AuditEventRow,
  type UnsequencedRecord,
} from '@gw/audit-chain';
import { AuditArchiveConfig, AuditConfig } from '@gw/config';
import { OrganizationEntity } from '@gw/db';
import { GatewayMetrics } from '@gw/metrics';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createWorkerLogger } from '../../jobs/worker-logger';
import { AuditArchiver } from '../archive/audit-archiver';
import { AuditRetentionJob, RETENTION_BATCH } from './audit-retention.job';

const DAY = 86_400_000;

describe.each(DATABASE_TARGETS)('audit retention on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let job: AuditRetentionJob;
  /** The retention floor most cases run under; the floor's own case sets the default of 30 days. */
  const floor = (retentionMinDays: number) => Object.assign(new AuditConfig(), { retentionMinDays });
  /** Retention as the worker runs it without an archive target. */
  const retention = (config: AuditConfig) =>
    new AuditRetentionJob(
      dataSource,
      config,
      new AuditArchiver(dataSource, new AuditArchiveConfig()),
      new GatewayMetrics('worker'),
      createWorkerLogger('silent'),
    );

  beforeAll(async () => {
    target = await open('gw_retention');
    dataSource = await migratedDataSource(target.url, 'retention-test');
    job = retention(floor(1));
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.close();
  });

  async function organization(retentionDays: number): Promise<string> {
    const id = randomUUID();
    await dataSource
      .getRepository(OrganizationEntity)
      .insert({ id, name: `Org ${id.slice(0, 6)}`, auditRetentionDays: retentionDays });
    return id;
  }

  function event(organizationId: string, ageDays: number, n: number): UnsequencedRecord {
    return {
      id: randomUUID(),
      at: new Date(Date.now() - ageDays * DAY + n).toISOString(),
      organization_id: organizationId,
      server_id: null,
      team_id: null,
      actor: 'mcp:test',
      client_name: 'retention-test',
      client_version: '1',
      session_id: null,
      ip: '127.0.0.1',
      user_agent: null,
      action: 'tools/call',
      tool: 'task_get',
      arguments: { task_id: `t${n}` },
      outcome: 'ok',
      issue_codes: [],
      upstream_status: 200,
      duration_ms: 3,
      job_id: null,
      request_id: null,
    };
  }

  async function append(records: UnsequencedRecord[]): Promise<void> {
    await dataSource.transaction((tx) => appendAuditRecords(tx, records));
  }

  async function chain(organizationId: string) {
    const [head] = await dataSource.query(
      'SELECT anchor_seq, anchor_hash FROM audit_chains WHERE organization_id = $1',
      [organizationId],
    );
    const rows = (await dataSource.query(
      'SELECT * FROM audit_events WHERE organization_id = $1 ORDER BY seq',
      [organizationId],
    )) as AuditEventRow[];
    const records = rows.map(toAuditRecord);
    const verdict = await verifyChain(records, { seq: Number(head.anchor_seq), hash: head.anchor_hash });
    return { records, verdict, anchorSeq: Number(head.anchor_seq) };
  }

  it('purges rows past the retention period in batches, moves the anchor, and records the purge', async () => {
    const org = await organization(30);
    const old = RETENTION_BATCH + 500;
    await append(Array.from({ length: old }, (_, n) => event(org, 40, n)));
    await append(Array.from({ length: 20 }, (_, n) => event(org, 2, n)));

    await expect(job.process({ organization_id: org })).resolves.toEqual({ organizations: 1, purged: old });

    const { records, verdict, anchorSeq } = await chain(org);
    expect(verdict).toEqual({ ok: true, checked: 21 });
    expect(anchorSeq).toBe(old + 1);
    expect(records[0].seq).toBe(old + 1);
    const purge = records.at(-1);
    expect(purge).toMatchObject({
      action: 'audit.purge',
      actor: 'system:audit-retention',
      outcome: 'ok',
      arguments: { purged: old, retention_days: 30, anchor_seq: old + 1 },
    });
  });

  it('never purges rows younger than AUDIT_RETENTION_MIN_DAYS, even when the database holds a shorter period', async () => {
    const org = await organization(30);
    // As if someone with access to the database had bypassed the api's floor.
    await dataSource.query('UPDATE organizations SET audit_retention_days = 1 WHERE id = $1', [org]);
    await append(Array.from({ length: 4 }, (_, n) => event(org, 45, n)));
    await append(Array.from({ length: 6 }, (_, n) => event(org, 10, n)));
    const guarded = retention(new AuditConfig());

    await expect(guarded.process({ organization_id: org })).resolves.toEqual({ organizations: 1, purged: 4 });

    const { records, verdict } = await chain(org);
    expect(verdict.ok).toBe(true);
    expect(records.filter((r) => r.action === 'tools/call')).toHaveLength(6);
    expect(records.at(-1)).toMatchObject({
      action: 'audit.purge',
      arguments: { purged: 4, retention_days: 30 },
    });
  });

  it('leaves other organizations and recent rows alone, and records nothing when nothing is old', async () => {
    const keep = await organization(365);
    await append(Array.from({ length: 5 }, (_, n) => event(keep, 40, n)));
    await expect(job.process({ organization_id: keep, requested_by: 'user:x' })).resolves.toEqual({
      organizations: 1,
      purged: 0,
    });
    const { records, verdict } = await chain(keep);
    expect(verdict.ok).toBe(true);
    expect(records).toHaveLength(5);
  });

  it('stops at the first recent row even if older rows follow it', async () => {
    const org = await organization(10);
    await append([event(org, 20, 0), event(org, 20, 1), event(org, 1, 2), event(org, 20, 3)]);
    await expect(job.process({ organization_id: org, requested_by: 'user:abc' })).resolves.toMatchObject({
      purged: 2,
    });
    const { records, verdict } = await chain(org);
    expect(verdict.ok).toBe(true);
    expect(records.map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(records[2]).toMatchObject({ action: 'audit.purge', actor: 'user:abc' });
  });

  it('keeps every event an audit sink has not acknowledged, paused sinks included, until it has', async () => {
    const org = await organization(10);
    await append(Array.from({ length: 8 }, (_, n) => event(org, 20, n)));
    const sink = async (name: string, cursor: number, paused: boolean) => {
      const id = randomUUID();
      await dataSource.query(
        `INSERT INTO audit_sinks (id, organization_id, name, kind, settings, cursor_seq, paused)
         VALUES ($1, $2, $3, 'webhook', '{"url":"https://siem.example/in"}', $4, $5)`,
        [id, org, name, cursor, paused],
      );
      return id;
    };
    await sink('ahead', 8, false);
    const behind = await sink('behind', 3, true);

    await expect(job.process({ organization_id: org })).resolves.toMatchObject({ purged: 3 });
    expect((await chain(org)).records[0].seq).toBe(4);

    await dataSource.query('UPDATE audit_sinks SET cursor_seq = 6 WHERE id = $1', [behind]);
    await expect(job.process({ organization_id: org })).resolves.toMatchObject({ purged: 3 });
    const { records, verdict } = await chain(org);
    expect(verdict.ok).toBe(true);
    expect(records.filter((r) => r.action === 'tools/call').map((r) => r.seq)).toEqual([7, 8]);

    // A deleted sink no longer holds anything back.
    await dataSource.query('DELETE FROM audit_sinks WHERE id = $1', [behind]);
    await expect(job.process({ organization_id: org })).resolves.toMatchObject({ purged: 2 });
  });

  it('refuses to purge past a tampered row, so the evidence stays', async () => {
    const org = await organization(10);
    await append(Array.from({ length: 6 }, (_, n) => event(org, 20, n)));
    const [victim] = await dataSource.query(
      'SELECT id FROM audit_events WHERE organization_id = $1 AND seq = 4',
      [org],
    );
    await dataSource.query(`UPDATE audit_events SET arguments = '{"task_id":"forged"}' WHERE id = $1`, [
      victim.id,
    ]);
    const other = await organization(10);
    await append(Array.from({ length: 3 }, (_, n) => event(other, 20, n)));

    await expect(job.process({})).rejects.toThrow(victim.id);

    const { records, verdict } = await chain(org);
    expect(records).toHaveLength(6);
    expect(verdict).toMatchObject({ ok: false, first_bad_id: victim.id });
    const untouched = await chain(other);
    expect(untouched.verdict.ok).toBe(true);
    expect(untouched.records.map((r) => r.action)).toEqual(['audit.purge']);
  });

  it('keeps the chain whole while the api appends during a purge', async () => {
    const org = await organization(10);
    await append(Array.from({ length: RETENTION_BATCH * 2 }, (_, n) => event(org, 20, n)));
    const appends = Promise.all(
      Array.from({ length: 20 }, (_, n) => append([event(org, 0, n), event(org, 0, n + 100)])),
    );
    const [result] = await Promise.all([job.process({ organization_id: org }), appends]);
    expect(result.purged).toBeGreaterThanOrEqual(RETENTION_BATCH * 2);
    const { records, verdict } = await chain(org);
    expect(verdict).toEqual({ ok: true, checked: 41 });
    expect(records.filter((r) => r.action === 'audit.purge')).toHaveLength(1);
  });
});
