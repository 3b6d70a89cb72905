import type { ClickUpError } from '@gw/clickup-client';

/** Why a call left its request and went to the retry queue. */
export interface HandOff {
  reason: 'rate_limit' | 'upstream_error';
  /** ClickUp's failure that led here; null when the rate limit left no permit within the budget. */
  error: ClickUpError | null;
  /** When the call can expect to go on, ms from now. */
  retryAfterMs: number;
}

/**
 * Thrown into a tool's handler once its call has been handed to the retry queue, so the handler stops where it is.
 * The caller that runs the handler ignores the envelope it makes of it and answers with the queued job instead.
 */
export class CallHandedOff extends Error {
  override readonly name = 'CallHandedOff';
  constructor() {
    super('The call continues as a queued job.');
  }
}
