import { z } from 'zod';
import { idField, rule } from '../core/input-fields';
import { taskResult } from '../tasks/tasks.schemas';

const hierarchyId = idField('From workspace_hierarchy');

type Location = { space_id?: string; folder_id?: string; list_id?: string };

export const viewListInput = z
  .object({
    space_id: hierarchyId.optional(),
    folder_id: hierarchyId.optional(),
    list_id: hierarchyId.optional(),
  })
  .refine(
    (a: Location) => [a.space_id, a.folder_id, a.list_id].filter((id) => id !== undefined).length <= 1,
    rule('Give one of space_id, folder_id or list_id, or none for the workspace views.', 'space_id'),
  );

export const viewTaskListInput = z.object({
  view_id: idField('From view_list'),
  cursor: z.string().optional().describe('next_cursor'),
});

export const viewListOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      type: z.string(),
      parent: z.string(),
      parent_id: z.string(),
    }),
  ),
  next_cursor: z.null(),
  truncated: z.boolean(),
});

export const viewTaskListOutput = z.object({
  items: z.array(taskResult),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});
