import { z } from 'zod';
import {
  idSchema,
  listOf,
  nullableBooleanSchema,
  nullableStringSchema,
  numberishSchema,
  timestampSchema,
  userSchema,
} from './common.schemas';

const keyResultActionSchema = z.object({
  id: idSchema,
  key_result_id: idSchema.optional(),
  userid: numberishSchema,
  date_modified: timestampSchema,
  note: nullableStringSchema,
  steps_taken: numberishSchema,
  steps_before: numberishSchema,
  steps_current: numberishSchema,
  steps_before_float: numberishSchema,
  steps_taken_float: numberishSchema,
  steps_current_float: numberishSchema,
});

// Numeric key-result fields come back as numbers, strings or null (API-NOTES §15).
export const keyResultSchema = z.object({
  id: idSchema,
  goal_id: idSchema,
  name: z.string(),
  type: z.string(),
  unit: nullableStringSchema,
  creator: numberishSchema,
  date_created: timestampSchema,
  goal_pretty_id: idSchema.nullish().transform((v) => v ?? null),
  percent_completed: numberishSchema,
  completed: nullableBooleanSchema,
  steps_start: numberishSchema,
  steps_end: numberishSchema,
  steps_current: numberishSchema,
  task_ids: listOf(idSchema),
  // ClickUp calls the linked Lists `subcategory_ids`.
  subcategory_ids: listOf(idSchema),
  owners: listOf(userSchema),
  last_action: keyResultActionSchema.nullish().transform((v) => v ?? null),
});
export type KeyResult = z.output<typeof keyResultSchema>;

export const goalSchema = z.object({
  id: idSchema,
  pretty_id: idSchema.nullish().transform((v) => v ?? null),
  name: z.string(),
  team_id: idSchema.nullish().transform((v) => v ?? null),
  creator: numberishSchema,
  owner: userSchema.nullish().transform((v) => v ?? null),
  color: nullableStringSchema,
  date_created: timestampSchema,
  start_date: timestampSchema,
  due_date: timestampSchema,
  description: nullableStringSchema,
  private: nullableBooleanSchema,
  archived: nullableBooleanSchema,
  multiple_owners: nullableBooleanSchema,
  folder_id: nullableStringSchema,
  pinned: nullableBooleanSchema,
  owners: listOf(userSchema),
  // The spec types members as strings in single-goal answers and as users in the list; only users are kept.
  members: listOf(z.union([userSchema, z.string()])).transform((v) => v.filter((m) => typeof m === 'object')),
  key_result_count: numberishSchema,
  key_results: listOf(keyResultSchema),
  percent_completed: numberishSchema,
  pretty_url: nullableStringSchema,
});
export type Goal = z.output<typeof goalSchema>;

export const goalFolderSchema = z.object({
  id: idSchema,
  name: z.string(),
  team_id: idSchema.optional(),
  private: nullableBooleanSchema,
  goal_count: numberishSchema,
  goals: listOf(goalSchema),
});
export type GoalFolder = z.output<typeof goalFolderSchema>;

export const getGoalsResponse = z.object({ goals: z.array(goalSchema), folders: listOf(goalFolderSchema) });
export type GoalsAndFolders = z.output<typeof getGoalsResponse>;

export const goalResponse = z.object({ goal: goalSchema }).transform((r) => r.goal);
export const keyResultResponse = z.object({ key_result: keyResultSchema }).transform((r) => r.key_result);
