import { z } from 'zod';
import { FIND_KINDS } from './workspace-find';
import { spaceIdInput } from './hierarchy.schemas';

export const workspaceListInput = z.object({});
export const workspaceListOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      member_count: z.number(),
      /** null: every space of the workspace; otherwise the only spaces this server may use. */
      scoped_space_ids: z.array(z.string()).nullable(),
    }),
  ),
  next_cursor: z.null(),
  truncated: z.boolean(),
});

export const workspaceHierarchyInput = z.object({
  include_archived: z.boolean().default(false).describe('Also archived spaces, folders and lists'),
  space_id: spaceIdInput('only this space').optional(),
});

const treeList = z.object({
  id: z.string(),
  name: z.string(),
  task_count: z.number().nullable(),
  archived: z.literal(true).optional(),
  statuses: z.array(z.string()).optional(),
});
export const workspaceHierarchyOutput = z.object({
  workspace: z.object({ id: z.string(), name: z.string() }),
  spaces: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      archived: z.literal(true).optional(),
      statuses: z.array(z.string()),
      folders: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          archived: z.literal(true).optional(),
          lists: z.array(treeList),
        }),
      ),
      lists: z.array(treeList),
    }),
  ),
});

export const workspaceFindInput = z.object({
  query: z.string().trim().min(1).max(200).describe('Name or part, e.g. "sprint 42"'),
  kinds: z.array(z.enum(FIND_KINDS)).min(1).optional().describe('Only these kinds; default all'),
  limit: z.number().int().min(1).max(50).default(10).describe('Max matches'),
});
export const workspaceFindOutput = z.object({
  items: z.array(
    z.object({
      kind: z.enum(FIND_KINDS),
      id: z.union([z.string(), z.number()]),
      name: z.string(),
      path: z.string(),
      space_id: z.string().nullable(),
      email: z.string().nullable().optional(),
      score: z.number(),
    }),
  ),
  next_cursor: z.null(),
  truncated: z.boolean(),
});
