import { isSafeClickUpId } from '@gw/clickup-client';
import { z } from 'zod';

// Argument fields shared by tool groups. Bounds that only guard against nonsense (an empty id, a megabyte of
// text) are checked with refinements, which JSON Schema leaves out: every byte of a listing is paid for in each
// agent's context, while the check still answers VALIDATION_ERROR naming the field.

export const CLICKUP_ID_MESSAGE =
  'not a ClickUp id: an id is never blank, "." or "..", and holds no /, \\, % or control character';

/** Whether a string can be a ClickUp id (see `idField`). */
export const isClickUpId = (v: string): boolean => v.trim() !== '' && isSafeClickUpId(v);

/**
 * An id copied from another tool's result. Every id a tool puts in a ClickUp path goes through this one schema:
 * `.` and `..` would be resolved as path segments, and `/`, `\`, `%` or a control character would change what the
 * path names, so such ids answer VALIDATION_ERROR before any request is built.
 */
export const clickUpId = z.string().refine(isClickUpId, CLICKUP_ID_MESSAGE);

/** Marks the issues of argument rules (see `rule`), whose message is written whole. */
export const ARGUMENT_RULE = 'argument_rule';

/**
 * A rule across arguments (`z.object({…}).refine(check, rule(message, field))`): checked with the schema, so a call
 * that breaks it is refused before any id is proven, at no request. The message names the fields itself and reaches
 * the agent as written, with `field` as the issue's path.
 */
export function rule(message: string, field?: string) {
  return { message, params: { [ARGUMENT_RULE]: true }, ...(field === undefined ? {} : { path: [field] }) };
}

/** A rule's check: an update gives some field besides `id` (its target), or there is nothing to change. */
export function changesSomething(id: string) {
  return (args: Readonly<Record<string, unknown>>): boolean =>
    Object.entries(args).some(([field, value]) => field !== id && value !== undefined);
}

/** `clickUpId` with where the agent finds one. */
export function idField(source: string) {
  return clickUpId.describe(source);
}

/** Free text of at most `max` characters (may be empty). */
export function textField(max: number) {
  return z.string().refine((v) => v.length <= max, `at most ${max} characters`);
}

/** A name or title: trimmed, not blank, at most `max` characters. */
export function nameField(max: number) {
  return z
    .string()
    .trim()
    .refine((v) => v !== '', 'must not be blank')
    .refine((v) => v.length <= max, `at most ${max} characters`);
}

/** What every time argument says about itself in the listing. */
export const TIME_HINT = 'Epoch ms or ISO 8601 (UTC if no offset)';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** Before 1973-03-03 in ms: an agent meant something else (seconds, a duration). */
const MIN_MS = 100_000_000_000;
/** After 5138 in ms: microseconds or nanoseconds. */
const MAX_MS = 100_000_000_000_000;
const ACCEPTED = 'give epoch milliseconds or ISO 8601 (e.g. 2025-01-31 or 2025-01-31T09:00:00Z)';

/** Epoch ms from a number an agent wrote, or why it is not one. */
function msOf(n: number, given: string): number | string {
  if (!Number.isFinite(n)) return `${given} is not a time; ${ACCEPTED}`;
  if (!Number.isInteger(n)) return `${given} is not whole milliseconds; ${ACCEPTED}`;
  if (n < 0) return `${given} is before 1970; ${ACCEPTED}`;
  if (n >= 1_000_000_000 && n < 10_000_000_000)
    return `${given} looks like epoch seconds; give milliseconds (${n * 1000}) or ISO 8601`;
  if (n < MIN_MS) return `${given} is too small for epoch milliseconds (it would be in 1970); ${ACCEPTED}`;
  if (n >= MAX_MS) return `${given} is too large for epoch milliseconds (microseconds?); ${ACCEPTED}`;
  return n;
}

/**
 * Epoch ms from an ISO 8601 date or date-time, or why it is not one. A date or date-time without an offset is
 * UTC: `Date.parse` would read a bare date-time in the gateway's local time, so it never sees one.
 */
function isoMs(text: string): number | string {
  const m = ISO.exec(text);
  if (!m) return `${JSON.stringify(text)} is not a time; ${ACCEPTED}`;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', offset] = m;
  const fraction = Number(`0.${frac || '0'}`) * 1000;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi) ||
    check.getUTCSeconds() !== Number(sec)
  )
    return `${JSON.stringify(text)} is not a valid date; ${ACCEPTED}`;
  let shift = 0;
  if (offset && offset.toUpperCase() !== 'Z') {
    const digits = offset.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2) || '0') > 59)
      return `${JSON.stringify(text)} has an invalid UTC offset; ${ACCEPTED}`;
    shift = (offset[0] === '-' ? -1 : 1) * minutes * 60_000;
  }
  return msOf(utc + Math.round(fraction) - shift, JSON.stringify(text));
}

/** Kinds of shared argument schemas, recognised through wrappers and descriptions (see `isTimeField`). */
const TIME_DEFS = new WeakSet<object>();

/**
 * The one time argument of every tool: epoch milliseconds or an ISO 8601 date or date-time (UTC when it has no
 * offset), read as epoch ms. Epoch seconds, negative or fractional numbers and other date formats are refused with
 * a message naming the mistake.
 */
export const timeField = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const text = typeof value === 'string' ? value.trim() : '';
    const ms =
      typeof value === 'number'
        ? msOf(value, String(value))
        : /^-?\d+(\.\d+)?$/.test(text)
          ? msOf(Number(text), JSON.stringify(value))
          : isoMs(text);
    if (typeof ms === 'string') {
      ctx.addIssue({ code: 'custom', message: ms, input: value });
      return z.NEVER;
    }
    return ms;
  })
  .describe(TIME_HINT);
TIME_DEFS.add(timeField._zod.def);

/** Whether a schema is `timeField` (with another description or not). */
export const isTimeField = (schema: z.ZodType): boolean => TIME_DEFS.has(schema._zod.def);

/** @deprecated The former name of `timeField`; the same schema. */
export const instantField = timeField;

/**
 * @deprecated A bare user id: user arguments take `userRef` (core/people.ts), which also takes "me", an email or a
 * name. Kept for results and internal shapes only.
 */
export const userIdField = z.number().int().min(1);
