import { z } from 'zod';
import {
  idSchema,
  listOf,
  nullableStringSchema,
  numberishSchema,
  timestampSchema,
  userSchema,
} from './common.schemas';

const checklistItemBaseSchema = z.object({
  id: idSchema,
  name: z.string(),
  orderindex: numberishSchema,
  assignee: userSchema.nullish().transform((v) => v ?? null),
  resolved: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  parent: nullableStringSchema,
  date_created: timestampSchema,
});

/**
 * `children` holds the ids of the items nested under this one (the spec types them as strings); an object
 * form is also read, as its id, so both shapes give one result.
 */
export const checklistItemSchema = checklistItemBaseSchema.extend({
  children: listOf(z.union([idSchema, checklistItemBaseSchema.transform((item) => item.id)])),
});

export const checklistSchema = z.object({
  id: idSchema,
  task_id: idSchema.optional(),
  name: z.string(),
  date_created: timestampSchema,
  orderindex: numberishSchema,
  creator: numberishSchema,
  resolved: numberishSchema,
  unresolved: numberishSchema,
  items: listOf(checklistItemSchema),
});
export type Checklist = z.output<typeof checklistSchema>;

/** Creating a checklist or an item answers `{checklist: {...}}`; the client returns the checklist. */
export const checklistResponse = z.object({ checklist: checklistSchema }).transform((r) => r.checklist);
