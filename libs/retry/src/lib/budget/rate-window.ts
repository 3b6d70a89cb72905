/**
 * ClickUp's request budget for one token, as the gateway counts it: fixed windows (API-NOTES §19) whose size comes
 * from `X-RateLimit-Limit` and whose end comes from `X-RateLimit-Reset`. The same rules run in memory, in the
 * PostgreSQL store and in the Redis store's Lua script (redis-budget-store.ts); change them together.
 */
export const WINDOW_MS = 60_000;
/** Assumed until an answer says otherwise (ClickUp's Free to Business plans). */
export const DEFAULT_LIMIT = 100;
/** While a token's limit is unknown, one request goes alone for at most this long; its answer tells the limit. */
export const PROBE_MS = 1_000;
/** Resets are given in whole seconds and windows open on arrival: ends this close are the same window. */
export const SAME_WINDOW_SLACK_MS = 2_000;

export interface WindowState {
  limit: number;
  /** When the current window ends, epoch ms (0: none opened yet). */
  resetAt: number;
  /** Requests let through in the current window, or counted by ClickUp if that is more. */
  granted: number;
  /** Whether an answer has told the limit. */
  known: boolean;
  /** While the limit is unknown: the probe request's turn ends then. */
  probeUntil: number;
  /** When the current window began as counted here: an answer from before it is about an older window. */
  openedAt: number;
}

/** What one ClickUp answer said about the budget. */
export interface RateObservation {
  /** When the answer arrived, epoch ms. */
  at: number;
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
  /** The answer was a 429. */
  limited: boolean;
}

export interface Lease {
  granted: number;
  limit: number;
  /** When the window these permits belong to ends; unused permits lapse then. */
  resetAt: number;
  /** When asking again can be answered with more (now, when nothing asked for was missing). */
  retryAt: number;
}

export function initialWindow(limit = DEFAULT_LIMIT): WindowState {
  return { limit, resetAt: 0, granted: 0, known: false, probeUntil: 0, openedAt: 0 };
}

/**
 * Folds an answer's headers into the state. The answer may arrive late (it travels with the next lease), so it is
 * judged by when it was seen: an answer from before the current window began is about an older one and changes
 * nothing.
 */
export function observe(state: WindowState, obs: RateObservation): WindowState {
  const next = { ...state };
  if (obs.limit !== null && obs.limit > 0) {
    next.limit = obs.limit;
    next.known = true;
  }
  const used = obs.remaining === null ? 0 : Math.max(0, next.limit - obs.remaining);
  if (obs.resetAt !== null && obs.resetAt > obs.at) {
    if (Math.abs(obs.resetAt - next.resetAt) <= SAME_WINDOW_SLACK_MS) {
      next.resetAt = Math.max(next.resetAt, obs.resetAt);
      next.granted = Math.max(next.granted, used);
    } else if (obs.resetAt > next.resetAt) {
      // A newer window than ours (ours ended, or ClickUp's opened later than assumed). Its count holds, plus ours
      // while our window was still running.
      next.granted = next.resetAt > obs.at ? Math.max(next.granted, used) : used;
      next.resetAt = obs.resetAt;
      next.openedAt = obs.at;
    } else if (obs.at >= next.openedAt) {
      // Seen during our window, ClickUp's ends sooner than assumed (a window opened elsewhere, or a shorter one).
      next.resetAt = obs.resetAt;
      next.granted = Math.max(next.granted, used);
    }
  } else if (obs.limited && next.resetAt <= obs.at) {
    // A 429 without a usable reset: a whole window.
    next.resetAt = obs.at + WINDOW_MS;
    next.openedAt = obs.at;
  }
  if (obs.limited) next.granted = Math.max(next.granted, next.limit);
  return next;
}

/** Lets up to `want` requests through now. A window that ended opens a new one at the first request. */
export function lease(
  state: WindowState,
  want: number,
  now: number,
  windowMs = WINDOW_MS,
): { state: WindowState; lease: Lease } {
  const next = { ...state };
  const none = (retryAt: number) => ({
    state: next,
    lease: { granted: 0, limit: next.limit, resetAt: next.resetAt, retryAt },
  });
  if (want <= 0) return none(now);
  let allowed = want;
  if (!next.known) {
    if (next.probeUntil > now) return none(next.probeUntil);
    next.probeUntil = now + PROBE_MS;
    allowed = 1;
  }
  if (now >= next.resetAt) {
    next.resetAt = now + windowMs;
    next.granted = 0;
    next.openedAt = now;
  }
  const granted = Math.max(0, Math.min(allowed, next.limit - next.granted));
  next.granted += granted;
  const retryAt = granted >= want ? now : next.known ? next.resetAt : Math.min(next.probeUntil, next.resetAt);
  return { state: next, lease: { granted, limit: next.limit, resetAt: next.resetAt, retryAt } };
}
