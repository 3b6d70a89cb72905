import { z } from 'zod';

const parent = {
  task_id: z.string().min(1).optional().describe('task_id: from task_search or task_list_in_list.'),
  list_id: z
    .string()
    .min(1)
    .optional()
    .describe('Instead of task_id, a list’s own comments (list_id from workspace_hierarchy).'),
};
const commentId = z.string().min(1).describe('comment_id: from comment_list.');
const text = z.string().trim().min(1).max(50_000);

export const commentSchema = z.object({
  id: z.string(),
  text: z.string(),
  user_id: z.number().nullable(),
  username: z.string().nullable(),
  date_ms: z.number().nullable(),
  date_iso: z.string().nullable(),
  resolved: z.boolean(),
  assignee_id: z.number().nullable(),
  reply_count: z.number().nullable(),
});

export const commentListInput = z.object({
  ...parent,
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().optional().describe('next_cursor of the previous call.'),
});

export const commentListOutput = z.object({
  items: z.array(commentSchema),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const commentCreateInput = z.object({
  ...parent,
  text,
  assignee: z.number().int().positive().optional().describe('User id (member_list) asked to act on it.'),
  notify_all: z.boolean().optional().describe('Also notify you, the author.'),
});

export const commentCreateOutput = z.object({
  id: z.string(),
  date_ms: z.number().nullable(),
  date_iso: z.string().nullable(),
});

export const commentUpdateInput = z.object({
  comment_id: commentId,
  ...parent,
  text: text.optional(),
  resolved: z.boolean().optional(),
  assignee: z.number().int().positive().optional(),
});

export const commentDeleteInput = z.object({ comment_id: commentId, ...parent });
export const commentDeleteOutput = z.object({ id: z.string(), deleted: z.literal(true) });
