import { z } from 'zod';
import {
  idSchema,
  listOf,
  nullableBooleanSchema,
  nullableStringSchema,
  numberishSchema,
  statusSchema,
  timestampSchema,
  userSchema,
} from './common.schemas';
import { tagSchema } from './tags.schemas';

const timeEntryTaskSchema = z.object({
  id: idSchema,
  custom_id: nullableStringSchema,
  name: z.string().optional(),
  status: statusSchema.partial({ status: true }).optional(),
});

const taskLocationSchema = z.object({
  list_id: idSchema.nullish().transform((v) => v ?? null),
  folder_id: idSchema.nullish().transform((v) => v ?? null),
  space_id: idSchema.nullish().transform((v) => v ?? null),
  list_name: z.string().optional(),
  folder_name: z.string().optional(),
  space_name: z.string().optional(),
});

/**
 * A time entry. `start`, `end`, `duration` and `at` come as numbers or strings of ms. A running timer has a
 * negative `duration` (API-NOTES §16.1); `running` says so, and its elapsed time is `now - start`.
 */
export const timeEntrySchema = z
  .object({
    id: idSchema,
    task: timeEntryTaskSchema.nullish().transform((v) => v ?? null),
    wid: idSchema.nullish().transform((v) => v ?? null),
    user: userSchema.nullish().transform((v) => v ?? null),
    billable: nullableBooleanSchema,
    start: timestampSchema,
    end: timestampSchema,
    duration: numberishSchema,
    description: nullableStringSchema,
    tags: listOf(tagSchema),
    source: nullableStringSchema,
    at: timestampSchema,
    task_location: taskLocationSchema.optional(),
    task_tags: listOf(tagSchema).optional(),
    task_url: z.string().optional(),
  })
  .transform((entry) => ({ ...entry, running: entry.duration !== null && entry.duration < 0 }));
export type TimeEntry = z.output<typeof timeEntrySchema>;

export const getTimeEntriesResponse = z.object({ data: z.array(timeEntrySchema) }).transform((r) => r.data);

/** The spec example wraps a single entry in an array; the object form is what the notes describe. Both read. */
export const getTimeEntryResponse = z
  .object({ data: z.union([timeEntrySchema, z.array(timeEntrySchema).min(1)]) })
  .transform((r) => (Array.isArray(r.data) ? r.data[0] : r.data));

/** The running timer, or null when none runs (`{data: null}` or no `data`). */
export const currentTimeEntryResponse = z
  .object({ data: timeEntrySchema.nullish() })
  .transform((r) => r.data ?? null);

export const timeEntryResponse = z.object({ data: timeEntrySchema }).transform((r) => r.data);

/** Delete answers the deleted entry (or entries, when several ids were given). */
export const deletedTimeEntriesResponse = z
  .object({ data: z.union([timeEntrySchema, z.array(timeEntrySchema)]).nullish() })
  .transform((r) => (r.data ? (Array.isArray(r.data) ? r.data : [r.data]) : []));

/**
 * Create is documented to echo the request body, while servers are expected to send `{data: entry}`
 * (API-NOTES §16.1): the entry when ClickUp returns one, otherwise null.
 */
export const createdTimeEntryResponse = z
  .union([
    z.object({ data: timeEntrySchema }),
    z.object({ start: numberishSchema, duration: numberishSchema, billable: z.boolean().optional() }),
  ])
  .transform((r) => ('data' in r ? r.data : null));
