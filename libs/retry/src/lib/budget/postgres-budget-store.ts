import type { BudgetStore } from './budget-store';
import {
  DEFAULT_LIMIT,
  initialWindow,
  lease,
  observe,
  type Lease,
  type RateObservation,
  type WindowState,
} from './rate-window';

/** What the store needs from the database: a transaction with queries (a TypeORM DataSource has it). */
export interface TransactionRunner {
  transaction<T>(
    work: (tx: { query(sql: string, params?: unknown[]): Promise<unknown> }) => Promise<T>,
  ): Promise<T>;
}

interface BudgetRow {
  limit_per_window: number;
  reset_at: string;
  granted: number;
  known: boolean;
  probe_until: string;
  opened_at: string;
}

/**
 * The shared budget on PostgreSQL (the embedded mode): one row per token, locked for the length of a lease. Leases
 * hand out several permits when the limit allows, so the row is touched far less often than once per request.
 */
export class PostgresBudgetStore implements BudgetStore {
  constructor(
    private readonly db: TransactionRunner,
    private readonly defaultLimit = DEFAULT_LIMIT,
  ) {}

  lease(fingerprint: string, want: number, observation: RateObservation | null, now: number): Promise<Lease> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO clickup_rate_budgets (fingerprint, limit_per_window, reset_at, granted, known, probe_until)
         VALUES ($1, $2, 0, 0, false, 0) ON CONFLICT (fingerprint) DO NOTHING`,
        [fingerprint, this.defaultLimit],
      );
      const [row] = (await tx.query(
        `SELECT limit_per_window, reset_at, granted, known, probe_until, opened_at FROM clickup_rate_budgets
         WHERE fingerprint = $1 FOR UPDATE`,
        [fingerprint],
      )) as BudgetRow[];
      let state: WindowState = row
        ? {
            limit: row.limit_per_window,
            resetAt: Number(row.reset_at),
            granted: row.granted,
            known: row.known,
            probeUntil: Number(row.probe_until),
            openedAt: Number(row.opened_at),
          }
        : initialWindow(this.defaultLimit);
      if (observation) state = observe(state, observation);
      const result = lease(state, want, now);
      const next = result.state;
      await tx.query(
        `UPDATE clickup_rate_budgets SET limit_per_window = $2, reset_at = $3, granted = $4, known = $5,
         probe_until = $6, opened_at = $7, updated_at = now() WHERE fingerprint = $1`,
        [fingerprint, next.limit, next.resetAt, next.granted, next.known, next.probeUntil, next.openedAt],
      );
      return result.lease;
    });
  }

  async observe(fingerprint: string, observation: RateObservation, now: number): Promise<void> {
    await this.lease(fingerprint, 0, observation, now);
  }
}
