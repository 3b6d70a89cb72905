import { z } from 'zod';
import { idField, nameField, rule } from '../core/input-fields';
import { userRef } from '../core/people';

const parent = {
  task_id: idField('From task_search').optional(),
  list_id: idField('Or a list (workspace_hierarchy)').optional(),
  view_id: idField('Or a chat view (view_list)').optional(),
};
const commentId = idField('From comment_list');
const ONE_PARENT = [
  (a: { task_id?: string; list_id?: string; view_id?: string }) =>
    [a.task_id, a.list_id, a.view_id].filter((id) => id !== undefined).length === 1,
  rule('Give one of task_id, list_id or view_id.', 'task_id'),
] as const;
const text = nameField(50_000);

export const commentSchema = z.object({
  id: z.string(),
  text: z.string(),
  user_id: z.number().nullable(),
  username: z.string().nullable(),
  date_ms: z.number().nullable(),
  date_iso: z.string().nullable(),
  resolved: z.boolean(),
  assignee_id: z.number().nullable(),
});

export const commentListInput = z
  .object({
    ...parent,
    limit: z.number().int().min(1).max(100).default(25).describe('Page size'),
    cursor: z.string().optional().describe('next_cursor'),
  })
  .refine(...ONE_PARENT);

export const commentListOutput = z.object({
  items: z.array(commentSchema.extend({ replies: z.number() })),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const commentCreateInput = z
  .object({
    ...parent,
    text: text.describe('Plain text'),
    assignee: userRef.optional(),
  })
  .refine(...ONE_PARENT)
  .refine(
    (a) => a.view_id === undefined || a.assignee === undefined,
    rule(
      'A chat view comment takes no assignee: leave out assignee, or comment on a task or list.',
      'assignee',
    ),
  );

export const commentCreateOutput = z.object({
  id: z.string(),
  date_ms: z.number().nullable(),
  date_iso: z.string().nullable(),
});

export const commentUpdateInput = z
  .object({
    comment_id: commentId,
    ...parent,
    text: text.optional().describe('New text'),
    resolved: z.boolean().optional().describe('Mark resolved'),
    assignee: userRef.optional(),
  })
  .refine(
    (a) => a.text !== undefined || a.resolved !== undefined || a.assignee !== undefined,
    rule('Nothing to change: give text, resolved or assignee.', 'text'),
  )
  .refine(...ONE_PARENT);

export const commentUpdateOutput = commentSchema.pick({
  id: true,
  text: true,
  resolved: true,
  assignee_id: true,
});

export const commentDeleteInput = z.object({ comment_id: commentId, ...parent }).refine(...ONE_PARENT);
export const commentDeleteOutput = z.object({ id: z.string(), deleted: z.literal(true) });

export const replySchema = commentSchema.pick({
  id: true,
  text: true,
  username: true,
  date_ms: true,
  date_iso: true,
});

/** The thread's comment and its parent: ClickUp has no "get comment", so the parent is read to prove it. */
const threadOf = {
  comment_id: idField('From comment_list.'),
  task_id: idField('Its task; or list_id, view_id.').optional(),
  list_id: idField('Its list.').optional(),
  view_id: idField('Its chat view.').optional(),
};

export const commentReplyListInput = z
  .object({ ...threadOf, cursor: z.string().optional().describe('next_cursor') })
  .refine(...ONE_PARENT);

export const commentReplyListOutput = z.object({
  items: z.array(replySchema),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const commentReplyCreateInput = z
  .object({ ...threadOf, text: text.describe('Plain text.') })
  .refine(...ONE_PARENT);

export const commentReplyCreateOutput = z.object({ id: z.string().nullable() });
