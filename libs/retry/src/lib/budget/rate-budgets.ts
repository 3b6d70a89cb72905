import type { RateLimitInfo } from '@gw/clickup-client';
import type { BudgetStore } from './budget-store';
import { MemoryBudgetStore } from './memory-budget-store';
import {
  DEFAULT_LIMIT,
  SAME_WINDOW_SLACK_MS,
  WINDOW_MS,
  type Lease,
  type RateObservation,
} from './rate-window';

/** A permit cannot come before the caller's deadline; `waitMs` is the estimated wait. */
export class PermitWaitTooLong extends Error {
  override readonly name = 'PermitWaitTooLong';
  constructor(readonly waitMs: number) {
    super(`no ClickUp request permit within the call's budget (about ${Math.ceil(waitMs / 1000)} s away)`);
  }
}

export interface RateBudgetsOptions {
  /** Called when the shared store fails and this process falls back to counting alone (at most once a minute). */
  onStoreError?: (error: unknown) => void;
  defaultLimit?: number;
  /** Told how long a request waited for a permit, for each request that had to wait (for metrics). */
  onWaited?: (seconds: number) => void;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  deadline: number;
}

const STORE_ERROR_LOG_MS = 60_000;
// Permits leased beyond the waiting requests, so a busy process asks the store once per several requests; scaled
// to the limit, so a small budget is never held back from other processes.
const MAX_EXTRA_PERMITS = 50;
// Observations reach the store with the next lease; one that waited this long is sent on its own.
const OBSERVATION_FLUSH_MS = 1_000;

/**
 * This process's side of the shared budget: per token, a FIFO of requests waiting for a permit, served from permits
 * leased in batches from the store. Taking a leased permit is synchronous, which keeps the budget off the hot path.
 */
export class RateBudgets {
  private readonly tokens = new Map<string, TokenBudget>();
  private readonly fallback: MemoryBudgetStore;
  private lastStoreError = 0;

  constructor(
    private readonly store: BudgetStore,
    private readonly options: RateBudgetsOptions = {},
  ) {
    this.fallback = new MemoryBudgetStore(options.defaultLimit);
  }

  /**
   * Resolves when a request of this token may go. Returns null when a permit was taken at once (no await needed).
   * Rejects with PermitWaitTooLong as soon as the wait is known to run past `deadline` (epoch ms).
   */
  acquire(fingerprint: string, deadline = Number.POSITIVE_INFINITY): Promise<void> | null {
    const wait = this.token(fingerprint).acquire(deadline);
    const onWaited = this.options.onWaited;
    if (!wait || !onWaited) return wait;
    const started = performance.now();
    return wait.then(() => onWaited((performance.now() - started) / 1000));
  }

  /** Feeds an answer's rate-limit headers (or a 429) into the budget. */
  note(fingerprint: string, info: RateLimitInfo | null, limited: boolean, at = Date.now()): void {
    const token = this.token(fingerprint);
    if (!info && !limited) {
      // An answer without rate-limit headers ends a probe all the same: the default limit is all there is to go by.
      if (!token.known) token.note({ at, limit: this.defaultLimit, remaining: null, resetAt: null, limited });
      return;
    }
    token.note({
      at,
      limit: info?.limit ?? null,
      remaining: info?.remaining ?? null,
      resetAt: info?.resetAtMs ?? null,
      limited,
    });
  }

  private get defaultLimit(): number {
    return this.options.defaultLimit ?? DEFAULT_LIMIT;
  }

  /** When this process expects the token's next permit (now, when one is free). */
  nextPermitAt(fingerprint: string): number {
    return this.token(fingerprint).nextPermitAt();
  }

  private token(fingerprint: string): TokenBudget {
    let token = this.tokens.get(fingerprint);
    if (!token) {
      token = new TokenBudget(fingerprint, this, this.defaultLimit);
      this.tokens.set(fingerprint, token);
    }
    return token;
  }

  /** @internal The store, or this process's own count while the store is unreachable. */
  async lease(fingerprint: string, want: number, observation: RateObservation | null): Promise<Lease> {
    try {
      return await this.store.lease(fingerprint, want, observation, Date.now());
    } catch (error) {
      this.storeFailed(error);
      return this.fallback.lease(fingerprint, want, observation, Date.now());
    }
  }

  /** @internal */
  async observe(fingerprint: string, observation: RateObservation): Promise<void> {
    await this.fallback.observe(fingerprint, observation);
    try {
      await this.store.observe(fingerprint, observation, Date.now());
    } catch (error) {
      this.storeFailed(error);
    }
  }

  private storeFailed(error: unknown): void {
    const now = Date.now();
    if (now - this.lastStoreError < STORE_ERROR_LOG_MS) return;
    this.lastStoreError = now;
    this.options.onStoreError?.(error);
  }
}

class TokenBudget {
  private permits = 0;
  private permitsUntil = 0;
  private readonly waiters: Waiter[] = [];
  private leasing = false;
  /** The store said no more until then. */
  private blockedUntil = 0;
  private limit: number;
  /** Whether an answer has told this process the token's limit. */
  known = false;
  private pending: RateObservation | null = null;
  private pendingSince = 0;
  private timer?: NodeJS.Timeout;
  private timerAt = 0;
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly fingerprint: string,
    private readonly budgets: RateBudgets,
    defaultLimit: number,
  ) {
    this.limit = defaultLimit;
  }

  acquire(deadline: number): Promise<void> | null {
    if (this.waiters.length === 0 && this.permits > 0 && Date.now() < this.permitsUntil) {
      this.permits -= 1;
      return null;
    }
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject, deadline });
      this.pump();
    });
  }

  nextPermitAt(): number {
    const now = Date.now();
    if (this.permits > 0 && now < this.permitsUntil) return now;
    return Math.max(now, this.blockedUntil) + Math.floor(this.waiters.length / this.limit) * WINDOW_MS;
  }

  note(observation: RateObservation): void {
    if (observation.limit !== null && observation.limit > 0) this.limit = observation.limit;
    const reset = observation.resetAt;
    if (reset !== null && reset > Date.now()) {
      // ClickUp's window ends sooner than the one assumed when it was opened here: its permits lapse, and the
      // wait for the next ones ends, at ClickUp's reset.
      if (this.permitsUntil > reset + SAME_WINDOW_SLACK_MS) this.permitsUntil = reset;
      if (this.blockedUntil > reset + SAME_WINDOW_SLACK_MS) this.blockedUntil = reset;
    }
    if (observation.limited || observation.remaining === 0) {
      // ClickUp says the window is spent: permits held here would only earn 429s.
      this.permits = 0;
      const until = observation.resetAt ?? observation.at + WINDOW_MS;
      this.blockedUntil = Math.max(this.blockedUntil, until);
    }
    const learned = !this.known && observation.limit !== null;
    if (learned) {
      this.known = true;
      // The probe's answer: the others waiting behind it may ask now.
      if (!observation.limited) this.blockedUntil = 0;
    }
    if (observation.limited || learned) {
      void this.budgets.observe(this.fingerprint, observation);
      // The lease the waiters behind a probe ask for next may reach the store before that round trip does: it
      // carries the answer too, or the store would still hold them until the probe's turn ends.
      if (learned && this.waiters.length > 0) this.pending = observation;
    } else if (!this.pending || observation.at >= this.pending.at) {
      if (!this.pending) this.pendingSince = observation.at;
      this.pending = observation;
      if (observation.at - this.pendingSince >= OBSERVATION_FLUSH_MS && !this.leasing) this.flush();
      else this.flushLater();
    }
    if (this.waiters.length > 0) this.pump();
  }

  private flush(): void {
    const observation = this.pending;
    if (!observation) return;
    this.pending = null;
    void this.budgets.observe(this.fingerprint, observation);
  }

  /**
   * A burst's last answers may be followed by no lease of this process (an api whose calls went to the queue): their
   * reset, ClickUp's own end of the window, must still reach the other processes, or one of them opens the next
   * window by its own clock, before ClickUp's, and earns 429s.
   */
  private flushLater(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (this.leasing) this.flushLater();
      else this.flush();
    }, OBSERVATION_FLUSH_MS);
    this.flushTimer.unref?.();
  }

  private pump(): void {
    const now = Date.now();
    if (now >= this.permitsUntil) this.permits = 0;
    while (this.waiters.length > 0 && this.permits > 0) {
      this.permits -= 1;
      (this.waiters.shift() as Waiter).resolve();
    }
    if (this.waiters.length === 0 || this.leasing) return;
    this.rejectHopeless(now);
    if (this.waiters.length === 0) return;
    if (now < this.blockedUntil) {
      this.wakeAt(Math.min(this.blockedUntil, ...this.waiters.map((w) => w.deadline)));
      return;
    }
    void this.lease();
  }

  /** Callers whose deadline will pass before their turn learn it now, so they can queue the call instead. */
  private rejectHopeless(now: number): void {
    const start = Math.max(now, this.blockedUntil);
    for (let i = 0; i < this.waiters.length; i++) {
      const waiter = this.waiters[i];
      if (waiter.deadline === Number.POSITIVE_INFINITY) continue;
      const turn = start + Math.floor(i / this.limit) * WINDOW_MS;
      if (turn > waiter.deadline || waiter.deadline <= now) {
        this.waiters.splice(i, 1);
        i -= 1;
        waiter.reject(new PermitWaitTooLong(Math.max(0, turn - now)));
      }
    }
  }

  private async lease(): Promise<void> {
    this.leasing = true;
    const extra = Math.min(MAX_EXTRA_PERMITS, Math.floor(this.limit / 100));
    const want = this.waiters.length + extra;
    const observation = this.pending;
    this.pending = null;
    let lease: Lease;
    try {
      lease = await this.budgets.lease(this.fingerprint, want, observation);
    } finally {
      this.leasing = false;
    }
    this.limit = lease.limit;
    this.permits = lease.granted;
    this.permitsUntil = lease.resetAt;
    this.blockedUntil = lease.granted < want ? lease.retryAt : 0;
    this.pump();
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
  }
}
