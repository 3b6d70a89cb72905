import type { JobName, JobPayload, JobResult } from '@gw/queue';
import type { Job } from 'bullmq';

/** One processor per job name, with the payload and result types that name declares in @gw/queue. */
export interface JobProcessor<N extends JobName> {
  readonly name: N;
  /** How the worker of this processor's queue runs (default: 4 jobs at once, BullMQ's own backoffs). */
  readonly queueOptions?: QueueRunOptions;
  /** `token`: the lock of this attempt, for a processor that moves its job itself (back to delayed, say). */
  process(
    payload: JobPayload<N>,
    job: Job<JobPayload<N>, JobResult<N>>,
    token?: string,
  ): Promise<JobResult<N>>;
  /**
   * Called once when the queue gives up on a job because the workers running it stopped mid-attempt more often than
   * it allows (BullMQ's stalled-job limit): the job is failed without this processor running again, so its own
   * ending never ran.
   */
  abandoned?(payload: JobPayload<N>, job: Job<JobPayload<N>, JobResult<N>>): Promise<void>;
}

export interface QueueRunOptions {
  concurrency?: number;
  /** How long an attempt's lock lasts without renewal before the job counts as stalled (BullMQ's 30 s default). */
  lockMs?: number;
  /** How often a job may stall and still run again (BullMQ's default 1); past it the job fails, `abandoned`. */
  maxStalls?: number;
  /** The delay before the next attempt, for jobs added with `backoff: {type: 'custom'}` or a custom type name. */
  backoff?(attemptsMade: number, job: Job | undefined): number;
}

export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');
