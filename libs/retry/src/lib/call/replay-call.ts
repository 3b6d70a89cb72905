import {
  ClickUpError,
  ClickUpTransport,
  type ClickUpRawResponse,
  type ClickUpRequest,
  type ExecuteOptions,
} from '@gw/clickup-client';
import type { CallJournal, JournaledAnswer, JournaledWrite } from '@gw/queue';
import type { RateBudgets } from '../budget/rate-budgets';
import { findApplied, type AppliedCheckContext } from '../dedup/applied-checks';
import { announced } from './announced-wait';
import { isCreate, isDelete, isRetryable, isWrite, requestKey, sameTarget } from './request-kinds';

export interface ReplayCallOptions {
  upstream: ClickUpTransport;
  budgets: RateBudgets;
  fingerprint: string;
  /** What earlier attempts did; updated in place as this attempt goes. */
  journal: CallJournal;
  /** Stores the journal with the job, before a write goes out and after it comes back. */
  persist(journal: CallJournal): Promise<void>;
  /** The ClickUp user the connection acts as: what "created by the same user" means in an upstream check. */
  userId: number;
  /** When the call was queued: the lower bound of an upstream check when a write's first send time is unknown. */
  queuedAt: number;
  onProgress?: (message: string) => void;
  /**
   * Asked just before each request goes out (after its permit): false ends the attempt there, as cancelled, so a
   * cancel that comes while the attempt waits for the rate limit still stops it before it sends anything more.
   */
  mayProceed?(): Promise<boolean>;
}

/** 429s one request may meet within an attempt (each waits for the reset) before the attempt gives up. */
const MAX_RATE_LIMITED = 5;

/** Why this attempt cannot go on, and whether another attempt could. */
export type ReplayStop =
  { kind: 'retry'; error: ClickUpError } | { kind: 'unrecoverable'; message: string } | { kind: 'cancelled' };

/**
 * One attempt of a queued call in the worker: the tool's handler runs again, and its requests are answered from the
 * journal where an earlier attempt (or the api) already made them. A write in an unknown state is looked for
 * upstream when it is a create, and sent again otherwise; a write that comes back is journaled at once, so no
 * later attempt sends it twice. Permits are waited for as long as it takes.
 */
export class ReplayCall {
  readonly transport: ClickUpTransport;
  /** Set when the attempt ended early; the envelope the handler made of it is not the call's outcome. */
  stop: ReplayStop | null = null;
  /** Creates found upstream instead of sent again. */
  deduplicated = 0;
  private writeIndex = 0;
  private readonly reads = new Map<string, JournaledAnswer[]>();

  constructor(private readonly options: ReplayCallOptions) {
    this.transport = new ReplayTransport(this);
    for (const { key, answer } of options.journal.reads) {
      const answers = this.reads.get(key) ?? [];
      answers.push(answer);
      this.reads.set(key, answers);
    }
  }

  /** @internal */
  async execute(request: ClickUpRequest, execute: ExecuteOptions): Promise<ClickUpRawResponse> {
    if (this.stop) throw this.stopError();
    return isWrite(request) ? this.write(request, execute) : this.read(request, execute);
  }

  private async read(request: ClickUpRequest, execute: ExecuteOptions): Promise<ClickUpRawResponse> {
    const key = requestKey(request);
    const journaled = this.reads.get(key)?.shift();
    if (journaled) return { ...journaled, rateLimit: null };
    const raw = await this.send(request, execute);
    this.options.journal.reads.push({ key, answer: { status: raw.status, body: raw.body } });
    return raw;
  }

  private async write(request: ClickUpRequest, execute: ExecuteOptions): Promise<ClickUpRawResponse> {
    const { journal } = this.options;
    const index = this.writeIndex++;
    let entry: JournaledWrite | undefined = journal.writes[index];
    if (entry && !sameTarget(entry.request, request)) {
      return this.halt(
        `The call took another path than when it was queued (write ${index + 1} was ${entry.request.operation} ` +
          `${entry.request.path}, now ${request.operation} ${request.path}); it was not replayed.`,
      );
    }
    if (entry?.state === 'done' && entry.answer) return { ...entry.answer, rateLimit: null };
    if (!entry) {
      entry = { request, first_sent_at: null, state: 'not_applied' };
      journal.writes[index] = entry;
    }
    const maybeApplied = entry.state === 'unknown';
    if (maybeApplied && isCreate(entry.request)) {
      const found = await this.lookUp(entry, execute);
      if (found) return found;
    }
    for (let limited = 0; ; limited++) {
      await this.permit();
      entry.first_sent_at ??= Date.now();
      entry.state = 'unknown';
      await this.options.persist(journal);
      try {
        const raw = await this.options.upstream.execute(entry.request, execute);
        this.options.budgets.note(this.options.fingerprint, raw.rateLimit, false);
        return await this.settle(entry, { status: raw.status, body: raw.body }, raw);
      } catch (error) {
        if (!(error instanceof ClickUpError)) throw error;
        this.options.budgets.note(this.options.fingerprint, error.rateLimit, error.status === 429);
        // A delete that may have gone through and now finds nothing to delete did its work.
        if (
          maybeApplied &&
          isDelete(entry.request) &&
          (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
        ) {
          return this.settle(entry, { status: 200, body: {} });
        }
        // A refusal (4xx, 429, no connection) applied nothing; an earlier send of an update or delete still may
        // have (a create's earlier send was just looked for upstream, and not found).
        entry.state =
          error.maybeApplied || (maybeApplied && !isCreate(entry.request)) ? 'unknown' : 'not_applied';
        await this.options.persist(journal);
        // The budget now waits for ClickUp's reset; the write goes again then, within this attempt.
        if (error.code === 'RATE_LIMIT' && limited < MAX_RATE_LIMITED) continue;
        if (isRetryable(error, execute.signal)) this.stop = { kind: 'retry', error };
        throw error;
      }
    }
  }

  /** Looks upstream for a create that may have been applied; its answer stands in for ClickUp's if found. */
  private async lookUp(entry: JournaledWrite, execute: ExecuteOptions): Promise<ClickUpRawResponse | null> {
    this.options.onProgress?.('Checking whether an earlier attempt was applied before sending it again.');
    const context: AppliedCheckContext = {
      userId: this.options.userId,
      read: (request) => this.send(request, execute),
    };
    const found = await findApplied(entry.request, entry.first_sent_at ?? this.options.queuedAt, context);
    if (found === undefined) {
      return this.halt(
        `${entry.request.operation} may have been applied by an earlier attempt, and there is no way to check it ` +
          'upstream; it was not sent again. Check ClickUp, then discard or retry this job.',
      );
    }
    if (found === null) return null;
    this.deduplicated += 1;
    return this.settle(entry, found);
  }

  private async settle(
    entry: JournaledWrite,
    answer: JournaledAnswer,
    raw?: ClickUpRawResponse,
  ): Promise<ClickUpRawResponse> {
    entry.state = 'done';
    entry.answer = answer;
    await this.options.persist(this.options.journal);
    return raw ?? { ...answer, rateLimit: null };
  }

  /** A read (or an upstream check) through the budget; a failure other than a 429 ends the attempt. */
  private async send(request: ClickUpRequest, execute: ExecuteOptions): Promise<ClickUpRawResponse> {
    for (let limited = 0; ; limited++) {
      await this.permit();
      try {
        const raw = await this.options.upstream.execute(request, execute);
        this.options.budgets.note(this.options.fingerprint, raw.rateLimit, false);
        return raw;
      } catch (error) {
        if (!(error instanceof ClickUpError)) throw error;
        this.options.budgets.note(this.options.fingerprint, error.rateLimit, error.status === 429);
        if (error.code === 'RATE_LIMIT' && limited < MAX_RATE_LIMITED) continue;
        if (isRetryable(error, execute.signal)) this.stop = { kind: 'retry', error };
        throw error;
      }
    }
  }

  private async permit(): Promise<void> {
    const wait = this.options.budgets.acquire(this.options.fingerprint);
    if (wait) await announced(wait, this.options.onProgress);
    if (this.options.mayProceed && !(await this.options.mayProceed())) {
      this.stop ??= { kind: 'cancelled' };
      throw this.stopError();
    }
  }

  private halt(message: string): never {
    this.stop ??= { kind: 'unrecoverable', message };
    throw this.stopError();
  }

  private stopError(): Error {
    const stop = this.stop as ReplayStop;
    if (stop.kind === 'retry') return stop.error;
    return new Error(stop.kind === 'cancelled' ? 'The call was cancelled.' : stop.message);
  }
}

class ReplayTransport extends ClickUpTransport {
  constructor(private readonly call: ReplayCall) {
    super();
  }

  override execute(request: ClickUpRequest, options: ExecuteOptions): Promise<ClickUpRawResponse> {
    return this.call.execute(request, options);
  }
}
