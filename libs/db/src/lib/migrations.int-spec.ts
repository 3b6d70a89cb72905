import { DataSource } from 'typeorm';
import { DATABASE_TARGETS, type DatabaseTarget } from '../testing';
import { createDataSource } from './data-source';
import { runMigrationsLocked } from './migrate';

describe.each(DATABASE_TARGETS)('migrations on %s', (_label, open) => {
  let target: DatabaseTarget;
  const sources: DataSource[] = [];
  const connect = async () => {
    const ds = createDataSource({ url: target.url, poolSize: 2, applicationName: 'migrations-test' });
    sources.push(ds);
    return ds.initialize();
  };

  beforeAll(async () => {
    target = await open('gw_migrate');
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
