import { isObject } from '../http/body';
import type { QueryReader } from '../http/query';
import type { FaultRegistry } from './faults';
import { parseFault } from './faults';
import { WINDOW_MS, type RateLimiter } from './rate-limiter';
import type { RequestLog } from './request-log';

/** What the `/_sandbox/*` controls act on (CONTRACTS §8). */
export interface ControlTarget {
  reset(): void;
  /**
   * What a user removing the app in ClickUp's settings does: every OAuth token the user granted stops working.
   * Answers how many were revoked, or null for an unknown user.
   */
  revokeOAuth(userKey: string): number | null;
  readonly limiter: RateLimiter;
  readonly faults: FaultRegistry;
  readonly log: RequestLog;
  latencyMs: number;
}

export interface ControlReply {
  status: number;
  body: unknown;
}

const bad = (message: string): ControlReply => ({ status: 400, body: { error: message } });

function intField(body: unknown, key: string, min: number, max: number): number | string {
  if (!isObject(body)) return `body must be a JSON object like {"${key}": ${min}}`;
  const v = body[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    return `${key} must be an integer from ${min} to ${max}`;
  return v;
}

/** Controls take no auth and are not logged: they are the test harness, not ClickUp. */
export function handleControl(
  target: ControlTarget,
  method: string,
  path: string,
  query: QueryReader,
  body: unknown,
  invalidJson: boolean,
): ControlReply {
  if (invalidJson) return bad('body is not valid JSON');
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_sandbox/health':
      return { status: 200, body: { ok: true } };
    case 'POST /_sandbox/reset':
      target.reset();
      return { status: 200, body: { ok: true } };
    case 'PUT /_sandbox/rate-limit': {
      const n = intField(body, 'per_minute', 1, 1_000_000);
      if (typeof n === 'string') return bad(n);
      // window_ms (optional, default 60000): the length of a "minute", for runs that scale time down.
      const windowMs =
        isObject(body) && body['window_ms'] !== undefined
          ? intField(body, 'window_ms', 1000, 60_000)
          : WINDOW_MS;
      if (typeof windowMs === 'string') return bad(windowMs);
      target.limiter.reset(n, windowMs);
      return { status: 200, body: { per_minute: n, window_ms: windowMs } };
    }
    case 'PUT /_sandbox/latency': {
      const n = intField(body, 'ms', 0, 60_000);
      if (typeof n === 'string') return bad(n);
      target.latencyMs = n;
      return { status: 200, body: { ms: n } };
    }
    case 'GET /_sandbox/faults':
      return { status: 200, body: { faults: target.faults.list() } };
    case 'POST /_sandbox/faults': {
      const spec = parseFault(body);
      if (typeof spec === 'string') return bad(spec);
      const { matcher: _m, ...fault } = target.faults.add(spec);
      return { status: 201, body: fault };
    }
    case 'DELETE /_sandbox/faults':
      target.faults.clear();
      return { status: 200, body: {} };
    case 'GET /_sandbox/requests': {
      const since = query.int('since') ?? 0;
      if (Number.isNaN(since) || since < 0) return bad('since must be a non-negative integer (a seq)');
      return { status: 200, body: { requests: target.log.since(since) } };
    }
    case 'POST /_sandbox/oauth/revoke': {
      const user = isObject(body) ? body['user'] : undefined;
      if (typeof user !== 'string' || user === '')
        return bad('body must be {"user": "<user key, e.g. sarah>"}');
      const revoked = target.revokeOAuth(user.toLowerCase());
      if (revoked === null) return { status: 404, body: { error: `no sandbox user ${user}` } };
      return { status: 200, body: { revoked } };
    }
    case 'DELETE /_sandbox/requests':
      target.log.clear();
      return { status: 200, body: {} };
    default:
      return { status: 404, body: { error: `no sandbox control ${route}` } };
  }
}
