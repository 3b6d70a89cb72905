export type QueryValue = string | string[];
export type Query = Record<string, QueryValue>;

/** Parses a query string keeping repeated keys as arrays, the way the request log reports them. */
export function parseQuery(search: string): Query {
  const out: Query = {};
  if (!search) return out;
  for (const part of search.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decode(part.slice(eq + 1));
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}

function decode(s: string): string {
  const plus = s.includes('+') ? s.replace(/\+/g, ' ') : s;
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/** Typed readers over a parsed query. Array parameters are accepted as `key[]` and as `key` (API-NOTES §5.4). */
export class QueryReader {
  constructor(readonly raw: Query) {}

  string(key: string): string | undefined {
    const v = this.raw[key];
    return Array.isArray(v) ? v[v.length - 1] : v;
  }

  list(key: string): string[] {
    const out: string[] = [];
    for (const k of [key, `${key}[]`]) {
      const v = this.raw[k];
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) if (item !== '') out.push(item);
    }
    return out;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.string(key);
    if (v === undefined || v === '') return fallback;
    return v === 'true' || v === '1';
  }

  /** An integer parameter; `undefined` when absent, NaN-safe (400 through the caller's check). */
  int(key: string): number | undefined {
    const v = this.string(key);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? Math.trunc(n) : Number.NaN;
  }
}
