import { z } from 'zod';
import { listSummarySchema } from '../lists/lists.schemas';
import { folderIdInput, spaceIdInput } from '../workspaces/hierarchy.schemas';

export const folderSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  space_id: z.string().nullable(),
  task_count: z.number().nullable(),
  archived: z.boolean(),
  lists: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const folderDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  space_id: z.string().nullable(),
  space_name: z.string().nullable(),
  task_count: z.number().nullable(),
  archived: z.boolean(),
  /** The folder's lists use their own task statuses instead of the space's. */
  override_statuses: z.boolean(),
  lists: z.array(listSummarySchema),
});

const folderName = z.string().trim().min(1).max(200).describe('Folder name');

export const folderListInput = z.object({
  space_id: spaceIdInput(),
  archived: z.boolean().default(false).describe('List archived folders instead of active ones'),
});
export const folderGetInput = z.object({ folder_id: folderIdInput() });
export const folderCreateInput = z.object({ space_id: spaceIdInput(), name: folderName });
export const folderUpdateInput = z.object({ folder_id: folderIdInput(), name: folderName });
export const folderDeleteInput = z.object({ folder_id: folderIdInput() });

export const folderListOutput = z.object({
  items: z.array(folderSummarySchema),
  next_cursor: z.null(),
  truncated: z.boolean(),
});
