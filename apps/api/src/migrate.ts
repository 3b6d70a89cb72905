import 'reflect-metadata';
import { ConfigError, DatabaseConfig, loadConfig } from '@gw/config';
import { createDataSource, runMigrationsLocked } from '@gw/db';

/**
 * `node dist/server/apps/api/src/migrate.js`: applies pending migrations to `DATABASE_URL` and exits, for a
 * deployment that migrates before it rolls the api out (the Kubernetes migration Job). The api runs the same
 * `runMigrationsLocked` at every start, under the same advisory lock, so it then finds nothing to do.
 */
async function main(): Promise<void> {
  const config = loadConfig(DatabaseConfig);
  if (!config.url) {
    // The embedded database lives inside the api's process tree; the api migrates it when it starts.
    throw new Error('DATABASE_URL is unset: the embedded database is migrated by the api when it starts');
  }
  const dataSource = createDataSource({
    url: config.url,
    // Two connections: one holds the advisory lock while the other runs the migrations.
    poolSize: 2,
    applicationName: 'clickup-gateway-migrate',
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    console.log(
      applied.length === 0 ? 'migrate: schema up to date' : `migrate: applied ${applied.join(', ')}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`config error: ${problem}`);
  } else {
    console.error(`migrate failed: ${(error as Error).message}`);
  }
  process.exit(1);
});
