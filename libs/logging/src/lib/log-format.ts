import type { DestinationStream } from 'pino';

/** `json`: one JSON object per line, for a log pipeline. `pretty`: short human-readable lines, for `npm start`. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const COLORS: Record<number, number> = { 10: 90, 20: 90, 30: 32, 40: 33, 50: 31, 60: 35 };
/** Fields every line has, or that the line's head already shows. */
const SHOWN = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'name',
  'req',
  'res',
  'responseTime',
  'context',
]);
const MAX_VALUE_CHARS = 160;

export interface PrettyOptions {
  color?: boolean;
}

/**
 * NestJS's boot lines, one per module and route (a few hundred): the JSON log keeps them, the pretty one shows what
 * a person starting the product needs.
 */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Whether the pretty log skips a line: Nest's info-level boot chatter. */
export function isBootNoise(line: string): boolean {
  if (!line.includes('"context"')) return false;
  try {
    const entry = JSON.parse(line) as { level?: unknown; context?: unknown };
    return entry.level === 30 && typeof entry.context === 'string' && BOOT_CONTEXTS.has(entry.context);
  } catch {
    return false;
  }
}

/**
 * One of pino's JSON lines as a short line a person reads: time, level, message, then an access line's method, URL,
 * status and duration, then the other fields as `key=value`. A line that is not pino's JSON is returned as it is.
 */
export function prettyLogLine(line: string, options: PrettyOptions = {}): string {
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
    entry = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = typeof entry['level'] === 'number' ? entry['level'] : 30;
  const parts: string[] = [];
  if (typeof entry['time'] === 'number') parts.push(new Date(entry['time']).toISOString().slice(11, 23));
  const label = (LEVELS[level] ?? String(level)).padEnd(5);
  parts.push(options.color ? `\x1b[${COLORS[level] ?? 0}m${label}\x1b[0m` : label);
  const context = entry['context'] ?? entry['name'];
  if (typeof context === 'string') parts.push(`[${context}]`);
  if (entry['msg'] !== undefined) parts.push(String(entry['msg']));
  const access = accessPart(entry);
  if (access) parts.push(access);
  for (const [key, value] of Object.entries(entry)) {
    if (SHOWN.has(key) || value === undefined) continue;
    parts.push(`${key}=${shortValue(key, value)}`);
  }
  return parts.join(' ');
}

function accessPart(entry: Record<string, unknown>): string | null {
  const req = entry['req'] as { method?: unknown; url?: unknown; id?: unknown } | undefined;
  const res = entry['res'] as { statusCode?: unknown } | undefined;
  if (!req || typeof req !== 'object') return null;
  const bits = [req.method, req.url].filter((v) => typeof v === 'string') as string[];
  if (res && typeof res === 'object' && typeof res.statusCode === 'number') bits.push(String(res.statusCode));
  if (typeof entry['responseTime'] === 'number') bits.push(`${Math.round(entry['responseTime'])}ms`);
  return bits.length > 0 ? bits.join(' ') : null;
}

function shortValue(key: string, value: unknown): string {
  // An error shows its message, not its stack: the JSON format keeps the stack.
  const shown =
    key === 'err' && value !== null && typeof value === 'object' && 'message' in value
      ? String((value as { message: unknown }).message)
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  const clipped = shown.length > MAX_VALUE_CHARS ? `${shown.slice(0, MAX_VALUE_CHARS)}…` : shown;
  return /[\s"=]/.test(clipped) ? JSON.stringify(clipped) : clipped;
}

/**
 * Where pino writes in a format: undefined for JSON (pino's own stdout destination), or a stream that rewrites each
 * line before it reaches `out`.
 */
export function logDestination(
  format: LogFormat,
  out: { write(text: string): unknown } = process.stdout,
  options: PrettyOptions = { color: process.stdout.isTTY === true },
): DestinationStream | undefined {
  if (format === 'json') return undefined;
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) {
        if (line !== '' && !isBootNoise(line)) out.write(`${prettyLogLine(line, options)}\n`);
      }
    },
  };
}
