import { DATABASE_TARGETS } from '@gw/db/testing';
import { TEST_REDIS_URL, uniqueQueuePrefix } from '@gw/testing';
import { QueueBackend } from '../lib/queue-backend';

/** A queue backend of its own for one suite, and how to throw it away. */
export interface QueueTarget {
  queues: QueueBackend;
  close(): Promise<void>;
}

/**
 * The queue stores the product runs on, for suites that run once on each (`describe.each(queueTargets(...))`):
 * Redis under a prefix of its own, and BullMQ's PostgreSQL backend on a fresh database named after `name`, on the
 * local PostgreSQL server and, with `databases: 'all'`, on embedded PGlite too.
 */
export function queueTargets(
  name: string,
  { databases = 'postgres' }: { databases?: 'postgres' | 'all' } = {},
): [label: string, open: () => Promise<QueueTarget>][] {
  const redis = async (): Promise<QueueTarget> => {
    const queues = new QueueBackend({
      redisUrl: TEST_REDIS_URL,
      prefix: uniqueQueuePrefix(),
      databaseUrl: '',
    });
    return { queues, close: () => queues.close() };
  };
  const onDatabases = databases === 'all' ? DATABASE_TARGETS : DATABASE_TARGETS.slice(0, 1);
  return [
    ['Redis', redis],
    ...onDatabases.map(([label, open]): [string, () => Promise<QueueTarget>] => [
      `${label} (BullMQ's PostgreSQL backend)`,
      async () => {
        const database = await open(name);
        const queues = new QueueBackend({
          databaseUrl: database.url,
          postgresPoolSize: 2,
          postgresNotifications: !label.startsWith('embedded'),
        });
        await queues.prepare();
        return {
          queues,
          close: async () => {
            await queues.close();
            await database.close();
          },
        };
      },
    ]),
  ];
}
