import { ClickUpConnectionEntity, McpServerEntity, OrganizationEntity } from '@gw/db';
import { migratedDataSource } from '@gw/db/testing';
import { createTestDatabase, type TestDatabase } from '@gw/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ExpireServerJob } from './expire-server.job';

let database: TestDatabase;
let dataSource: DataSource;
let job: ExpireServerJob;
let organizationId: string;
let connectionId: string;

beforeAll(async () => {
  database = await createTestDatabase('gw_expire');
  dataSource = await migratedDataSource(database.url, 'expire-server-test');
  job = new ExpireServerJob(dataSource);
  organizationId = randomUUID();
  connectionId = randomUUID();
  await dataSource.getRepository(OrganizationEntity).insert({ id: organizationId, name: 'Acme' });
  await dataSource.getRepository(ClickUpConnectionEntity).insert({
    id: connectionId,
    organizationId,
    name: 'Acme',
    type: 'personal_token',
    credentialCiphertext: 'v1.x.y.z',
    credentialKeyId: 'k',
    credentialFingerprint: 'f',
    clickupUserId: '1',
    clickupUsername: 'Alex',
    clickupEmail: null,
    workspaces: [],
    createdByUserId: null,
    deletedAt: null,
  });
}, 60_000);

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

async function server(
  expiresAt: Date | null,
  tokenHash: string | null = randomUUID(),
): Promise<McpServerEntity> {
  const id = randomUUID();
  await dataSource.getRepository(McpServerEntity).insert({
    id,
    organizationId,
    connectionId,
    teamId: null,
    name: 'S',
    workspaceId: '1',
    spaceIds: [],
    config: { methods: [], tags: [], require_api_token_auth: false },
    tokenHash,
    expiresAt,
    revokedAt: null,
    createdByUserId: null,
  });
  // Backdated, so the purge's bump of updated_at is visible.
  await dataSource.query(`UPDATE mcp_servers SET updated_at = now() - interval '1 hour' WHERE id = $1`, [id]);
  return dataSource.getRepository(McpServerEntity).findOneByOrFail({ id });
}

const reload = (id: string) => dataSource.getRepository(McpServerEntity).findOneByOrFail({ id });

describe('expire-server job', () => {
  it('deletes the token hash of a server whose expiry has passed, and bumps updated_at', async () => {
    const expired = await server(new Date(Date.now() - 1000));
    await expect(job.process({ server_id: expired.id })).resolves.toEqual({
      purged: true,
      reason: 'expired',
    });
    const after = await reload(expired.id);
    expect(after.tokenHash).toBeNull();
    expect(after.updatedAt.getTime()).toBeGreaterThan(expired.updatedAt.getTime());
    // Running again (a retried job) changes nothing.
    await expect(job.process({ server_id: expired.id })).resolves.toEqual({
      purged: false,
      reason: 'already-purged',
    });
  });

  it('leaves a server alone whose expiry was moved into the future or removed', async () => {
    for (const expiresAt of [new Date(Date.now() + 3_600_000), null]) {
      const extended = await server(expiresAt);
      await expect(job.process({ server_id: extended.id })).resolves.toEqual({
        purged: false,
        reason: 'not-expired',
      });
      expect((await reload(extended.id)).tokenHash).toBe(extended.tokenHash);
    }
  });

  it('says so when the server is gone', async () => {
    await expect(job.process({ server_id: randomUUID() })).resolves.toEqual({
      purged: false,
      reason: 'not-found',
    });
  });
});
