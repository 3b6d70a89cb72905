import { randomUUID } from 'node:crypto';
import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import type { DataSource } from 'typeorm';
import { SessionCleanupJob } from './session-cleanup.job';

const HOUR = 3_600_000;

describe.each(DATABASE_TARGETS)('session clean-up on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  let userId: string;

  beforeAll(async () => {
    target = await open('gw_session_cleanup');
    dataSource = await migratedDataSource(target.url, 'session-cleanup-test');
    const [org] = await dataSource.query(
      `INSERT INTO organizations (id, name) VALUES ($1, 'Acme') RETURNING id`,
      [randomUUID()],
    );
    userId = randomUUID();
    await dataSource.query(
      `INSERT INTO users (id, organization_id, email, name, role) VALUES ($1, $2, 'ada@acme.test', 'Ada', 'member')`,
      [userId, org.id],
    );
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.close();
  });

  it('deletes reset links spent or expired for over a day and keeps the ones an admin may still look at', async () => {
    const link = async (name: string, expiresInHours: number, usedHoursAgo: number | null) => {
      const now = Date.now();
      await dataSource.query(
        `INSERT INTO password_resets (id, user_id, token_hash, expires_at, used_at) VALUES ($1, $2, $3, $4, $5)`,
        [
          randomUUID(),
          userId,
          name,
          new Date(now + expiresInHours * HOUR),
          usedHoursAgo === null ? null : new Date(now - usedHoursAgo * HOUR),
        ],
      );
    };
    await link('expired-two-days-ago', -48, null);
    await link('used-two-days-ago', -47, 48);
    await link('expired-an-hour-ago', -1, null);
    await link('used-an-hour-ago', 0.5, 1);
    await link('live', 1, null);

    const result = await new SessionCleanupJob(dataSource).process({});

    expect(result.reset_links_deleted).toBe(2);
    const left: { token_hash: string }[] = await dataSource.query(
      'SELECT token_hash FROM password_resets ORDER BY token_hash',
    );
    expect(left.map((r) => r.token_hash)).toEqual(['expired-an-hour-ago', 'live', 'used-an-hour-ago']);
  });

  it('deletes expired records of the MCP authorization server and keeps live ones', async () => {
    const record = (idHash: string, expiresInHours: number | null) =>
      dataSource.query(
        `INSERT INTO oauth_records (model, id_hash, payload, expires_at) VALUES ('AccessToken', $1, '{}'::jsonb, $2)`,
        [
          idHash.padEnd(64, '0'),
          expiresInHours === null ? null : new Date(Date.now() + expiresInHours * HOUR),
        ],
      );
    await record('expired', -1);
    await record('live', 1);
    await record('forever', null);

    const result = await new SessionCleanupJob(dataSource).process({});

    expect(result.oauth_records_deleted).toBe(1);
    const left: { id_hash: string }[] = await dataSource.query(
      'SELECT id_hash FROM oauth_records ORDER BY id_hash',
    );
    expect(left.map((r) => r.id_hash.replace(/0+$/, ''))).toEqual(['forever', 'live']);
  });
});
