import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import type { DataSource } from 'typeorm';
import { SecurityEventRetentionJob } from './security-event-retention.job';

const DAY = 86_400_000;

describe.each(DATABASE_TARGETS)('security event retention on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;

  beforeAll(async () => {
    target = await open('gw_secevt_retention');
    dataSource = await migratedDataSource(target.url, 'security-event-retention-test');
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.close();
  });

  it('deletes the counts older than 30 days and keeps the rest', async () => {
    const minute = (ageDays: number) => new Date(Math.floor((Date.now() - ageDays * DAY) / 60_000) * 60_000);
    for (const [ageDays, ip] of [
      [45, '198.51.100.1'],
      [31, '198.51.100.2'],
      [29, '198.51.100.3'],
      [0, '198.51.100.4'],
    ] as const) {
      await dataSource.query(
        `INSERT INTO security_events (minute, ip, reason, count) VALUES ($1, $2, 'mcp_unknown_token', 7)`,
        [minute(ageDays), ip],
      );
    }
    const result = await new SecurityEventRetentionJob(dataSource).process({});
    expect(result).toEqual({ deleted: 2 });
    const left: { ip: string }[] = await dataSource.query('SELECT ip FROM security_events ORDER BY ip');
    expect(left.map((r) => r.ip)).toEqual(['198.51.100.3', '198.51.100.4']);
  });
});
