import { z } from 'zod';
import { idField, nameField, rule } from '../core/input-fields';
import { userRef } from '../core/people';

const taskId = idField('From task_search');
const checklistId = idField('From task_get');
const itemName = nameField(1000);

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
  name: nameField(500).describe('Checklist name'),
  items: z.array(itemName).max(50).optional().describe('Item names.'),
});

export const checklistItemCreateInput = z.object({
  task_id: taskId,
  checklist_id: checklistId,
  name: itemName.describe('Item name'),
  assignee: userRef.optional(),
});

export const checklistItemUpdateInput = z
  .object({
    task_id: taskId,
    checklist_id: checklistId,
    item_id: idField('From the checklist items.'),
    name: itemName.optional().describe('New name'),
    resolved: z.boolean().optional().describe('true checks it off'),
    assignee: userRef.nullable().optional().describe('User id, "me", email, name; null unassigns'),
    parent_item_id: idField('Nest under it; null un-nests.').nullable().optional(),
  })
  .refine(
    (a) => [a.name, a.resolved, a.assignee, a.parent_item_id].some((v) => v !== undefined),
    rule('Nothing to change: give name, resolved, assignee or parent_item_id.', 'resolved'),
  )
  .refine(
    (a) => a.parent_item_id !== a.item_id,
    rule('An item cannot be nested under itself.', 'parent_item_id'),
  );

export const checklistUpdateInput = z
  .object({
    task_id: taskId,
    checklist_id: checklistId,
    name: nameField(500).optional().describe('New name'),
    position: z.number().int().min(0).optional().describe('0 = first.'),
  })
  .refine(
    (a) => a.name !== undefined || a.position !== undefined,
    rule('Nothing to change: give name or position.', 'name'),
  );

export const checklistUpdateOutput = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().nullable(),
});

export const checklistDeleteInput = z.object({
  task_id: taskId,
  checklist_id: checklistId,
  item_id: idField('Only this item.').optional(),
});

export const checklistDeleteOutput = z.object({
  checklist_id: z.string(),
  item_id: z.string().nullable(),
  deleted: z.literal(true),
});
