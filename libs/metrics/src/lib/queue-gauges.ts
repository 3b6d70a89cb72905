import { Gauge, type Registry } from 'prom-client';

/** What the gauges read of a BullMQ queue (Redis or PostgreSQL backend): counts, and the oldest job of a state. */
export interface MeasuredQueue {
  readonly name: string;
  getJobCounts(...states: QueueState[]): Promise<Record<string, number>>;
  getJobs(
    states: QueueState[],
    start: number,
    end: number,
    asc: boolean,
  ): Promise<({ timestamp: number } | undefined)[]>;
}

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** States whose oldest job's age tells a stuck queue: a delayed job waits on purpose, a finished one is done. */
const AGED_STATES: QueueState[] = ['waiting', 'active', 'prioritized'];

/** Scrapes closer together than this share one reading, so a burst of scrapes costs the queue store nothing. */
const MIN_READ_INTERVAL_MS = 5_000;
/** A store that does not answer in time leaves the gauges at their last reading, so the scrape itself answers. */
const READ_TIMEOUT_MS = 2_000;

interface Reading {
  at: number;
  depth: { queue: string; state: QueueState; value: number }[];
  age: { queue: string; state: QueueState; value: number }[];
}

/**
 * `gateway_queue_jobs` and `gateway_queue_oldest_job_age_seconds`, read on scrape: per queue one counts command and one
 * one-job read per aged state, at most once per five seconds, so the cost is bounded by the number of queues (four).
 */
export class QueueGauges {
  private reading: Reading | null = null;
  private pending: Promise<Reading | null> | null = null;

  constructor(private readonly queues: () => readonly MeasuredQueue[]) {}

  register(registry: Registry): void {
    const read = () => this.read();
    new Gauge({
      name: 'gateway_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, prioritized, failed = dead letters kept, completed).',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        const reading = await read();
        this.reset();
        for (const { queue, state, value } of reading?.depth ?? []) this.set({ queue, state }, value);
      },
    });
    new Gauge({
      name: 'gateway_queue_oldest_job_age_seconds',
      help: 'Age of the oldest job in each queue by state (waiting, active, prioritized); 0 when the state is empty.',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        const reading = await read();
        this.reset();
        for (const { queue, state, value } of reading?.age ?? []) this.set({ queue, state }, value);
      },
    });
  }

  private read(): Promise<Reading | null> {
    const now = Date.now();
    if (this.reading && now - this.reading.at < MIN_READ_INTERVAL_MS) return Promise.resolve(this.reading);
    this.pending ??= withTimeout(this.measure(now), READ_TIMEOUT_MS)
      .then((reading) => {
        if (reading) this.reading = reading;
        return this.reading;
      })
      .catch(() => this.reading)
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  private async measure(now: number): Promise<Reading> {
    const reading: Reading = { at: now, depth: [], age: [] };
    await Promise.all(
      this.queues().map(async (queue) => {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) {
          reading.depth.push({ queue: queue.name, state, value: counts[state] ?? 0 });
        }
        for (const state of AGED_STATES) {
          const [oldest] = (counts[state] ?? 0) > 0 ? await queue.getJobs([state], 0, 0, true) : [];
          const age = oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0;
          reading.age.push({ queue: queue.name, state, value: age });
        }
      }),
    );
    return reading;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
