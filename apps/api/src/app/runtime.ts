import { createDataSource, resolveDatabase, ResolvedDatabase, runMigrationsLocked } from '@gw/db';
import { QueueBackend } from '@gw/queue';
import type { DataSource } from 'typeorm';
import { resolveEncryptionKey } from '@gw/security';
import type { ApiConfigs } from '../config/runtime';

/** What the api process holds outside Nest: its configs, database, queue store and keys. */
export interface ApiRuntime {
  configs: ApiConfigs;
  database: ResolvedDatabase;
  dataSource: DataSource;
  queues: QueueBackend;
  encryptionKey: string;
  appliedMigrations: string[];
}

/** Opens (or starts) the database, migrates it, prepares the queue store. */
export async function createApiRuntime(configs: ApiConfigs): Promise<ApiRuntime> {
  const database = await resolveDatabase({
    url: configs.database.url,
    dataDir: configs.database.dataDir,
    embeddedPort: configs.database.embeddedPort,
    host: true,
  });
  try {
    const encryptionKey = resolveEncryptionKey({
      configured: configs.security.encryptionKey,
      embedded: database.embedded,
      dataDir: configs.app.dataDir,
    });
    const dataSource = createDataSource({
      url: database.url,
      // pglite-socket runs one query at a time; a big pool only queues behind it.
      poolSize: database.embedded ? 4 : configs.database.poolSize,
      applicationName: 'clickup-gateway-api',
    });
    await dataSource.initialize();
    const appliedMigrations = await runMigrationsLocked(dataSource);
    const queues = new QueueBackend({
      redisUrl: configs.queue.redisUrl,
      prefix: configs.queue.prefix,
      databaseUrl: database.url,
      postgresPoolSize: database.embedded ? 2 : 4,
      postgresNotifications: !database.embedded,
    });
    await queues.prepare();
    return { configs, database, dataSource, queues, encryptionKey, appliedMigrations };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

export async function closeApiRuntime(runtime: ApiRuntime): Promise<void> {
  await runtime.queues.close();
  if (runtime.dataSource.isInitialized) await runtime.dataSource.destroy();
  await runtime.database.stop();
}
