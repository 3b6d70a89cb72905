import { isRecord } from '@/lib/api-error';

export const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface RetryWrite {
  operation: string;
  method: string;
  path: string;
  /** `done`, `unknown` (sent, outcome not known) or `not_applied`. */
  state: string;
}

/** A queued tool call as the dashboard shows it, read from `GET /api/v1/retry-jobs` (tolerant of missing fields). */
export interface RetryJob {
  id: string;
  state: string;
  tool: string | null;
  serverId: string | null;
  /** Why it was queued: `rate_limit` or `upstream_error`. */
  reason: string | null;
  attemptsMade: number;
  maxAttempts: number | null;
  nextRunAt: string | null;
  createdAt: string | null;
  finishedAt: string | null;
  failedReason: string | null;
  /** The ClickUp changes the call made or tried, in order. */
  writes: RetryWrite[];
  payload: unknown;
  result: unknown;
}

const str = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const time = (value: unknown): string | null =>
  typeof value === 'number' ? new Date(value).toISOString() : str(value);

function pick(record: Record<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) if (record[key] !== undefined && record[key] !== null) return record[key];
  return undefined;
}

export function parseRetryJob(value: unknown): RetryJob | null {
  if (!isRecord(value)) return null;
  const id = str(value['id']);
  if (!id) return null;
  const writes = pick(value, 'writes');
  return {
    id,
    state: str(value['state']) ?? 'unknown',
    tool: str(value['tool']),
    serverId: str(value['server_id']),
    reason: str(value['reason']),
    attemptsMade: num(pick(value, 'attempts', 'attempts_made')) ?? 0,
    maxAttempts: num(value['max_attempts']),
    nextRunAt: time(pick(value, 'next_attempt_at', 'next_run_at')),
    createdAt: time(pick(value, 'queued_at', 'created_at', 'timestamp')),
    finishedAt: time(value['finished_at']),
    failedReason: str(pick(value, 'last_error', 'failed_reason')),
    writes: Array.isArray(writes)
      ? writes.filter(isRecord).map((w) => ({
          operation: str(w['operation']) ?? '',
          method: str(w['method']) ?? '',
          path: str(w['path']) ?? '',
          state: str(w['state']) ?? 'unknown',
        }))
      : [],
    payload: pick(value, 'arguments', 'payload'),
    result: value['result'] ?? undefined,
  };
}

/** A list answer: `{items}`, or a bare array. */
export function parseRetryJobs(body: unknown): RetryJob[] {
  const list = Array.isArray(body) ? body : isRecord(body) ? body['items'] : undefined;
  return Array.isArray(list) ? list.map(parseRetryJob).filter((j): j is RetryJob => j !== null) : [];
}
