import { z } from 'zod';
import { changesSomething, rule, timeField } from '../core/input-fields';
import { userRef } from '../core/people';
import { folderIdInput, listIdInput, spaceIdInput } from '../workspaces/hierarchy.schemas';

export const listSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** null for a folderless list (directly in its space). */
  folder_id: z.string().nullable(),
  space_id: z.string().nullable(),
  task_count: z.number().nullable(),
  archived: z.boolean(),
});

export const listDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  content: z.string().nullable(),
  folder_id: z.string().nullable(),
  folder_name: z.string().nullable(),
  space_id: z.string().nullable(),
  space_name: z.string().nullable(),
  task_count: z.number().nullable(),
  archived: z.boolean(),
  color: z.string().nullable(),
  priority: z.number().nullable(),
  priority_name: z.string().nullable(),
  assignee_id: z.number().nullable(),
  assignee_name: z.string().nullable(),
  due_date_ms: z.number().nullable(),
  due_date_iso: z.string().nullable(),
  start_date_ms: z.number().nullable(),
  start_date_iso: z.string().nullable(),
  /** The task statuses valid in this list, in workflow order; `closed` ones count as done. */
  statuses: z.array(z.object({ status: z.string(), type: z.string().nullable() })),
});

const listFields = {
  content: z.string().max(100_000).describe('Description, markdown'),
  due_date: timeField,
  priority: z.number().int().min(1).max(4).describe('1 urgent, 2 high, 3 normal, 4 low'),
  color: z.string().trim().min(1).max(30).describe('Colour, e.g. "red"'),
};
const listName = z.string().trim().min(1).max(200).describe('List name');
const ownerId = userRef.describe('Owner: user id, "me", email or name');

/** A list lives in a folder or directly in a space: exactly one of the two is named. */
type Container = { folder_id?: string; space_id?: string };
const NOT_BOTH = [
  (a: Container) => !(a.folder_id && a.space_id),
  rule('Give folder_id or space_id, not both.', 'folder_id'),
] as const;
const EITHER = [
  (a: Container) => Boolean(a.folder_id || a.space_id),
  rule('Give folder_id, or space_id for lists directly in a space.', 'folder_id'),
] as const;

export const listListInput = z
  .object({
    folder_id: folderIdInput().optional(),
    space_id: spaceIdInput('lists directly in it').optional(),
    archived: z.boolean().default(false).describe('List archived lists instead of active ones'),
  })
  .refine(...NOT_BOTH)
  .refine(...EITHER);

export const listGetInput = z.object({ list_id: listIdInput() });

export const listCreateInput = z
  .object({
    folder_id: folderIdInput().optional(),
    space_id: spaceIdInput('to create it directly there').optional(),
    name: listName,
    content: listFields.content.optional(),
    due_date: listFields.due_date.optional(),
    priority: listFields.priority.optional(),
    assignee: ownerId.optional(),
    color: listFields.color.optional(),
  })
  .refine(...NOT_BOTH)
  .refine(...EITHER);

export const listUpdateInput = z
  .object({
    list_id: listIdInput(),
    name: listName.optional(),
    content: listFields.content.optional(),
    due_date: listFields.due_date.optional(),
    priority: listFields.priority.optional(),
    assignee: ownerId.nullable().optional().describe('Owner (user id, "me", email, name); null removes'),
    color: listFields.color.nullable().optional().describe('List colour; null removes'),
  })
  .refine(changesSomething('list_id'), rule('Give at least one field to change.', 'name'));

export const listDeleteInput = z.object({ list_id: listIdInput() });

export const listListOutput = z.object({
  items: z.array(listSummarySchema),
  next_cursor: z.null(),
  truncated: z.boolean(),
});
