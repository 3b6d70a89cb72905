export interface BackoffPolicy {
  /** The ceiling of the first retry's delay. */
  baseMs: number;
  /** No delay is longer than this, however many attempts came before. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 300_000 };

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base × 2^(attempt − 1))].
 * Spreading retries over the whole interval keeps many clients that failed together from retrying together.
 * `attempt` counts retries from 1.
 */
export function fullJitterDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
