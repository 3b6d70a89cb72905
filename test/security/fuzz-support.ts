import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { StackMode } from '../support/stack';

/**
 * The embedded default takes the full count; PostgreSQL + Redis a tenth, for what differs there (the audit writer,
 * the queue). Together the two suites send over 10,000 messages to `/mcp/{token}` and the REST write routes.
 */
export const FUZZ_MODES: Array<[StackMode, number]> = [
  ['embedded', 1],
  ['postgres+redis', 0.1],
];

/**
 * A fixed seed and count by default, so a failure reproduces; `FUZZ_SEED` / `FUZZ_RUNS` explore further. `fraction`
 * is the mode's share of the count.
 */
export function fuzzSettings(defaultRuns: number, fraction: number): { seed: number; runs: number } {
  const seed = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : 20261204;
  const total = process.env['FUZZ_RUNS'] ? Number(process.env['FUZZ_RUNS']) : defaultRuns;
  return { seed, runs: Math.max(1, Math.round(total * fraction)) };
}

/** Resident memory of a process in bytes, read the way `top` does. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** A JSON value nested `depth` levels deep, as arrays or objects. */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** The same as raw JSON text, for depths `JSON.stringify` could not reach. */
export function nestedText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Ids an agent or a script might send to reach outside a resource: traversal, encodings, separators. */
export const HOSTILE_IDS = [
  '',
  ' ',
  '.',
  '..',
  '/',
  '../..',
  '../../team',
  '%2e',
  '%2e%2e',
  '%2F',
  '..%2F..%2Fteam',
  '?include_closed=true',
  '#',
  'a/b',
  '\\',
  '0',
  '-1',
  '1e309',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '\u0000',
  '\r\nX-Injected: 1',
  '\ud800',
  '😀',
  'ünïcödé',
  '%',
  '%zz',
  '${jndi:ldap://x}',
  "' OR 1=1 --",
];

/** Strings that are hard on parsers, loggers and URL builders. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_IDS),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', '\ufeff'),
    maxLength: 16,
  }),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.constant('é'.repeat(70_000)),
);

/** Numbers an integer or timestamp field should refuse or bound. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, -1e308, 1e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** A value of the wrong kind, size or shape for whatever field it lands in. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(
    null,
    true,
    false,
    [],
    {},
    [null],
    { '': '' },
    JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  ),
  fc.integer({ min: 50, max: 2000 }).map((d) => nested(d, 'object')),
  fc.integer({ min: 50, max: 2000 }).map((d) => nested(d, 'array')),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => `id${i}`)),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Numbers JSON.stringify cannot write but a raw body can: JSON.parse turns them into ±Infinity or 0. */
export const RAW_NUMBER_LITERALS = ['1e999', '-1e999', '1e-999', '123456789012345678901234567890', '-0'];

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
};

export interface SchemaContext {
  /** Resolves `#/components/schemas/X` (OpenAPI) references. */
  resolve?: (ref: string) => JsonSchema;
  /** Plausible values for string fields by name (real ids, so valid-looking calls reach the upstream). */
  knownStrings?: (field: string) => string[] | undefined;
}

/** Values that satisfy `schema` as far as a plain generator can tell: a valid-looking baseline to mutate. */
export function fromSchema(
  schema: JsonSchema,
  ctx: SchemaContext,
  field = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.$ref && ctx.resolve) return fromSchema(ctx.resolve(schema.$ref), ctx, field, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fromSchema(s, ctx, field, depth)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0], ctx, field, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      const known = ctx.knownStrings?.(field);
      if (known?.length) return fc.constantFrom(...known);
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'uuid') return fc.uuid();
      return fc.string({
        minLength: Math.max(1, schema.minLength ?? 1),
        maxLength: Math.min(schema.maxLength ?? 24, 24),
      });
    }
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? 0,
        max: Math.min(schema.maximum ?? 1_000_000, 1_000_000_000_000),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1_000_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      if (depth > 3 || !schema.items) return fc.constant([]);
      return fc.array(fromSchema(schema.items, ctx, field, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      if (depth > 3) return fc.constant({});
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const entries = Object.fromEntries(
        Object.entries(properties).map(([name, s]) => [name, fromSchema(s, ctx, name, depth + 1)]),
      );
      return fc.record(entries, { requiredKeys: [...required].filter((k) => k in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export type Mutation =
  | { kind: 'replace'; field: string; value: unknown }
  | { kind: 'drop'; field: string }
  | { kind: 'extra'; field: string; value: unknown }
  | { kind: 'whole'; value: unknown }
  | { kind: 'none' };

/** One field changed, dropped or added, or the whole value swapped: the message a buggy or hostile agent sends. */
export function mutation(fields: string[]): fc.Arbitrary<Mutation> {
  const pickField = fields.length ? fc.constantFrom(...fields) : fc.constant('name');
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('replace' as const), field: pickField, value: hostileValue }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), field: pickField }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        field: fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'x'.repeat(5000)),
          fc.string(),
        ),
        value: hostileValue,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: hostileValue }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
}

export function applyMutation(base: unknown, m: Mutation): unknown {
  if (m.kind === 'none') return base;
  if (m.kind === 'whole') return m.value;
  const copy: Record<string, unknown> =
    typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...(base as object) } : {};
  if (m.kind === 'drop') delete copy[m.field];
  // defineProperty, so a "__proto__" key is sent as a key, the way a hostile client writes it.
  else
    Object.defineProperty(copy, m.field, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** A short description of a value for failure reports: huge or deep values are not printed whole. */
export function preview(value: unknown, max = 300): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = `<${typeof value} that JSON cannot write>`;
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Collects findings during a run; a suite asserts none at the end and prints the first of each kind. */
export class Findings {
  private readonly byKind = new Map<string, { count: number; example: string }>();
  readonly statuses = new Map<string, number>();

  /** Counts an HTTP status or a tool outcome, for the summary printed after a run. */
  note(what: number | string): void {
    const key = String(what);
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  add(kind: string, example: string): void {
    const entry = this.byKind.get(kind);
    if (entry) entry.count++;
    else this.byKind.set(kind, { count: 1, example });
  }

  get count(): number {
    return [...this.byKind.values()].reduce((n, e) => n + e.count, 0);
  }

  report(): string[] {
    return [...this.byKind.entries()].map(([kind, e]) => `${e.count}× ${kind}\n    e.g. ${e.example}`);
  }

  summary(): string {
    return [...this.statuses.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
  }
}

/** POSTs raw bytes; never throws on a non-JSON answer (that is a finding for the caller to judge). */
export async function send(
  url: string,
  init: { method?: string; body?: string | Buffer; headers?: Record<string, string> },
): Promise<{ status: number; text: string; json: unknown; contentType: string }> {
  const res = await fetch(url, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
    // The gateway's own answer is judged; a redirect it sends (to an identity provider, say) is not followed.
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, contentType: res.headers.get('content-type') ?? '' };
}

/** Runs one exchange; a dropped connection or a timeout is a finding, never an exception that stops the run. */
export async function attempt<T>(
  findings: Findings,
  sent: string,
  exchange: () => Promise<T>,
): Promise<T | null> {
  try {
    return await exchange();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    findings.add(`no answer (${cause?.code ?? cause?.message ?? (error as Error).message})`, sent);
    return null;
  }
}

/** Whether `encodeURIComponent` can write a string (a lone surrogate makes it throw). */
export function encodable(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** One mode's run: its seed and count, a share of that count per property, and the findings of each property. */
export function fuzzRun(defaultRuns: number, fraction: number) {
  const { seed, runs } = fuzzSettings(defaultRuns, fraction);
  const all: Findings[] = [];
  return {
    seed,
    runs,
    all,
    share: (part: number) => Math.max(1, Math.round(runs * part)),
    fresh: () => {
      const findings = new Findings();
      all.push(findings);
      return findings;
    },
  };
}
