import { ApiError, isRecord } from '@/lib/api-error';

export interface ComponentStatus {
  /** The key in the health report, e.g. `database`. */
  key: string;
  label: string;
  up: boolean;
  /** Why a component is down, as the api reported it (plain text). */
  message?: string;
}

export interface Readiness {
  ok: boolean;
  components: ComponentStatus[];
}

const LABELS: Record<string, string> = { database: 'Database', queue: 'Job queue' };
const ORDER = ['database', 'queue'];

/**
 * Reads the @nestjs/terminus report of `GET /readyz`: 200 when ready, 503 with the same shape when not.
 * Anything else means the api itself did not answer.
 */
export function parseReadiness(status: number, body: unknown): Readiness {
  if ((status !== 200 && status !== 503) || !isRecord(body) || typeof body['status'] !== 'string') {
    throw new ApiError(status, 'The gateway api did not answer its readiness check.');
  }
  const details = isRecord(body['details'])
    ? body['details']
    : { ...(isRecord(body['info']) ? body['info'] : {}), ...(isRecord(body['error']) ? body['error'] : {}) };

  const components = Object.entries(details)
    .map(([key, value]) => toComponent(key, value))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));

  return { ok: body['status'] === 'ok' && components.every((c) => c.up), components };
}

function toComponent(key: string, value: unknown): ComponentStatus {
  const up = isRecord(value) && value['status'] === 'up';
  const message = isRecord(value) && typeof value['message'] === 'string' ? value['message'] : undefined;
  return { key, label: LABELS[key] ?? humanize(key), up, ...(message ? { message } : {}) };
}

function rank(key: string): number {
  const index = ORDER.indexOf(key);
  return index === -1 ? ORDER.length : index;
}

function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export async function fetchReadiness(signal?: AbortSignal): Promise<Readiness> {
  let response: Response;
  try {
    response = await fetch('/readyz', { headers: { accept: 'application/json' }, cache: 'no-store', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'The dashboard could not reach the gateway. Check your network connection.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  return parseReadiness(response.status, body);
}
