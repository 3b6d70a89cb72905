import { z } from 'zod';
import { clickUpId, idField, nameField, rule, textField, timeField } from '../core/input-fields';
import { userRefs } from '../core/people';

const goalId = idField('From goal_list');
const keyResultId = idField('From goal_get');
const userIds = userRefs();
const color = z
  .string()
  .refine((v) => /^#[0-9a-fA-F]{6}$/.test(v), 'expected a colour like #32a852')
  .optional()
  .describe('Hex, e.g. #32a852');
const linkedIds = z.array(clickUpId).max(50).describe('Ids to track (automatic)');

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
  task_ids: z.array(z.string()),
  list_ids: z.array(z.string()),
  /** ClickUp keeps a key result's latest progress change (`last_action`), not a full history. */
  last_update: z
    .object({
      date_ms: z.number().nullable(),
      date_iso: z.string().nullable(),
      user_id: z.number().nullable(),
      from: z.number().nullable(),
      to: z.number().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
});

export const goalSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  percent_completed: z.number().nullable(),
  due_date_ms: z.number().nullable(),
  due_date_iso: z.string().nullable(),
  owner_ids: z.array(z.number()),
  key_result_count: z.number().nullable(),
});

export const goalDetailSchema = goalSummarySchema.omit({ key_result_count: true }).extend({
  description: z.string().nullable(),
  url: z.string().nullable(),
  key_results: z.array(keyResultSchema),
});

export const goalListInput = z.object({
  name: textField(200).optional().describe('Part of the name (any case or accents).'),
  include_completed: z.boolean().optional().describe('Default: only when name is given.'),
});

export const goalListOutput = z.object({
  items: z.array(goalSummarySchema),
  next_cursor: z.null(),
  truncated: z.boolean(),
});

export const goalGetInput = z
  .object({
    goal_id: goalId.optional(),
    name: textField(200).optional().describe('Or the exact name.'),
  })
  .refine(
    (a) => (a.goal_id === undefined) !== (a.name === undefined),
    rule('Give goal_id or name (one of them).', 'goal_id'),
  );

export const goalCreateInput = z.object({
  name: nameField(300).describe('Goal name'),
  due_date: timeField,
  description: textField(10_000).optional().describe('Plain text'),
  owners: userIds.optional(),
  color,
});

export const goalUpdateInput = z.object({
  goal_id: goalId,
  name: nameField(300).optional().describe('New name'),
  due_date: timeField.optional(),
  description: textField(10_000).optional().describe('Plain text'),
  add_owners: userIds.optional(),
  rem_owners: userIds.optional(),
  color,
});

export const goalDeleteInput = z.object({ goal_id: goalId });
export const deletedOutput = z.object({ id: z.string(), deleted: z.literal(true) });

export const keyResultCreateInput = z.object({
  goal_id: goalId,
  name: nameField(300).describe('Key result name'),
  type: z.enum(KEY_RESULT_TYPES).default('number').describe('automatic: from task_ids/list_ids.'),
  start: z.number().default(0).describe('Start value'),
  target: z.number().optional().describe('Done value. Default 100 (boolean: 1).'),
  unit: textField(50).optional().describe('e.g. "deals"'),
  owners: userIds.optional(),
  task_ids: linkedIds.optional(),
  list_ids: linkedIds.optional(),
});

export const keyResultUpdateInput = z.object({
  goal_id: goalId,
  key_result_id: keyResultId,
  current: z.number().describe('New current value'),
  note: textField(2000).optional().describe('Why it changed'),
});

export const keyResultDeleteInput = z.object({ goal_id: goalId, key_result_id: keyResultId });
