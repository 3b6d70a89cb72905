import { isObject } from '../http/body';

export interface FaultSpec {
  method?: string;
  path?: string;
  status?: number;
  count: number;
  after_commit: boolean;
  delay_ms: number;
  reset_connection: boolean;
}

export interface Fault extends FaultSpec {
  id: number;
  remaining: number;
  matcher: (path: string) => boolean;
}

/** Validates a `POST /_sandbox/faults` body; returns the spec or a message for the 400. */
export function parseFault(body: unknown): FaultSpec | string {
  if (!isObject(body)) return 'body must be a JSON object';
  const known = new Set([
    'method',
    'path',
    'status',
    'count',
    'after_commit',
    'delay_ms',
    'reset_connection',
  ]);
  const unknown = Object.keys(body).filter((k) => !known.has(k));
  if (unknown.length > 0) return `unknown field(s): ${unknown.join(', ')}`;
  const { method, path, status, count, after_commit, delay_ms, reset_connection } = body;
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)))
    return 'method must be an HTTP method such as "POST"';
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/')))
    return 'path must be a string starting with "/" (a prefix, or a pattern with *)';
  if (
    status !== undefined &&
    (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
  ) {
    return 'status must be an integer HTTP status from 100 to 599';
  }
  if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1))
    return 'count must be a positive integer';
  if (after_commit !== undefined && typeof after_commit !== 'boolean')
    return 'after_commit must be a boolean';
  if (reset_connection !== undefined && typeof reset_connection !== 'boolean')
    return 'reset_connection must be a boolean';
  if (
    delay_ms !== undefined &&
    (typeof delay_ms !== 'number' || !Number.isInteger(delay_ms) || delay_ms < 0 || delay_ms > 120_000)
  ) {
    return 'delay_ms must be an integer from 0 to 120000';
  }
  if (status === undefined && !reset_connection && !delay_ms)
    return 'give status, reset_connection or delay_ms';
  if (after_commit && status === undefined && !reset_connection)
    return 'after_commit needs status or reset_connection';
  return {
    method: method?.toUpperCase(),
    path,
    status,
    count: count ?? 1,
    after_commit: after_commit ?? false,
    delay_ms: delay_ms ?? 0,
    reset_connection: reset_connection ?? false,
  };
}

/** `*` matches any run of characters; without `*` the path is a prefix. */
function compile(path: string | undefined): (p: string) => boolean {
  if (!path) return () => true;
  if (!path.includes('*')) return (p) => p.startsWith(path);
  const re = new RegExp(
    `^${path
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return (p) => re.test(p);
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: this.nextId++, remaining: spec.count, matcher: compile(spec.path) };
    this.faults.push(fault);
    return fault;
  }

  /** The first matching fault, consumed once; exhausted faults disappear. */
  take(method: string, path: string): Fault | undefined {
    if (this.faults.length === 0) return undefined;
    const fault = this.faults.find((f) => (!f.method || f.method === method) && f.matcher(path));
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): Omit<Fault, 'matcher'>[] {
    return this.faults.map(({ matcher: _m, ...rest }) => rest);
  }

  clear(): void {
    this.faults = [];
  }
}
