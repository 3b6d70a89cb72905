import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { RetryConfig } from '@gw/config';
import type { Envelope, RetryJobState, RetryJobView } from '@gw/mcp-tools';
import { QUEUE_NAMES, QueueBackend, type ToolCallJobPayload, type ToolCallJobResult } from '@gw/queue';
import type { Job, JobState } from 'bullmq';

export type ToolCallJob = Job<ToolCallJobPayload, ToolCallJobResult, 'tool-call'>;

export type WaitOutcome =
  { kind: 'completed'; result: ToolCallJobResult } | { kind: 'failed'; reason: string } | { kind: 'pending' };

const DAY_S = 24 * 3600;
// Longer than this and the queue is taken as unreachable; the add may still land, which the answer then says.
const ENQUEUE_TIMEOUT_MS = 3000;

/** The enqueue did not answer in time: the job may or may not exist. */
export class EnqueueUncertain extends Error {
  override readonly name = 'EnqueueUncertain';
}

/**
 * The `retries` queue as the api uses it: queue a tool call that ran out of budget, wait for its outcome while the
 * call's budget lasts (with its progress), and show, retry or discard jobs for the REST API and `retry_job_get`.
 */
@Injectable()
export class RetryQueue implements OnModuleInit {
  private readonly logger = new Logger(RetryQueue.name);

  constructor(
    private readonly queues: QueueBackend,
    private readonly config: RetryConfig,
  ) {}

  onModuleInit(): void {
    // Listening from the start, so an outcome that comes while a call waits is not missed.
    const events = this.queues.queueEvents(QUEUE_NAMES.retries);
    events.on('completed', ({ jobId, returnvalue }) =>
      this.waiters
        .get(jobId)
        ?.finish({ kind: 'completed', result: returnvalue as unknown as ToolCallJobResult }),
    );
    events.on('failed', ({ jobId, failedReason }) =>
      this.waiters.get(jobId)?.finish({ kind: 'failed', reason: failedReason }),
    );
    events.on('progress', ({ jobId, data }) => {
      const message = (data as { message?: unknown } | null)?.message;
      if (typeof message === 'string') this.waiters.get(jobId)?.progress?.(message);
    });
  }

  private readonly waiters = new Map<
    string,
    { finish(outcome: WaitOutcome): void; progress?: (message: string) => void }
  >();

  private get queue() {
    return this.queues.producer(QUEUE_NAMES.retries);
  }

  async enqueue(jobId: string, payload: ToolCallJobPayload): Promise<void> {
    const add = this.queue.add('tool-call', payload, {
      jobId,
      attempts: this.config.maxAttempts,
      backoff: { type: 'full-jitter' },
      removeOnComplete: { age: 7 * DAY_S },
      removeOnFail: { age: 30 * DAY_S },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EnqueueUncertain('the retry queue did not answer')),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([add, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for a job's outcome until `deadline`, passing on the progress the worker reports. */
  wait(jobId: string, deadline: number, onProgress?: (message: string) => void): Promise<WaitOutcome> {
    return new Promise<WaitOutcome>((resolve) => {
      const finish = (outcome: WaitOutcome) => {
        if (this.waiters.get(jobId) !== waiter) return;
        this.waiters.delete(jobId);
        clearTimeout(timer);
        resolve(outcome);
      };
      const waiter = { finish, progress: onProgress };
      this.waiters.set(jobId, waiter);
      // Events can lag (the embedded queue polls once a second): the job's own state settles it at the deadline.
      const timer = setTimeout(
        () => void this.outcomeOf(jobId).then((outcome) => finish(outcome ?? { kind: 'pending' })),
        Math.max(0, deadline - Date.now()),
      );
      void this.outcomeOf(jobId).then((outcome) => outcome && finish(outcome));
    });
  }

  /** A job's outcome if it has one; null while it runs or when the queue cannot tell. */
  private async outcomeOf(jobId: string): Promise<WaitOutcome | null> {
    try {
      const found = await this.get(jobId);
      if (found?.view.state === 'completed') return { kind: 'completed', result: found.job.returnvalue };
      if (found?.view.state === 'failed') return { kind: 'failed', reason: found.job.failedReason };
      return null;
    } catch (error) {
      this.logger.warn(`could not read job ${jobId}: ${(error as Error).message}`);
      return null;
    }
  }

  async get(jobId: string): Promise<{ job: ToolCallJob; view: RetryJobView } | null> {
    // The state first: a job read before it is, and finishing in between, would be shown finished with no result.
    const state = toViewState(await this.queue.getJobState(jobId));
    const job = (await this.queue.getJob(jobId)) as ToolCallJob | undefined;
    if (!job || job.name !== 'tool-call' || !state) return null;
    return { job, view: viewOf(job, state) };
  }

  /** The newest jobs of an organization, in one state or in all. */
  async list(
    organizationId: string,
    state: RetryJobState | undefined,
    limit: number,
  ): Promise<{ job: ToolCallJob; view: RetryJobView }[]> {
    const states: RetryJobState[] = state ? [state] : ['active', 'waiting', 'delayed', 'failed', 'completed'];
    const out: { job: ToolCallJob; view: RetryJobView }[] = [];
    for (const s of states) {
      const types: JobState[] = s === 'waiting' ? ['waiting', 'prioritized'] : [s];
      // Jobs of other organizations share the queue; read a few pages to fill the answer with this one's.
      for (let start = 0; out.length < limit && start < limit * 20; start += limit) {
        const page = (await this.queue.getJobs(types, start, start + limit - 1, false)) as ToolCallJob[];
        for (const job of page) {
          if (job?.name === 'tool-call' && job.data.organization_id === organizationId && out.length < limit)
            out.push({ job, view: viewOf(job, s) });
        }
        if (page.length < limit) break;
      }
    }
    return out.sort((a, b) => b.view.queued_at - a.view.queued_at).slice(0, limit);
  }

  /** A dead-lettered job gets a full set of attempts again; a delayed one runs now. */
  async retry(job: ToolCallJob, state: RetryJobState): Promise<void> {
    if (state === 'failed')
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    else if (state === 'delayed') await job.promote();
    else throw new Error(`a ${state} job cannot be retried`);
  }

  async discard(job: ToolCallJob): Promise<void> {
    await job.remove();
  }
}

function toViewState(state: JobState | 'unknown'): RetryJobState | null {
  if (state === 'waiting' || state === 'prioritized' || state === 'waiting-children') return 'waiting';
  if (state === 'delayed' || state === 'active' || state === 'completed' || state === 'failed') return state;
  return null;
}

export function viewOf(job: ToolCallJob, state: RetryJobState): RetryJobView {
  const data = job.data;
  const nextAttempt =
    state === 'delayed'
      ? (data.next_attempt_at ?? job.timestamp + (job.delay ?? 0))
      : state === 'waiting'
        ? Date.now()
        : null;
  return {
    job_id: String(job.id),
    tool: data.tool,
    state,
    attempts: job.attemptsMade,
    max_attempts: job.opts.attempts ?? 1,
    queued_at: data.queued_at,
    next_attempt_at: nextAttempt,
    finished_at: state === 'completed' || state === 'failed' ? (job.finishedOn ?? null) : null,
    result: state === 'completed' ? ((job.returnvalue?.envelope ?? null) as Envelope | null) : null,
    last_error:
      state === 'completed' ? null : ((job.failedReason || null) ?? data.last_error?.message ?? null),
  };
}
