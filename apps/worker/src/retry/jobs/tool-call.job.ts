import { Injectable } from '@nestjs/common';
import { ClickUpConfig, RetryConfig } from '@gw/config';
import { ClickUpClient, ClickUpError, ClickUpTransport } from '@gw/clickup-client';
import {
  actsAsCaller,
  asCaller,
  CallerAccountLoader,
  isCallerRefusal,
  McpServerLoader,
  PauseLoader,
  pausedMessage,
  type ActivePause,
  type ServedServer,
} from '@gw/mcp-servers';
import { ToolCatalog } from '@gw/mcp-tools';
import {
  cancellable,
  cancelledMessage,
  cancelOf,
  QUEUE_NAMES,
  QueueBackend,
  type CancelRecord,
  type JobPayload,
  type JobResult,
} from '@gw/queue';
import { fullJitterDelay, RateBudgets, ReplayCall } from '@gw/retry';
import { GatewayMetrics } from '@gw/metrics';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { JobProcessor, QueueRunOptions } from '../../jobs/job-processor';
import { ApprovedCall } from '../approved-call';
import { RetryAudit } from '../retry-audit';

type ToolCallJobType = Job<JobPayload<'tool-call'>, JobResult<'tool-call'>>;

/**
 * How long a held call waits before it looks at its pause again. A resume promotes held calls at once; this only
 * bounds the wait should that promotion be missed (the resuming process stopped in between).
 */
export const HOLD_RECHECK_MS = 15_000;

/**
 * Carries on a tool call that ran out of budget in the api (CONTRACTS §6). Each attempt runs the tool's handler
 * again over a ReplayCall: what the call already did is answered from its journal, a create that may have been
 * applied is looked for upstream first, and every write is journaled in the job as it goes. A ClickUp failure ends
 * the attempt; the next one comes after a full-jitter backoff, and after the last the job is dead-lettered. A call
 * carried out for an approval runs only while it is still exactly the call that was approved (`ApprovedCall`).
 * While a pause covers the call's server, it holds: back to delayed before it sends anything, spending no attempt.
 */
@Injectable()
export class ToolCallJob implements JobProcessor<'tool-call'> {
  readonly name = 'tool-call' as const;
  readonly queueOptions: QueueRunOptions;
  private readonly upstream: ClickUpTransport;

  constructor(
    private readonly catalog: ToolCatalog,
    private readonly servers: McpServerLoader,
    private readonly callers: CallerAccountLoader,
    private readonly budgets: RateBudgets,
    private readonly audit: RetryAudit,
    private readonly clickup: ClickUpConfig,
    private readonly queues: QueueBackend,
    private readonly approved: ApprovedCall,
    private readonly pauses: PauseLoader,
    config: RetryConfig,
    metrics: GatewayMetrics,
  ) {
    this.upstream = new ClickUpTransport({ recorder: metrics.clickupRecorder });
    this.queueOptions = {
      // Most queued calls spend their time waiting for the rate limit, not working.
      concurrency: config.workerConcurrency,
      // The processor drew the delay (and showed it in the job) before failing the attempt.
      backoff: (attemptsMade, job) =>
        (job?.data as JobPayload<'tool-call'> | undefined)?.next_delay_ms ??
        fullJitterDelay(attemptsMade, { baseMs: config.baseDelayMs, capMs: config.maxDelayMs }),
    };
    this.backoff = { baseMs: config.baseDelayMs, capMs: config.maxDelayMs };
  }

  private readonly backoff: { baseMs: number; capMs: number };

  /** Its workers died mid-call too often: the call may have reached ClickUp, and its row says so. */
  async abandoned(payload: JobPayload<'tool-call'>, job: ToolCallJobType): Promise<void> {
    await this.audit.deadLettered(String(job.id), payload, 'INTERRUPTED', null, {
      reason:
        'the worker running it stopped mid-call more than once; ClickUp may have applied it, so check before retrying',
    });
  }

  async process(
    payload: JobPayload<'tool-call'>,
    job: ToolCallJobType,
    token?: string,
  ): Promise<JobResult<'tool-call'>> {
    const jobId = String(job.id);
    // Honoured only while nothing of the call was written: a call half done is carried to its end instead.
    const requested = cancellable(payload.journal) ? await this.cancelOf(jobId) : null;
    if (requested) return this.cancelled(jobId, payload, job, requested);
    // Read before each attempt: job data can be changed in the queue store, an approval row cannot from there.
    const tampered = await this.approved.refusal(jobId, payload);
    if (tampered) {
      const message = `The queued call was not run: ${tampered}`;
      await this.audit.deadLettered(jobId, payload, 'APPROVAL_MISMATCH', null, { reason: message });
      throw new UnrecoverableError(message);
    }
    // Loaded afresh for each attempt: the server may have been revoked, or its connection removed, since the call queued.
    const loaded = await this.servers.byId(payload.server_id);
    const refusal =
      'refused' in loaded
        ? loaded.refused
        : loaded.selection.names.has(payload.tool)
          ? null
          : `Its MCP server no longer allows ${payload.tool}.`;
    if (refusal || 'refused' in loaded) {
      const message = `The queued call was not run: ${refusal}`;
      await this.audit.deadLettered(jobId, payload, 'FORBIDDEN', null, { reason: message });
      throw new UnrecoverableError(message);
    }
    // Read afresh, not cached: a resume promotes held calls the moment it commits, and they must not hold again.
    const [pause] = await this.pauses.covering(loaded);
    if (pause) return this.hold(job, token, pause, loaded);
    if (job.data.held) await job.updateData(withoutHold(job.data));
    const server = await this.actingFor(loaded, payload);
    if (typeof server === 'string') {
      const message = `The queued call was not run: ${server}`;
      await this.audit.deadLettered(jobId, payload, 'CLICKUP_ACCOUNT_NOT_LINKED', null, { reason: message });
      throw new UnrecoverableError(message);
    }

    server.scope.adopt(payload.scope);
    const cancel: { seen: CancelRecord | null } = { seen: null };
    const paused: { seen: ActivePause | null } = { seen: null };
    const call = new ReplayCall({
      upstream: this.upstream,
      budgets: this.budgets,
      fingerprint: server.fingerprint,
      journal: payload.journal,
      persist: (journal) => job.updateData({ ...job.data, journal }),
      userId: server.clickupUserId,
      queuedAt: payload.queued_at,
      onProgress: (message) => void job.updateProgress({ message }).catch(() => undefined),
      // A cancel asked for during the attempt (often a long wait for the rate limit) stops it before the next send.
      // So does a pause: the attempt ends before its next send, and the call holds with what it has journaled.
      mayProceed: async () => {
        cancel.seen = cancellable(payload.journal) ? await this.cancelOf(jobId) : null;
        if (cancel.seen) return false;
        paused.seen = (await this.pauses.covering(loaded))[0] ?? null;
        return paused.seen === null;
      },
    });
    const client = new ClickUpClient({
      baseUrl: this.clickup.apiBaseUrl,
      credential: server.credential,
      timeoutMs: this.clickup.timeoutMs,
      transport: call.transport,
      traceparent: payload.origin.traceparent ?? undefined,
    });
    const envelope = await this.catalog.call(payload.tool, payload.arguments, {
      client,
      scope: server.scope,
      selection: server.selection,
    });
    const details = () => ({
      attempts: job.attemptsMade + 1,
      deduplicated: call.deduplicated,
      writes: payload.journal.writes.map((w) => `${w.request.operation} ${w.state}`),
    });

    const stop = call.stop;
    if (stop?.kind === 'cancelled' && cancel.seen) return this.cancelled(jobId, payload, job, cancel.seen);
    if (stop?.kind === 'cancelled' && paused.seen) return this.hold(job, token, paused.seen, loaded);
    if (stop?.kind === 'unrecoverable') {
      await this.audit.deadLettered(jobId, payload, 'UPSTREAM_ERROR', null, {
        ...details(),
        reason: stop.message,
      });
      throw new UnrecoverableError(stop.message);
    }
    if (stop?.kind === 'retry') return this.retryLater(jobId, payload, job, stop.error, details());

    await this.audit.completed(jobId, payload, envelope, details(), server.clickupUserId);
    return { envelope, deduplicated: call.deduplicated };
  }

  /**
   * The server as this attempt acts: for a server acting as its caller, the person's linked account read afresh (an
   * unlink since the call queued stops it), or why it cannot run.
   */
  private async actingFor(
    server: ServedServer,
    payload: JobPayload<'tool-call'>,
  ): Promise<ServedServer | string> {
    if (!actsAsCaller(server)) return server;
    const caller = payload.origin.caller;
    if (!caller) return 'its MCP server acts as each signed-in person, and no person made this call.';
    const { account } = await this.callers.read(server.organizationId, caller.user_id);
    const acting = asCaller(server, account);
    if (!isCallerRefusal(acting)) return acting;
    return acting.refused === 'not_linked'
      ? `${caller.email} no longer has a linked ClickUp account.`
      : `the ClickUp account ${caller.email} linked no longer reaches the server's workspace ${acting.workspace.id}.`;
  }

  /** The cancel its client asked for, read from the job's log (read after this attempt began, so never missed). */
  private async cancelOf(jobId: string): Promise<CancelRecord | null> {
    const { logs } = await this.queues.queue(QUEUE_NAMES.retries).getJobLogs(jobId, 0, 19, true);
    return cancelOf(logs);
  }

  /** Ends the job as cancelled, sending nothing: its outcome is recorded, then it fails for good. */
  private async cancelled(
    jobId: string,
    payload: JobPayload<'tool-call'>,
    job: ToolCallJobType,
    cancel: CancelRecord,
  ): Promise<never> {
    const message = cancelledMessage(cancel.by);
    await this.audit.cancelled(jobId, payload, {
      attempts: job.attemptsMade,
      requested_at: new Date(cancel.requestedAt).toISOString(),
      reason: message,
    });
    await job.updateData({ ...withoutHold(job.data), cancelled_at: Date.now(), cancelled_by: cancel.by });
    throw new UnrecoverableError(message);
  }

  /**
   * Puts the job back as delayed without spending an attempt, marked as held by the pause (a resume promotes the
   * jobs so marked), and looks at the pause once more: a resume that committed while the job was moved may have
   * looked for held jobs before this one was among them, so it is promoted here instead.
   */
  private async hold(
    job: ToolCallJobType,
    token: string | undefined,
    pause: ActivePause,
    server: ServedServer,
  ): Promise<never> {
    const now = Date.now();
    const since = job.data.held?.pause_id === pause.id ? job.data.held.since : now;
    await job.updateData({
      ...job.data,
      held: { pause_id: pause.id, since },
      last_error: { code: 'PAUSED', message: pausedMessage(pause), at: now },
      next_attempt_at: now + HOLD_RECHECK_MS,
    });
    await job.moveToDelayed(now + HOLD_RECHECK_MS, token);
    const [still] = await this.pauses.covering(server);
    if (!still) await job.promote().catch(() => undefined);
    throw new DelayedError(`Held by pause ${pause.id}`);
  }

  /** Ends this attempt: BullMQ runs the next after the drawn delay, or dead-letters the job after the last. */
  private async retryLater(
    jobId: string,
    payload: JobPayload<'tool-call'>,
    job: ToolCallJobType,
    error: ClickUpError,
    details: Record<string, unknown>,
  ): Promise<never> {
    const attempt = job.attemptsMade + 1;
    const last = attempt >= (job.opts.attempts ?? 1);
    const delay =
      error.code === 'RATE_LIMIT'
        ? Math.max(error.retryAfterMs ?? 1000, 1000)
        : fullJitterDelay(attempt, this.backoff);
    const lastError = {
      code: error.code,
      message: error.message,
      ...(error.upstreamStatus !== null ? { upstream_status: error.upstreamStatus } : {}),
      at: Date.now(),
    };
    await job.updateData({
      ...payload,
      last_error: lastError,
      next_delay_ms: delay,
      next_attempt_at: last ? undefined : Date.now() + delay,
    });
    if (last) {
      await this.audit.deadLettered(jobId, payload, error.code, error.upstreamStatus, {
        ...details,
        reason: error.message,
      });
    }
    throw new Error(`Attempt ${attempt} of ${job.opts.attempts ?? 1}: ${error.message}`);
  }
}

/** The job's data once no pause holds it: the hold and the message it left are gone. */
function withoutHold(data: JobPayload<'tool-call'>): JobPayload<'tool-call'> {
  const { held: _held, ...rest } = data;
  return rest.last_error?.code === 'PAUSED' ? { ...rest, last_error: undefined } : rest;
}
