import {
  createPostgresBackend,
  PostgresConnectionOptions,
  Queue,
  QueueEvents,
  QueueOptions,
  withBackend,
  Worker,
  WorkerOptions,
} from 'bullmq';
import IORedis from 'ioredis';
import type { Processor } from 'bullmq';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueBackendOptions {
  /** Set: BullMQ on Redis. Unset: BullMQ's PostgreSQL backend on `databaseUrl`. */
  redisUrl?: string;
  /** BullMQ key prefix on Redis. */
  prefix?: string;
  databaseUrl: string;
  /** pg pool size per queue object; keep it small on the embedded database. */
  postgresPoolSize?: number;
  /**
   * False on the embedded database: pglite-socket does not deliver NOTIFY to other clients, so workers must poll
   * (at most once a second) instead of sleeping until a notification that never comes.
   */
  postgresNotifications?: boolean;
}

const POLL_SECONDS = 1;

/** BullMQ's PostgreSQL backend with its blocking waits capped, for a database that does not deliver NOTIFY. */
const pollingPostgresBackend: typeof createPostgresBackend = (name, opts, factoryOptions) => {
  const backend = createPostgresBackend(name, opts, factoryOptions);
  Object.defineProperty(backend, 'maximumBlockTimeout', { get: () => POLL_SECONDS });
  return backend;
};

/**
 * Builds BullMQ queues and workers on Redis or on PostgreSQL, so the rest of the code never asks which.
 * One Redis connection is shared by the queues; workers get their own, as BullMQ's blocking reads require.
 */
export class QueueBackend {
  readonly kind: QueueBackendKind;
  private readonly queues = new Map<string, Queue>();
  private readonly producers = new Map<string, Queue>();
  private readonly events = new Map<string, QueueEvents>();
  private sharedRedis?: IORedis;
  private readonly workers: Worker[] = [];
  private readonly redisConnections: IORedis[] = [];
  private readonly postgres: ReturnType<
    typeof withBackend<ReturnType<typeof createPostgresBackend>, PostgresConnectionOptions>
  >;

  constructor(private readonly options: QueueBackendOptions) {
    this.kind = options.redisUrl ? 'redis' : 'postgres';
    this.polling = options.postgresNotifications === false;
    this.postgres = withBackend(this.polling ? pollingPostgresBackend : createPostgresBackend);
  }

  private readonly polling: boolean;

  /** The Redis key prefix (BullMQ's and the product's own keys). */
  get prefix(): string {
    return this.options.prefix ?? 'bull';
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.kind === 'redis' ? new Queue(name, this.redisOptions()) : this.postgresQueue(name);
      queue.on('error', () => undefined); // surfaced through ping(), not as an unhandled event
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * A queue for code that answers a request while it waits (the api's retry queue): on Redis its commands fail at
   * once while Redis is unreachable instead of waiting for it, so a caller can say so. The same queue on PostgreSQL.
   */
  producer(name: string): Queue {
    if (this.kind === 'postgres') return this.queue(name);
    let queue = this.producers.get(name);
    if (!queue) {
      queue = new Queue(name, this.redisOptions({ failFast: true }));
      queue.on('error', () => undefined);
      this.producers.set(name, queue);
    }
    return queue;
  }

  /** One event stream per queue and process (completed, failed, progress, delayed). */
  queueEvents(name: string): QueueEvents {
    let events = this.events.get(name);
    if (!events) {
      events =
        this.kind === 'redis'
          ? new QueueEvents(name, this.redisOptions())
          : (new this.postgres.QueueEvents(name, {
              connection: this.postgresConnection(false),
              // Without NOTIFY (embedded), look for new events every second.
              ...(this.polling ? { blockingTimeout: POLL_SECONDS * 1000 } : {}),
            }) as unknown as QueueEvents);
      events.on('error', () => undefined);
      this.events.set(name, events);
    }
    return events;
  }

  /**
   * A Redis connection for other shared state than queues (the ClickUp request budget), failing fast while Redis
   * is down; null on the PostgreSQL backend.
   */
  redis(): IORedis | null {
    if (this.kind !== 'redis') return null;
    this.sharedRedis ??= this.redisConnection({ failFast: true });
    return this.sharedRedis;
  }

  worker(name: string, processor: Processor, options: Partial<WorkerOptions> = {}): Worker {
    const worker =
      this.kind === 'redis'
        ? new Worker(name, processor, { ...this.redisOptions(), ...options })
        : new this.postgres.Worker(name, processor, {
            connection: this.postgresConnection(false),
            ...(this.polling ? { drainDelay: POLL_SECONDS } : {}),
            ...options,
          } as WorkerOptions<never>);
    this.workers.push(worker as Worker);
    return worker as Worker;
  }

  /** Creates the PostgreSQL backend's schema if needed; a no-op on Redis. */
  async prepare(): Promise<void> {
    if (this.kind === 'postgres') {
      const queue = new this.postgres.Queue('__migrate', { connection: this.postgresConnection(true) });
      try {
        await queue.waitUntilReady();
      } finally {
        await queue.close();
      }
    }
  }

  /**
   * The queue, connected. BullMQ's PostgreSQL backend remembers a failed first connection forever, so a queue
   * object that could not connect (database down at that moment) is dropped and rebuilt on the next call.
   */
  async ready(name: string): Promise<Queue> {
    const queue = this.queue(name);
    try {
      await queue.waitUntilReady();
      return queue;
    } catch (error) {
      if (this.queues.get(name) === queue) this.queues.delete(name);
      void queue.close().catch(() => undefined);
      throw error;
    }
  }

  /** Resolves when the queue store answers; used by /readyz. */
  async ping(timeoutMs = 2000): Promise<void> {
    await withTimeout(
      this.ready('maintenance').then((q) => q.getJobCounts('waiting')),
      timeoutMs,
      'queue store did not answer',
    );
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.events.values()].map((e) => e.close()));
    await Promise.allSettled([...this.queues.values(), ...this.producers.values()].map((q) => q.close()));
    this.redisConnections.forEach((c) => c.disconnect());
    this.queues.clear();
    this.producers.clear();
    this.events.clear();
    this.sharedRedis = undefined;
    this.workers.length = 0;
  }

  private redisOptions(options: { failFast?: boolean } = {}): QueueOptions {
    return { connection: this.redisConnection(options), prefix: this.options.prefix };
  }

  private redisConnection(options: { failFast?: boolean }): IORedis {
    const connection = new IORedis(
      this.options.redisUrl as string,
      options.failFast
        ? // Commands fail at once while the connection is down, and within a second when Redis stops answering.
          { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: 1000, lazyConnect: false }
        : { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false },
    );
    connection.on('error', () => undefined);
    this.redisConnections.push(connection);
    return connection;
  }

  private postgresQueue(name: string): Queue {
    return new this.postgres.Queue(name, { connection: this.postgresConnection(false) }) as unknown as Queue;
  }

  private postgresConnection(migrate: boolean) {
    return { connectionString: this.options.databaseUrl, max: this.options.postgresPoolSize ?? 3, migrate };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
