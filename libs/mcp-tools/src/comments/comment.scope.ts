import { commentPages, type Comment, type CommentCursor } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { notFound } from '../core/tool-error';
import { provenChatView } from './view.scope';

/** ClickUp has no "get comment": a comment is found by reading its task's (list's, view's) comments, newest first. */
const MAX_SCAN_PAGES = 40;

export type Parent = { kind: 'task' | 'list' | 'view'; id: string };
export type ParentArgs = { task_id?: string; list_id?: string; view_id?: string };

/** The task, list or chat view whose comments a call reads (the input names exactly one). */
export function parentOf(args: ParentArgs): Parent {
  if (args.task_id !== undefined) return { kind: 'task', id: args.task_id };
  if (args.list_id !== undefined) return { kind: 'list', id: args.list_id };
  return { kind: 'view', id: args.view_id as string };
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
        : parent.kind === 'list'
          ? await ctx.client.comments.listForList(parent.id, cursor ?? {})
          : await ctx.client.comments.listForView(parent.id, cursor ?? {});
    return data;
  }, options);
}

/**
 * A comment on the task, list or chat view the arguments name, read once per call. Its parent is proven first: no comment of
 * an object outside the scope is read.
 */
export function provenComment(ctx: ToolContext, args: ParentArgs, commentId: string): Promise<Comment> {
  const parent = parentOf(args);
  return ctx.scope.once(`comment ${parent.kind} ${parent.id} ${commentId}`, async () => {
    await (parent.kind === 'task'
      ? ctx.scope.task(ctx.client, parent.id)
      : parent.kind === 'list'
        ? ctx.scope.checkList(ctx.client, parent.id)
        : provenChatView(ctx, parent.id));
    for await (const page of commentsOf(ctx, parent, { maxPages: MAX_SCAN_PAGES })) {
      const found = page.items.find((c) => c.id === commentId);
      if (found) return found;
    }
    throw notFound(`No comment ${commentId} on that ${parent.kind} (see comment_list).`);
  });
}
