import type { OperationName } from './schemas/response-schemas';

export type ApiVersion = 'v2' | 'v3';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | string[];
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One ClickUp call as plain data: what a builder returns, what the transport executes and what the retry
 * queue stores in a job and replays later. `path` is relative to `/api/{version}` and has its ids encoded;
 * array query values go out as `key[]=v`.
 */
export interface ClickUpRequest<Op extends OperationName = OperationName> {
  operation: Op;
  method: HttpMethod;
  version: ApiVersion;
  path: string;
  query: Record<string, QueryValue>;
  body?: JsonValue;
}

/** Path template tag: interpolated values are URL-encoded as one path segment each. */
export function path(strings: TemplateStringsArray, ...ids: Array<string | number>): string {
  return strings.reduce(
    (out, part, i) => out + part + (i < ids.length ? encodeURIComponent(String(ids[i])) : ''),
    '',
  );
}

type QueryInput = Record<
  string,
  string | number | boolean | ReadonlyArray<string | number> | undefined | null
>;

/** Query values as ClickUp reads them: booleans `true`/`false`, numbers in decimal, absent values dropped. */
export function query(input: QueryInput): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[key] = value.map(String);
    } else {
      out[key] = String(value);
    }
  }
  return out;
}

/** Drops keys whose value is `undefined`, so a request body only carries what the caller set. */
export function compact<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** The query string the transport sends: `key=v`, and `key[]=v` once per element of an array value. */
export function encodeQuery(queryParams: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(queryParams)) {
    if (Array.isArray(value)) {
      for (const item of value) parts.push(`${encodeURIComponent(key)}[]=${encodeURIComponent(item)}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** `/api/v2/task/abc?include_subtasks=true`: the origin-relative URL of a request. */
export function requestUrlPath(request: Pick<ClickUpRequest, 'version' | 'path' | 'query'>): string {
  return `/api/${request.version}${request.path}${encodeQuery(request.query)}`;
}
