import { commentPages, type Comment, type CommentCursor } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { notFound } from '../core/tool-error';

/** ClickUp has no "get comment": a comment is found by reading its task's (or list's) comments, newest first. */
const MAX_SCAN_PAGES = 40;

export type Parent = { kind: 'task' | 'list'; id: string };

/** The task or list whose comments a call reads (the input names exactly one). */
export function parentOf(args: { task_id?: string; list_id?: string }): Parent {
  return args.task_id !== undefined
    ? { kind: 'task', id: args.task_id }
    : { kind: 'list', id: args.list_id as string };
}

export function commentsOf(
  ctx: ToolContext,
  parent: Parent,
  options: { start?: CommentCursor; maxPages: number },
) {
  return commentPages(async (cursor) => {
    const { data } =
      parent.kind === 'task'
        ? await ctx.client.comments.listForTask(parent.id, cursor ?? {})
        : await ctx.client.comments.listForList(parent.id, cursor ?? {});
    return data;
  }, options);
}

/**
 * A comment on the task or list the arguments name, read once per call. Its parent is proven first: no comment of
 * an object outside the scope is read.
 */
export function provenComment(
  ctx: ToolContext,
  args: { task_id?: string; list_id?: string },
  commentId: string,
): Promise<Comment> {
  const parent = parentOf(args);
  return ctx.scope.once(`comment ${parent.kind} ${parent.id} ${commentId}`, async () => {
    await (parent.kind === 'task'
      ? ctx.scope.task(ctx.client, parent.id)
      : ctx.scope.checkList(ctx.client, parent.id));
    for await (const page of commentsOf(ctx, parent, { maxPages: MAX_SCAN_PAGES })) {
      const found = page.items.find((c) => c.id === commentId);
      if (found) return found;
    }
    throw notFound(`No comment ${commentId} on that ${parent.kind} (see comment_list).`);
  });
}
