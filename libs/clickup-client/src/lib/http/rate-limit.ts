/** ClickUp's per-token budget from `X-RateLimit-*`, in one shape whatever unit `Reset` used. */
export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** When the window resets, epoch ms. */
  resetAtMs: number | null;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

const MS_THRESHOLD = 1e12;
// Below this a reset value cannot be an epoch (it would be before 2001): it is a delay in seconds.
const EPOCH_SECONDS_THRESHOLD = 1e9;
const DEFAULT_RETRY_AFTER_MS = 60_000;
const MIN_RETRY_AFTER_MS = 1_000;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(headers: HeaderBag, name: string): number | null {
  const raw = header(headers, name)?.trim();
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/**
 * `X-RateLimit-Reset` as epoch ms. ClickUp documents a "Unix timestamp" without a unit: a value above 1e12
 * is taken as ms, an epoch-sized smaller value as seconds, a small value as seconds from now.
 */
export function resetToEpochMs(reset: number, nowMs: number): number {
  if (reset > MS_THRESHOLD) return Math.round(reset);
  if (reset >= EPOCH_SECONDS_THRESHOLD) return Math.round(reset * 1000);
  return nowMs + Math.round(reset * 1000);
}

/** The rate-limit headers of an answer, or null when it carried none. */
export function parseRateLimit(headers: HeaderBag, nowMs = Date.now()): RateLimitInfo | null {
  const limit = numberHeader(headers, 'x-ratelimit-limit');
  const remaining = numberHeader(headers, 'x-ratelimit-remaining');
  const reset = numberHeader(headers, 'x-ratelimit-reset');
  if (limit === null && remaining === null && reset === null) return null;
  return { limit, remaining, resetAtMs: reset === null ? null : resetToEpochMs(reset, nowMs) };
}

/** `Retry-After` in ms: delta seconds or an HTTP date. */
export function parseRetryAfter(headers: HeaderBag, nowMs = Date.now()): number | null {
  const raw = header(headers, 'retry-after')?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/**
 * How long to wait after a 429: until `X-RateLimit-Reset`, else `Retry-After`, else one window (a minute).
 * A reset already past (clock skew) still waits a second rather than retrying at once.
 */
export function retryAfterMsFor(
  rateLimit: RateLimitInfo | null,
  headers: HeaderBag,
  nowMs = Date.now(),
): number {
  if (rateLimit?.resetAtMs != null) return Math.max(MIN_RETRY_AFTER_MS, rateLimit.resetAtMs - nowMs);
  const retryAfter = parseRetryAfter(headers, nowMs);
  if (retryAfter !== null) return Math.max(MIN_RETRY_AFTER_MS, retryAfter);
  return DEFAULT_RETRY_AFTER_MS;
}
