import { Injectable } from '@nestjs/common';
import { ClickUpConfig, RetryConfig } from '@gw/config';
import { ClickUpClient, ClickUpTransport } from '@gw/clickup-client';
import type { ServedServer } from '@gw/mcp-servers';
import { ToolCatalog, type Envelope, type Issue } from '@gw/mcp-tools';
import type { CallJournal, ToolCallJobPayload } from '@gw/queue';
import { InlineCall, RateBudgets, type HandOff } from '@gw/retry';
import { randomUUID } from 'node:crypto';
import { MetricsService } from '../../metrics/metrics.service';
import { EnqueueUncertain, RetryQueue } from '../../retry/retry-queue.service';
import { ApprovalGate } from './approval-gate';
import { FollowedApprovals } from './followed-approvals.service';
import { type AccountLink, CallerAccounts, isCallerDenial } from './caller/caller-accounts.service';
import { failedCall, followerOf, QueuedCalls } from './queued-calls.service';

/** The MCP request a call came in, recorded with a queued job for the audit event of its outcome. */
export type CallOrigin = ToolCallJobPayload['origin'];

export interface RunOptions {
  onProgress?: (message: string) => void;
  /**
   * The client follows a queued call itself (it takes tasks): the call answers as soon as it is queued instead of
   * waiting for the job until its budget ends.
   */
  detached?: boolean;
}

export interface ToolCallOutcome {
  envelope: Envelope;
  /** The retry job the call went to, if it went to one; for a call held for approval, the approval's id. */
  jobId: string | null;
  /** The ClickUp user the call acted as; null when it did not run. */
  clickupUserId: number | null;
  /** Set when the call did not run for want of the caller's linked ClickUp account: the page to link it. */
  accountLink?: AccountLink | null;
}

/**
 * Runs a tool call with the retry rules of CONTRACTS §6: the call waits for the token's shared budget and retries
 * within its own budget; a write that cannot finish becomes a `tool-call` job, and the call waits for that job
 * until its budget ends, then answers `queued: true` with the job id. A call the server's approval policy holds does
 * not run at all: `ApprovalGate` answers for it.
 */
@Injectable()
export class ToolCallRunner {
  private readonly upstream: ClickUpTransport;

  constructor(
    private readonly catalog: ToolCatalog,
    private readonly budgets: RateBudgets,
    private readonly retryQueue: RetryQueue,
    private readonly queued: QueuedCalls,
    private readonly clickup: ClickUpConfig,
    private readonly config: RetryConfig,
    private readonly callers: CallerAccounts,
    private readonly gate: ApprovalGate,
    private readonly approvals: FollowedApprovals,
    metrics: MetricsService,
  ) {
    this.upstream = new ClickUpTransport({ recorder: metrics.clickupRecorder });
  }

  /** Runs the call as the server's ClickUp account: its connection's, or for a caller server the caller's own. */
  async run(
    served: ServedServer,
    name: string,
    args: Record<string, unknown>,
    origin: CallOrigin,
    options: RunOptions = {},
  ): Promise<ToolCallOutcome> {
    const acting = await this.callers.actingFor(served, origin.caller);
    if (isCallerDenial(acting)) {
      return { envelope: acting.envelope, jobId: null, clickupUserId: null, accountLink: acting.link };
    }
    const { server } = acting;
    const outcome = await this.runAs(server, name, args, origin, options);
    return {
      ...outcome,
      envelope: this.callers.explainRefusedToken(server, origin.caller, outcome.envelope),
      clickupUserId: server.clickupUserId,
    };
  }

  private async runAs(
    server: ServedServer,
    name: string,
    args: Record<string, unknown>,
    origin: CallOrigin,
    options: RunOptions,
  ): Promise<Omit<ToolCallOutcome, 'clickupUserId'>> {
    const { onProgress } = options;
    const tool = this.catalog.tools.get(name);
    const deadline = Date.now() + this.config.callBudgetMs;
    if (this.gate.mayHold(server, name)) {
      // The preview only reads, so it never goes to the retry queue: past its budget it is refused.
      const reads = new InlineCall({
        upstream: this.upstream,
        budgets: this.budgets,
        fingerprint: server.fingerprint,
        deadline,
        durable: false,
        backoff: { baseMs: this.config.baseDelayMs, capMs: this.config.maxDelayMs },
        onProgress,
      });
      const held = await this.gate.hold(server, name, args, origin, this.client(server, origin, reads));
      if (held) return { envelope: held.envelope, jobId: held.approvalId };
    }
    const call = new InlineCall({
      upstream: this.upstream,
      budgets: this.budgets,
      fingerprint: server.fingerprint,
      deadline,
      durable: tool !== undefined && !tool.annotations.readOnlyHint,
      backoff: { baseMs: this.config.baseDelayMs, capMs: this.config.maxDelayMs },
      onProgress,
    });
    const follower = followerOf(server.id, origin);
    const envelope = await this.catalog.call(name, args, {
      client: this.client(server, origin, call),
      scope: server.scope,
      selection: server.selection,
      jobs: this.queued.lookupFor(follower),
      approvals: this.approvals.lookupFor(follower),
    });
    const handOff = call.handOff;
    if (!handOff) return { envelope, jobId: null };
    await call.settled();
    return this.queue(
      server,
      name,
      args,
      origin,
      handOff,
      call.snapshot(),
      options.detached ? null : deadline,
      onProgress,
    );
  }

  private client(server: ServedServer, origin: CallOrigin, call: InlineCall): ClickUpClient {
    return new ClickUpClient({
      baseUrl: this.clickup.apiBaseUrl,
      credential: server.credential,
      timeoutMs: this.clickup.timeoutMs,
      transport: call.transport,
      traceparent: origin.traceparent ?? undefined,
    });
  }

  private async queue(
    server: ServedServer,
    tool: string,
    args: Record<string, unknown>,
    origin: CallOrigin,
    handOff: HandOff,
    journal: CallJournal,
    /** Until when the call waits for its job; null: not at all. */
    deadline: number | null,
    onProgress?: (message: string) => void,
  ): Promise<Omit<ToolCallOutcome, 'clickupUserId'>> {
    const jobId = randomUUID();
    try {
      await this.retryQueue.enqueue(jobId, {
        organization_id: server.organizationId,
        server_id: server.id,
        team_id: server.teamId,
        tool,
        arguments: args,
        origin,
        queued_at: Date.now(),
        reason: handOff.reason,
        journal,
        scope: server.scope.knowledgeFor(args),
      });
    } catch (error) {
      return { envelope: notQueued(handOff, journal, jobId, error), jobId: null };
    }
    onProgress?.(`${cause(handOff)}; the call continues as job ${jobId}.`);
    const outcome =
      deadline === null
        ? { kind: 'pending' as const }
        : await this.retryQueue.wait(jobId, deadline, onProgress);
    if (outcome.kind === 'completed' && outcome.result?.envelope) {
      return { envelope: outcome.result.envelope as Envelope, jobId };
    }
    if (outcome.kind === 'failed') return { envelope: failedCall(jobId, outcome.reason), jobId };
    const retryAfterMs = await this.retryAfter(server, jobId, handOff);
    const issue: Issue = {
      code: handOff.reason === 'rate_limit' ? 'RATE_LIMIT' : 'UPSTREAM_ERROR',
      message:
        `${cause(handOff)}; the call is queued as job ${jobId} and will be carried out ` +
        (handOff.reason === 'rate_limit' ? 'when the limit allows' : 'with retries') +
        '. Check it with retry_job_get instead of calling again.',
      queued: true,
      job_id: jobId,
      retry_after_ms: retryAfterMs,
    };
    if (handOff.error?.upstreamStatus) issue.upstream_status = handOff.error.upstreamStatus;
    return { envelope: { ok: false, result: null, issues: [issue] }, jobId };
  }

  /** When it is worth asking about the job: its next attempt, or the token's next free permit. */
  private async retryAfter(server: ServedServer, jobId: string, handOff: HandOff): Promise<number> {
    const now = Date.now();
    const found = await this.retryQueue.get(jobId).catch(() => null);
    const next =
      found?.view.state === 'delayed' && found.view.next_attempt_at
        ? found.view.next_attempt_at
        : handOff.reason === 'rate_limit'
          ? this.budgets.nextPermitAt(server.fingerprint)
          : now;
    return Math.max(1000, Math.round(next - now));
  }
}

function cause(handOff: HandOff): string {
  if (handOff.reason === 'rate_limit') return "This ClickUp token's rate limit is reached";
  const status = handOff.error?.upstreamStatus;
  return status ? `ClickUp failed (${status})` : 'ClickUp did not answer';
}

/** The answer when the call could not be queued: what happened, and what may already have been changed. */
function notQueued(handOff: HandOff, journal: CallJournal, jobId: string, error: unknown): Envelope {
  const maybe = journal.writes.some((w) => w.state === 'unknown');
  const applied = journal.writes.filter((w) => w.state === 'done').length;
  const changes = maybe
    ? 'The change may have been applied: check ClickUp before trying again.'
    : applied > 0
      ? `${applied} change(s) of this call were applied before it stopped; check before trying again.`
      : 'Nothing was changed.';
  const issue: Issue =
    error instanceof EnqueueUncertain
      ? {
          code: handOff.reason === 'rate_limit' ? 'RATE_LIMIT' : 'UPSTREAM_ERROR',
          message: `${cause(handOff)}, and the retry queue did not answer in time: the call may still run as job ${jobId}. Check it with retry_job_get before calling again.`,
          job_id: jobId,
          retry_after_ms: Math.max(1000, handOff.retryAfterMs),
        }
      : {
          code: handOff.reason === 'rate_limit' ? 'RATE_LIMIT' : 'UPSTREAM_ERROR',
          message: `${cause(handOff)}, and the retry queue is unavailable, so the call was not queued. ${changes}`,
          retry_after_ms: Math.max(1000, handOff.retryAfterMs),
        };
  if (handOff.error?.upstreamStatus) issue.upstream_status = handOff.error.upstreamStatus;
  return { ok: false, result: null, issues: [issue] };
}
