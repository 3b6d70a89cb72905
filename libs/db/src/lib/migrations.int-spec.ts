import { createTestDatabase, TestDatabase } from '@gw/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { runMigrationsLocked } from './migrate';

interface Target {
  url: string;
  close(): Promise<void>;
}

const targets: [string, () => Promise<Target>][] = [
  [
    'PostgreSQL',
    async () => {
      const db: TestDatabase = await createTestDatabase('gw_migrate');
      return { url: db.url, close: () => db.drop() };
    },
  ],
  [
    'embedded PGlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gw-pglite-'));
      const embedded: EmbeddedPostgres = await startEmbeddedPostgres(dir);
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

describe.each(targets)('migrations on %s', (_label, open) => {
  let target: Target;
  const sources: DataSource[] = [];
  const connect = async () => {
    const ds = createDataSource({ url: target.url, poolSize: 2, applicationName: 'migrations-test' });
    sources.push(ds);
    return ds.initialize();
  };

  beforeAll(async () => {
    target = await open();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
    await target.close();
  });

  it('applies every migration once even when two processes start together, then finds nothing to do', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const [first, second] = await Promise.all([runMigrationsLocked(a), runMigrationsLocked(b)]);
    expect([...first, ...second]).toEqual(a.migrations.map((m) => m.name));
    expect(await runMigrationsLocked(a)).toEqual([]);
    const rows = await a.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBe(a.migrations.length);
  });

  it('leaves no difference between the entities and the migrated schema', async () => {
    const ds = sources[0];
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
