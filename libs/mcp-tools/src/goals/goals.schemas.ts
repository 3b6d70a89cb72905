import { z } from 'zod';
import { instantInput } from '../time-tracking/time-tracking.schemas';

const goalId = z.string().min(1).describe('goal_id: from goal_list.');
const keyResultId = z.string().min(1).describe('key_result_id: from goal_get.');
const userIds = z.array(z.number().int().positive()).max(50);
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #32a852')
  .optional();

export const KEY_RESULT_TYPES = ['number', 'currency', 'boolean', 'percentage', 'automatic'] as const;

export const keyResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  unit: z.string().nullable(),
  start: z.number().nullable(),
  current: z.number().nullable(),
  target: z.number().nullable(),
  percent: z.number().nullable(),
  completed: z.boolean(),
  task_ids: z.array(z.string()),
  list_ids: z.array(z.string()),
});

const goalFields = {
  id: z.string(),
  name: z.string(),
  percent_completed: z.number().nullable(),
  due_date_ms: z.number().nullable(),
  due_date_iso: z.string().nullable(),
  owner_ids: z.array(z.number()),
};

export const goalSummarySchema = z.object({ ...goalFields, key_result_count: z.number().nullable() });

export const goalDetailSchema = z.object({
  ...goalFields,
  description: z.string().nullable(),
  color: z.string().nullable(),
  url: z.string().nullable(),
  key_results: z.array(keyResultSchema),
});

export const goalListInput = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Only goals whose name contains this (case- and accent-insensitive).'),
  include_completed: z.boolean().optional().describe('Default: false, or true when name is given.'),
});

export const goalListOutput = z.object({
  items: z.array(goalSummarySchema),
  next_cursor: z.null(),
  truncated: z.boolean(),
});

export const goalGetInput = z.object({
  goal_id: goalId.optional(),
  name: z.string().min(1).max(200).optional().describe('Instead of goal_id: the goal’s exact name.'),
});

export const goalCreateInput = z.object({
  name: z.string().trim().min(1).max(300),
  due_date: instantInput.describe('Epoch ms or ISO date.'),
  description: z.string().max(10_000).optional(),
  owners: userIds.optional().describe('Owner user ids (member_list).'),
  color,
});

export const goalUpdateInput = z.object({
  goal_id: goalId,
  name: z.string().trim().min(1).max(300).optional(),
  due_date: instantInput.optional(),
  description: z.string().max(10_000).optional(),
  add_owners: userIds.optional(),
  rem_owners: userIds.optional(),
  color,
});

export const goalDeleteInput = z.object({ goal_id: goalId });
export const deletedOutput = z.object({ id: z.string(), deleted: z.literal(true) });

export const keyResultCreateInput = z.object({
  goal_id: goalId,
  name: z.string().trim().min(1).max(300),
  type: z.enum(KEY_RESULT_TYPES).default('number').describe('automatic: progress from task_ids/list_ids.'),
  start: z.number().default(0),
  target: z.number().optional().describe('The value that means done (default 100; 1 for boolean).'),
  unit: z.string().max(50).optional(),
  owners: userIds.optional(),
  task_ids: z.array(z.string().min(1)).max(50).optional(),
  list_ids: z.array(z.string().min(1)).max(50).optional(),
});

export const keyResultUpdateInput = z.object({
  goal_id: goalId.describe('The key result’s goal (goal_get).'),
  key_result_id: keyResultId,
  current: z.number().describe('The new current value.'),
  note: z.string().max(2000).optional(),
});

export const keyResultDeleteInput = z.object({
  goal_id: goalId.describe('The key result’s goal (goal_get).'),
  key_result_id: keyResultId,
});
