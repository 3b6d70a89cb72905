import { z } from 'zod';

// ClickUp's types drift between endpoints and between its spec and its servers (API-NOTES §3): ids come as
// strings or numbers, and numbers and ms timestamps often arrive as strings. These readers accept every
// variant seen and give the typed result one shape.

/** An id as a string, whether ClickUp sent `"790"` or `790`. */
export const idSchema = z.union([z.string(), z.number()]).transform(String);

/** A user id as a number; a numeric string is converted. */
export const userIdSchema = z
  .union([z.number(), z.string().regex(/^-?\d+$/, 'expected a numeric user id')])
  .transform(Number);

function toNumberOrNull(value: string | number | null | undefined, ctx: z.RefinementCtx): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `expected a number, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return n;
}

/** A number that may be sent as a string, or be null or absent: always `number | null` in the result. */
export const numberishSchema = z
  .union([z.number(), z.string(), z.null()])
  .nullish()
  .transform(toNumberOrNull);

/** Epoch milliseconds, sent as a number or a string of digits (v2 sends most of them as strings). */
export const timestampSchema = numberishSchema;

/** `null` when absent, so optional ClickUp strings read as `string | null`. */
export const nullableStringSchema = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

export const nullableBooleanSchema = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);

/** An array that ClickUp may omit or send as null: always an array in the result. */
export function listOf<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
}

/** A user as embedded in tasks, comments, goals and members. */
export const userSchema = z.object({
  id: userIdSchema,
  username: nullableStringSchema,
  email: z.string().optional(),
  color: nullableStringSchema,
  initials: z.string().optional(),
  profilePicture: nullableStringSchema,
});
export type ClickUpUser = z.output<typeof userSchema>;

export const statusSchema = z.object({
  id: z.string().optional(),
  status: z.string(),
  color: nullableStringSchema,
  type: z.string().optional(),
  orderindex: numberishSchema,
});
export type ClickUpStatus = z.output<typeof statusSchema>;

/** Deletes and most setters answer `{}` (or 204 with no body); both read as `{}`. */
export const emptySchema = z
  .union([z.object({}), z.null(), z.undefined(), z.literal('')])
  .transform((): Record<string, never> => ({}));
export type Empty = z.output<typeof emptySchema>;
