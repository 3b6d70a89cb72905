import type { Lease, RateObservation } from './rate-window';

/**
 * The shared request budget of every ClickUp token, one per deployment: Redis in production, PostgreSQL in the
 * embedded mode. A lease folds in the caller's latest observation and hands out permits in one round trip.
 */
export interface BudgetStore {
  lease(fingerprint: string, want: number, observation: RateObservation | null, now: number): Promise<Lease>;
  observe(fingerprint: string, observation: RateObservation, now: number): Promise<void>;
}
