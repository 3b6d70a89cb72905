import {
  ClickUpError,
  ClickUpTransport,
  type ClickUpRawResponse,
  type ClickUpRequest,
  type ExecuteOptions,
} from '@gw/clickup-client';
import type { CallJournal, JournaledWrite } from '@gw/queue';
import { fullJitterDelay, type BackoffPolicy } from '../backoff';
import { PermitWaitTooLong, type RateBudgets } from '../budget/rate-budgets';
import { announced } from './announced-wait';
import { CallHandedOff, type HandOff } from './call-handed-off';
import { isRetryable, isWrite, requestKey } from './request-kinds';

export interface InlineCallOptions {
  /** The transport that talks to ClickUp (shared by the process). */
  upstream: ClickUpTransport;
  budgets: RateBudgets;
  /** The token's budget key. */
  fingerprint: string;
  /** When the call's budget ends, epoch ms. */
  deadline: number;
  /**
   * A call that may change ClickUp (a write tool): past its budget, or when a write fails, it goes to the retry
   * queue with what it has done so far. A read-only call retries within its budget and then reports the failure.
   */
  durable: boolean;
  backoff: BackoffPolicy;
  /** Told what the call waits for, for MCP progress notifications. */
  onProgress?: (message: string) => void;
}

// Reads answered before a call was queued are kept for its replay, up to this much JSON; past it they are read again.
const MAX_JOURNALED_READ_BYTES = 512 * 1024;

/**
 * One tool call's way to ClickUp in the api: each request waits for a permit of the token's shared budget, feeds
 * the budget the answer's headers, and is retried within the call's budget when ClickUp fails or limits it. A
 * durable call that cannot finish in time stops and hands its journal (the answers so far) to the retry queue.
 */
export class InlineCall {
  readonly transport: ClickUpTransport;
  private handOffReason: HandOff | null = null;
  private readonly journal: CallJournal = { reads: [], writes: [] };
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly options: InlineCallOptions) {
    this.transport = new CallTransport(this);
  }

  /** Set once the call has been handed to the retry queue. */
  get handOff(): HandOff | null {
    return this.handOffReason;
  }

  /** Resolves when every request the call started has ended, so its journal is complete. */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** What the call did before it was handed off: its writes in order, and the reads worth keeping. */
  snapshot(): CallJournal {
    const reads = this.journal.reads;
    const fits = JSON.stringify(reads).length <= MAX_JOURNALED_READ_BYTES;
    return { reads: fits ? reads : [], writes: this.journal.writes };
  }

  /** @internal */
  execute(request: ClickUpRequest, execute: ExecuteOptions): Promise<ClickUpRawResponse> {
    if (this.handOffReason) return Promise.reject(new CallHandedOff());
    const slot = this.options.durable && isWrite(request) ? this.reserve(request) : null;
    const run = this.run(request, execute, slot);
    this.inflight.add(run);
    void run.then(
      () => this.inflight.delete(run),
      () => this.inflight.delete(run),
    );
    return run;
  }

  private reserve(request: ClickUpRequest): JournaledWrite {
    const slot: JournaledWrite = { request, first_sent_at: null, state: 'not_applied' };
    this.journal.writes.push(slot);
    return slot;
  }

  private async run(
    request: ClickUpRequest,
    execute: ExecuteOptions,
    slot: JournaledWrite | null,
  ): Promise<ClickUpRawResponse> {
    const { budgets, fingerprint, upstream } = this.options;
    let retries = 0;
    let sent = 0;
    for (;;) {
      try {
        const wait = budgets.acquire(fingerprint, this.options.deadline);
        if (wait) await announced(wait, this.options.onProgress);
      } catch (error) {
        if (error instanceof PermitWaitTooLong) return this.giveUp('rate_limit', null, error.waitMs);
        throw error;
      }
      // Another request of the call may have handed it off while this one waited: it must not go out now.
      if (this.handOffReason) throw new CallHandedOff();
      if (slot) slot.first_sent_at ??= Date.now();
      try {
        const resends = sent++;
        const raw = await upstream.execute(
          request,
          resends === 0 ? execute : { ...execute, resendCount: resends },
        );
        budgets.note(fingerprint, raw.rateLimit, false);
        this.record(request, raw, slot);
        return raw;
      } catch (error) {
        if (!(error instanceof ClickUpError)) throw error;
        budgets.note(fingerprint, error.rateLimit, error.status === 429);
        if (!isRetryable(error, execute.signal)) throw error;
        if (slot) slot.state = error.maybeApplied ? 'unknown' : 'not_applied';
        const limited = error.code === 'RATE_LIMIT';
        const delay = limited
          ? (error.retryAfterMs ?? 1000)
          : fullJitterDelay(++retries, this.options.backoff);
        // A write that may have been applied is never sent again from here: that is for the queue to find out. A
        // 429 applied nothing, so a write waits for the reset like a read, if the reset comes within the budget.
        if ((slot && !limited) || Date.now() + delay >= this.options.deadline) {
          return this.giveUp(limited ? 'rate_limit' : 'upstream_error', error, delay);
        }
        this.options.onProgress?.(
          limited
            ? "ClickUp's rate limit was reached; waiting for its reset."
            : `ClickUp failed (${error.upstreamStatus ?? error.message}); retrying in ${Math.ceil(delay / 100) / 10} s.`,
        );
        // A 429 waits for the budget's reset, which the next permit does; a failure waits out its backoff.
        if (!limited) {
          await sleep(delay);
          // A busy process can wake past the deadline: the call then ends on this failure, not on a permit wait.
          if (Date.now() >= this.options.deadline) return this.giveUp('upstream_error', error, delay);
        }
      }
    }
  }

  private record(request: ClickUpRequest, raw: ClickUpRawResponse, slot: JournaledWrite | null): void {
    if (slot) {
      slot.state = 'done';
      slot.answer = { status: raw.status, body: raw.body };
    } else if (this.options.durable) {
      this.journal.reads.push({ key: requestKey(request), answer: { status: raw.status, body: raw.body } });
    }
  }

  private giveUp(reason: HandOff['reason'], error: ClickUpError | null, retryAfterMs: number): never {
    if (this.options.durable) {
      this.handOffReason ??= { reason, error, retryAfterMs };
      throw new CallHandedOff();
    }
    if (error) {
      throw new ClickUpError({
        ...error.toJSON(),
        message: `${error.message} (still failing at the end of this call's retry budget)`,
        retryAfterMs: Math.max(retryAfterMs, error.retryAfterMs ?? 0),
      });
    }
    throw new ClickUpError({
      code: 'RATE_LIMIT',
      message: `This ClickUp token's rate limit is used up for now; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
      retryAfterMs: Math.max(1000, retryAfterMs),
    });
  }
}

/** The per-call transport the tool's client sends through. */
class CallTransport extends ClickUpTransport {
  constructor(private readonly call: InlineCall) {
    super();
  }

  override execute(request: ClickUpRequest, options: ExecuteOptions): Promise<ClickUpRawResponse> {
    return this.call.execute(request, options);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
