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

/** Nested items (`children`) are read one level deep, which is as deep as ClickUp's UI nests them. */
export const checklistItemSchema = checklistItemBaseSchema.extend({
  children: listOf(checklistItemBaseSchema),
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
