import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { RetryConfig } from '@gw/config';
import type { Envelope, RetryJobState, RetryJobView } from '@gw/mcp-tools';
import {
  answeredWithin,
  QUEUE_ANSWER_TIMEOUT_MS,
  cancellable,
  cancelledMessage,
  cancelLine,
  cancelOf,
  QUEUE_NAMES,
  QueueBackend,
  type CancelRecord,
  type ToolCallJobPayload,
  type ToolCallJobResult,
} from '@gw/queue';
import { activeCarrier } from '@gw/tracing';
import type { Job, JobState } from 'bullmq';

export type ToolCallJob = Job<ToolCallJobPayload, ToolCallJobResult, 'tool-call'>;

/** A queued call as found: the job, how it is shown, and whether a cancel was asked for that is not yet binding. */
export interface QueuedCall {
  job: ToolCallJob;
  view: RetryJobView;
  cancelRequested: boolean;
}

/**
 * What became of a cancel: `cancelled` (binding: nothing of the call will run), `requested` (an attempt is running;
 * it stops before its next request if nothing was written by then), `written` (a change of the call was or may
 * have been applied, so it is carried to its end rather than left half done, unless that change turns out not to
 * have been made), `finished` (it had already ended).
 */
export type CancelOutcome = 'cancelled' | 'requested' | 'written' | 'finished';

/** BullMQ's states that hold a job which has not ended. */
type PendingState = 'waiting' | 'delayed' | 'active';

export type WaitOutcome =
  { kind: 'completed'; result: ToolCallJobResult } | { kind: 'failed'; reason: string } | { kind: 'pending' };

const DAY_S = 24 * 3600;
/** How long an ended job stays readable (REST, `retry_job_get`, `tasks/get`) before BullMQ removes it. */
export const KEPT_AFTER_END_MS = { completed: 7 * DAY_S * 1000, failed: 30 * DAY_S * 1000 } as const;

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
    const trace = activeCarrier();
    const add = this.queue.add('tool-call', trace ? { ...payload, trace } : payload, {
      jobId,
      attempts: this.config.maxAttempts,
      backoff: { type: 'full-jitter' },
      removeOnComplete: { age: KEPT_AFTER_END_MS.completed / 1000 },
      removeOnFail: { age: KEPT_AFTER_END_MS.failed / 1000 },
    });
    await answeredWithin(
      add,
      QUEUE_ANSWER_TIMEOUT_MS,
      () => new EnqueueUncertain('the retry queue did not answer'),
    );
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
      if (found?.view.state === 'cancelled')
        return { kind: 'failed', reason: found.view.last_error ?? 'cancelled' };
      return null;
    } catch (error) {
      this.logger.warn(`could not read job ${jobId}: ${(error as Error).message}`);
      return null;
    }
  }

  async get(jobId: string): Promise<QueuedCall | null> {
    // The state first: a job read before it is, and finishing in between, would be shown finished with no result.
    const state = toViewState(await this.queue.getJobState(jobId));
    const job = (await this.queue.getJob(jobId)) as ToolCallJob | undefined;
    if (!job || job.name !== 'tool-call' || !state) return null;
    return this.found(job, state);
  }

  /**
   * Cancels a queued call if that can be done without losing or repeating anything. The request goes to the job's
   * log first, whatever the job's state: the worker honours it before its next request while nothing of the call
   * was written. Only a job then seen waiting or delayed, with nothing written, is cancelled for sure, because no
   * attempt can start from then on without reading the request (tool-call-cancel in @gw/queue).
   */
  async cancel(found: QueuedCall, by: string): Promise<CancelOutcome> {
    const { job, view } = found;
    if (view.state === 'cancelled') return 'cancelled';
    if (view.state === 'completed' || view.state === 'failed') return 'finished';
    await job.log(cancelLine('requested', by));
    const state = await this.queue.getJobState(String(job.id));
    if (state === 'completed' || state === 'failed' || state === 'unknown') return 'finished';
    if (state === 'active') return 'requested';
    // Not running, so its journal cannot change before the next attempt reads the request: this read is final.
    const fresh = (await this.queue.getJob(String(job.id))) as ToolCallJob | undefined;
    if (!fresh) return 'finished';
    if (!cancellable(fresh.data.journal)) return 'written';
    await fresh.log(cancelLine('confirmed', by));
    // The worker ends it as cancelled now rather than when its next attempt would have been due.
    if (state === 'delayed') await fresh.promote().catch(() => undefined);
    return 'cancelled';
  }

  /** The job as shown: a binding cancel shows as `cancelled` in every state but completed. */
  private async found(job: ToolCallJob, state: RetryJobState): Promise<QueuedCall> {
    const cancel = isPending(state) ? await this.cancelRecord(String(job.id)) : null;
    const cancelled = job.data.cancelled_at !== undefined || cancel?.confirmed === true;
    return {
      job,
      view: viewOf(job, cancelled && state !== 'completed' ? 'cancelled' : state, cancel),
      cancelRequested: cancel !== null && !cancel.confirmed && !cancelled,
    };
  }

  private async cancelRecord(jobId: string): Promise<CancelRecord | null> {
    const { logs } = await this.queue.getJobLogs(jobId, 0, LOG_LINES_READ - 1, true);
    return cancelOf(logs);
  }

  /** The newest jobs of an organization, in one state or in all. */
  async list(organizationId: string, state: RetryJobState | undefined, limit: number): Promise<QueuedCall[]> {
    const wanted = state ?? null;
    const scans = wanted ? SCANS_FOR[wanted] : ALL_SCANS;
    const out: QueuedCall[] = [];
    for (const scan of scans) {
      // Jobs of other organizations share the queue; read a few pages to fill the answer with this one's.
      for (let start = 0; out.length < limit && start < limit * 20; start += limit) {
        const page = (await this.queue.getJobs(
          TYPES_OF[scan],
          start,
          start + limit - 1,
          false,
        )) as ToolCallJob[];
        const own = page.filter(
          (job) => job?.name === 'tool-call' && job.data.organization_id === organizationId,
        );
        for (const found of await Promise.all(own.map((job) => this.found(job, scan)))) {
          if (out.length < limit && (!wanted || found.view.state === wanted)) out.push(found);
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

// Cancel lines are the first a job's log holds (nothing else logs to tool-call jobs); a few more are read anyway.
const LOG_LINES_READ = 20;

type Scan = Exclude<RetryJobState, 'cancelled'>;
const TYPES_OF: Record<Scan, JobState[]> = {
  waiting: ['waiting', 'prioritized'],
  delayed: ['delayed'],
  active: ['active'],
  completed: ['completed'],
  failed: ['failed'],
};
const ALL_SCANS: Scan[] = ['active', 'waiting', 'delayed', 'failed', 'completed'];
/** Where jobs shown in a state may be: a cancelled one is failed once the worker ended it, or not yet reached. */
const SCANS_FOR: Record<RetryJobState, Scan[]> = {
  waiting: ['waiting'],
  delayed: ['delayed'],
  active: ['active'],
  completed: ['completed'],
  failed: ['failed'],
  cancelled: ['failed', 'waiting', 'delayed', 'active'],
};

const isPending = (state: RetryJobState): state is PendingState =>
  state === 'waiting' || state === 'delayed' || state === 'active';

function toViewState(state: JobState | 'unknown'): Scan | null {
  if (state === 'waiting' || state === 'prioritized' || state === 'waiting-children') return 'waiting';
  if (state === 'delayed' || state === 'active' || state === 'completed' || state === 'failed') return state;
  return null;
}

export function viewOf(
  job: ToolCallJob,
  state: RetryJobState,
  cancel: CancelRecord | null = null,
): RetryJobView {
  const data = job.data;
  if (state === 'cancelled') {
    return {
      job_id: String(job.id),
      tool: data.tool,
      state,
      attempts: job.attemptsMade,
      max_attempts: job.opts.attempts ?? 1,
      queued_at: data.queued_at,
      next_attempt_at: null,
      finished_at: data.cancelled_at ?? cancel?.requestedAt ?? job.finishedOn ?? null,
      result: null,
      last_error: cancelledMessage(data.cancelled_by ?? cancel?.by),
    };
  }
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
    // A held call says which pause holds it rather than how its last attempt failed.
    last_error:
      state === 'completed'
        ? null
        : state === 'delayed' && data.held && data.last_error
          ? data.last_error.message
          : ((job.failedReason || null) ?? data.last_error?.message ?? null),
  };
}
