import { auditRecordOf } from '@gw/audit-recorder';
import { AuditConfig } from '@gw/config';
import { OrganizationEntity } from '@gw/db';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import { QueueBackend } from '@gw/queue';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { CallsInFlight } from './calls-in-flight.service';
import { INTERRUPTED, INTERRUPTED_REASON } from './calls-in-flight.store';

describe.each(DATABASE_TARGETS)('an api process’s calls in flight on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let organizationId: string;
  // Never reached: these calls never go to the retry queue, and the metrics are read from the registry.
  const queues = new QueueBackend({ redisUrl: 'redis://127.0.0.1:6379', databaseUrl: '' });
  const started: CallsInFlight[] = [];

  beforeAll(async () => {
    target = await open('gw_calls_in_flight_service');
    dataSource = await migratedDataSource(target.url, 'calls-in-flight-service-test', 3);
    organizationId = randomUUID();
    await dataSource.getRepository(OrganizationEntity).insert({ id: organizationId, name: 'Acme' });
  }, 60_000);

  afterAll(async () => {
    for (const process of started) await process.onApplicationShutdown();
    await dataSource?.destroy();
    await target?.close();
  });

  /** An api process, its timers set so far apart that only the test sweeps. */
  async function apiProcess(db = dataSource, env: Record<string, unknown> = {}) {
    const config = Object.assign(new AuditConfig(), { interruptedAfterSeconds: 3600 }, env);
    const metrics = new MetricsService(queues);
    const process = new CallsInFlight(db, config, metrics);
    await process.onModuleInit();
    started.push(process);
    return { process, metrics };
  }

  const call = () =>
    auditRecordOf({
      organizationId,
      actor: 'mcp:s1',
      action: 'tools/call',
      tool: 'task_delete',
      arguments: { arguments: { task_id: 't1' }, reason: INTERRUPTED_REASON },
      outcome: 'error',
      issueCodes: [INTERRUPTED],
    });
  const markerOf = async (id: string) =>
    ((await dataSource.query('SELECT id FROM calls_in_flight WHERE id = $1', [id])) as unknown[]).length;
  const rowsOf = async (id: string) =>
    (await dataSource.query('SELECT outcome, issue_codes FROM audit_events WHERE id = $1', [id])) as {
      outcome: string;
      issue_codes: string[];
    }[];
  const interruptedCount = async (metrics: MetricsService) =>
    (await metrics.callsInterrupted.get()).values[0]?.value ?? 0;
  const eventually = async (probe: () => Promise<boolean>) => {
    for (let i = 0; i < 50 && !(await probe()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await probe()).toBe(true);
  };

  it('removes a settled call’s marker and appends nothing for it', async () => {
    const { process, metrics } = await apiProcess();
    const record = call();
    expect(await process.open(record)).toBe(true);
    expect(await markerOf(record.id)).toBe(1);

    process.settled(record.id);
    await eventually(async () => (await markerOf(record.id)) === 0);
    await process.sweep();
    expect(await rowsOf(record.id)).toEqual([]);
    expect(await interruptedCount(metrics)).toBe(0);
  });

  it('records a call it gave up on (its row could not be committed) as INTERRUPTED, never one it is running', async () => {
    const { process, metrics } = await apiProcess();
    const running = call();
    const givenUp = call();
    await process.open(running);
    await process.open(givenUp);
    process.abandoned(givenUp.id);
    // A marker is only taken as given up once it is more than a second old.
    await new Promise((r) => setTimeout(r, 1100));

    await process.sweep();

    expect(await rowsOf(givenUp.id)).toEqual([{ outcome: 'error', issue_codes: ['INTERRUPTED'] }]);
    expect(await markerOf(givenUp.id)).toBe(0);
    expect(await rowsOf(running.id)).toEqual([]);
    expect(await markerOf(running.id)).toBe(1);
    expect(await interruptedCount(metrics)).toBe(1);
    process.settled(running.id);
  });

  it('refuses to open a call when its marker cannot be written (the database is gone)', async () => {
    const broken = await migratedDataSource(target.url, 'calls-in-flight-broken', 2);
    const { process } = await apiProcess(broken);
    await broken.destroy();

    await expect(process.open(call())).rejects.toThrow(/not Connected/);
    await process.onApplicationShutdown();
  });

  it('writes no marker while AUDIT_ENABLED=false, since no rows are written either', async () => {
    const { process } = await apiProcess(dataSource, { enabled: false });
    const record = call();
    expect(await process.open(record)).toBe(false);
    expect(await markerOf(record.id)).toBe(0);
  });

  it('on a clean stop, deletes its heartbeat, so another process records what it left at once', async () => {
    const { process } = await apiProcess();
    const { process: other } = await apiProcess();
    const left = call();
    await process.open(left);
    // As if the call's dispatch had thrown and shutdown came before this process's own sweep could tell.
    process.abandoned(left.id);
    await dataSource.query(
      `UPDATE calls_in_flight SET started_at = now() - interval '1 minute' WHERE id = $1`,
      [left.id],
    );

    await process.onApplicationShutdown();

    expect(
      await dataSource.query('SELECT 1 FROM api_heartbeats WHERE instance_id = $1', [process.instanceId]),
    ).toEqual([]);
    expect(await rowsOf(left.id)).toEqual([{ outcome: 'error', issue_codes: ['INTERRUPTED'] }]);
    await other.sweep();
    expect(await rowsOf(left.id)).toHaveLength(1);
  });
});
