import { isRecord } from '@/lib/api-error';

export const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface RetryAttempt {
  at: string | null;
  status: number | null;
  message: string | null;
}

/** A retry job as the dashboard shows it, read leniently from `GET /api/v1/retry-jobs`. */
export interface RetryJob {
  id: string;
  name: string;
  state: string;
  tool: string | null;
  serverId: string | null;
  attemptsMade: number;
  maxAttempts: number | null;
  nextRunAt: string | null;
  createdAt: string | null;
  finishedAt: string | null;
  failedReason: string | null;
  attempts: RetryAttempt[];
  payload: unknown;
  result: unknown;
}

const str = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const time = (value: unknown): string | null => {
  if (typeof value === 'number') return new Date(value).toISOString();
  return str(value);
};

function pick(record: Record<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) if (record[key] !== undefined && record[key] !== null) return record[key];
  return undefined;
}

export function parseRetryJob(value: unknown): RetryJob | null {
  if (!isRecord(value)) return null;
  const id = str(value['id']);
  if (!id) return null;
  const payload = pick(value, 'payload', 'data');
  const fromPayload = isRecord(payload) ? payload : {};
  const attempts = pick(value, 'attempts_log', 'history', 'attempts');
  return {
    id,
    name: str(value['name']) ?? 'job',
    state: str(value['state']) ?? 'unknown',
    tool: str(pick(value, 'tool')) ?? str(fromPayload['tool']),
    serverId: str(pick(value, 'server_id')) ?? str(fromPayload['server_id']),
    attemptsMade: num(pick(value, 'attempts_made', 'attemptsMade')) ?? 0,
    maxAttempts:
      num(pick(value, 'max_attempts', 'attempts_max')) ?? (typeof attempts === 'number' ? attempts : null),
    nextRunAt: time(pick(value, 'next_run_at', 'next_attempt_at', 'run_at', 'scheduled_at')),
    createdAt: time(pick(value, 'created_at', 'timestamp')),
    finishedAt: time(pick(value, 'finished_at', 'finishedOn')),
    failedReason: str(pick(value, 'failed_reason', 'failedReason', 'last_error')),
    attempts: Array.isArray(attempts)
      ? attempts.filter(isRecord).map((a) => ({
          at: time(pick(a, 'at', 'started_at', 'finished_at')),
          status: num(pick(a, 'status', 'upstream_status')),
          message: str(pick(a, 'message', 'error', 'reason')),
        }))
      : [],
    payload,
    result: pick(value, 'result', 'returnvalue'),
  };
}

/** A list answer as a bare array, or `{items}` / `{jobs}`. */
export function parseRetryJobs(body: unknown): RetryJob[] {
  const list = Array.isArray(body)
    ? body
    : isRecord(body)
      ? (pick(body, 'items', 'jobs') as unknown)
      : undefined;
  return Array.isArray(list) ? list.map(parseRetryJob).filter((j): j is RetryJob => j !== null) : [];
}
