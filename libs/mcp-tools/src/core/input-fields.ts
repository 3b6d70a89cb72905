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

/** A ClickUp user id, as member_list and user_me give them. */
export const userIdField = z.number().int().min(1);

/** A time written by an agent: epoch ms or an ISO-8601 string, read as epoch ms. */
export const instantField = z.union([z.number().int(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'expected epoch ms or an ISO-8601 date' });
    return z.NEVER;
  }
  // Epoch seconds would land in 1970; say so instead of writing a date there.
  if (ms < 100_000_000_000) {
    ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds (this looks like seconds)' });
    return z.NEVER;
  }
  return ms;
});
