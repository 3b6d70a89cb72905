export interface DailyCalls {
  date: string;
  by_group: Record<string, number>;
  calls: number;
  denied: number;
  error: number;
  queued: number;
}

/** `GET /api/v1/stats/overview`. */
export interface OverviewStats {
  days: DailyCalls[];
  groups: string[];
  totals: {
    calls: number;
    ok: number;
    denied: number;
    error: number;
    queued: number;
    denied_rate: number;
    error_rate: number;
  };
  queue: { waiting: number; delayed: number; active: number; failed: number } | null;
  servers: { active: number; expiring_soon: number; expired: number; revoked: number };
}
