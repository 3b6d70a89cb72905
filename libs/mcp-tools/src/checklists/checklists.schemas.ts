import { z } from 'zod';

const taskId = z.string().min(1).describe('task_id the checklist is on (task_get shows its checklists).');
const checklistId = z.string().min(1).describe('checklist_id: from checklist_create or task_get.');
const itemName = z.string().trim().min(1).max(1000);

export const checklistItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  resolved: z.boolean(),
  assignee_id: z.number().nullable(),
  parent_item_id: z.string().nullable(),
});

export const checklistSchema = z.object({
  id: z.string(),
  task_id: z.string(),
  name: z.string(),
  resolved: z.number().nullable(),
  unresolved: z.number().nullable(),
  items: z.array(checklistItemSchema),
});

export const checklistCreateInput = z.object({
  task_id: taskId,
  name: z.string().trim().min(1).max(500),
  items: z.array(itemName).max(50).optional().describe('Item names to add, in order.'),
});

export const checklistItemCreateInput = z.object({
  task_id: taskId,
  checklist_id: checklistId,
  name: itemName,
  assignee: z.number().int().positive().optional().describe('User id (member_list).'),
});

export const checklistItemUpdateInput = z.object({
  task_id: taskId,
  checklist_id: checklistId,
  item_id: z.string().min(1).describe('item id from the checklist’s items.'),
  name: itemName.optional(),
  resolved: z.boolean().optional().describe('true checks the item off.'),
  assignee: z.number().int().positive().nullable().optional().describe('User id, or null to unassign.'),
  parent_item_id: z.string().min(1).nullable().optional().describe('Nest under this item; null un-nests.'),
});

export const checklistDeleteInput = z.object({
  task_id: taskId,
  checklist_id: checklistId,
  item_id: z.string().min(1).optional().describe('Delete only this item (and its nested items).'),
});

export const checklistDeleteOutput = z.object({
  checklist_id: z.string(),
  item_id: z.string().nullable(),
  deleted: z.literal(true),
});
