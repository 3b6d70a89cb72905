import { createTestDatabase } from '@gw/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../lib/data-source';
import { startEmbeddedPostgres } from '../lib/embedded-postgres';
import { runMigrationsLocked } from '../lib/migrate';

/** A fresh, empty database for one suite, and how to throw it away. */
export interface DatabaseTarget {
  url: string;
  close(): Promise<void>;
}

/**
 * The two databases the product runs on, for suites that run once on each (`describe.each(DATABASE_TARGETS)`):
 * a fresh database on the local PostgreSQL server (named after `name`), and embedded PGlite in a fresh directory.
 */
export const DATABASE_TARGETS: [label: string, open: (name: string) => Promise<DatabaseTarget>][] = [
  [
    'PostgreSQL',
    async (name) => {
      const db = await createTestDatabase(name);
      return { url: db.url, close: () => db.drop() };
    },
  ],
  [
    'embedded PGlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gw-pglite-'));
      const embedded = await startEmbeddedPostgres(dir);
      return {
        url: embedded.url,
        close: async () => {
          await embedded.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

/** A connection to `url` with the schema migrated, as the apps open theirs. */
export async function migratedDataSource(
  url: string,
  applicationName: string,
  poolSize = 2,
): Promise<DataSource> {
  const dataSource = createDataSource({ url, poolSize, applicationName });
  await dataSource.initialize();
  await runMigrationsLocked(dataSource);
  return dataSource;
}
