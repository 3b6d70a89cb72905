import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The local PostgreSQL server the integration suites use (trust auth). */
export const TEST_POSTGRES_URL =
  process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the local server, so suites can run in parallel without sharing state. */
export async function createTestDatabase(label = 'gw'): Promise<TestDatabase> {
  const name = `${label}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    name,
    url,
    drop: () =>
      admin(async (c) => {
        await c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/** Makes a database unreachable for new and existing connections, as if its server went away. */
export async function cutOffDatabase(name: string): Promise<void> {
  await admin(async (c) => {
    await c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  });
}

export async function restoreDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
}

/** A unique BullMQ prefix, so suites sharing the local Redis never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `t${randomBytes(4).toString('hex')}`;
}
