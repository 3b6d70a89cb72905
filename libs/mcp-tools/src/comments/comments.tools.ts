import { Injectable } from '@nestjs/common';
import { COMMENT_PAGE_SIZE, commentPages, type Comment, type CommentCursor } from '@gw/clickup-client';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { timeFields } from '../core/format';
import { CREATE, DELETE, READ, UPDATE, defineTool, type ToolGroup } from '../core/tool';
import type { ToolContext } from '../core/tool-context';
import { invalid, notFound } from '../core/tool-error';
import {
  commentCreateInput,
  commentCreateOutput,
  commentDeleteInput,
  commentDeleteOutput,
  commentListInput,
  commentListOutput,
  commentSchema,
  commentUpdateInput,
  commentUpdateOutput,
} from './comments.schemas';

/** ClickUp has no "get comment": a comment is found by reading its task's (or list's) comments, newest first. */
const MAX_SCAN_PAGES = 40;
const LIST_TOOL = 'comment_list';

type Parent = { kind: 'task' | 'list'; id: string };

async function resolveParent(
  ctx: ToolContext,
  args: { task_id?: string; list_id?: string },
): Promise<Parent> {
  if ((args.task_id === undefined) === (args.list_id === undefined)) {
    throw invalid('Give task_id or list_id (one of them).', 'task_id');
  }
  if (args.task_id !== undefined) {
    await ctx.scope.task(ctx.client, args.task_id);
    return { kind: 'task', id: args.task_id };
  }
  const listId = args.list_id as string;
  await ctx.scope.checkList(ctx.client, listId);
  return { kind: 'list', id: listId };
}

function pages(ctx: ToolContext, parent: Parent, options: { start?: CommentCursor; maxPages: number }) {
  return commentPages(async (cursor) => {
    const { data } =
      parent.kind === 'task'
        ? await ctx.client.comments.listForTask(parent.id, cursor ?? {})
        : await ctx.client.comments.listForList(parent.id, cursor ?? {});
    return data;
  }, options);
}

async function findComment(ctx: ToolContext, parent: Parent, commentId: string): Promise<Comment> {
  for await (const page of pages(ctx, parent, { maxPages: MAX_SCAN_PAGES })) {
    const found = page.items.find((c) => c.id === commentId);
    if (found) return found;
  }
  throw notFound(`No comment ${commentId} on that ${parent.kind} (see comment_list).`);
}

function toComment(c: Comment): z.input<typeof commentSchema> {
  return {
    id: c.id,
    text: c.comment_text || c.comment.map((part) => part.text ?? '').join(''),
    user_id: c.user?.id ?? null,
    username: c.user?.username ?? null,
    ...timeFields('date', c.date),
    resolved: c.resolved,
    assignee_id: c.assignee?.id ?? null,
  };
}

@Injectable()
export class CommentsTools implements ToolGroup {
  readonly tools = [
    defineTool({
      name: 'comment_list',
      title: 'List comments',
      description: 'Comments on a task (or a list’s own comments), newest first, as plain text.',
      method: 'list',
      tags: ['comments'],
      input: commentListInput,
      output: commentListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const parent = await resolveParent(ctx, args);
        let start: CommentCursor | undefined;
        if (args.cursor) {
          const state = decodeCursor(LIST_TOOL, args.cursor);
          start = { start: Number(state['d']), startId: String(state['i']) };
        }
        const collected: Comment[] = [];
        let more = false;
        const maxPages = Math.ceil(args.limit / COMMENT_PAGE_SIZE) + 1;
        for await (const page of pages(ctx, parent, { start, maxPages })) {
          collected.push(...page.items);
          more = page.next !== null;
          if (collected.length >= args.limit) {
            more = more || collected.length > args.limit;
            break;
          }
        }
        const items = collected.slice(0, args.limit);
        // The next page starts after the last comment shown: ClickUp's own keyset (date, id).
        const last = items.at(-1);
        const next =
          more && last && last.date !== null ? encodeCursor(LIST_TOOL, { d: last.date, i: last.id }) : null;
        return { items: items.map(toComment), next_cursor: next, truncated: next !== null };
      },
    }),
    defineTool({
      name: 'comment_create',
      title: 'Add a comment',
      description: 'Posts a plain-text comment on a task (or on a list), optionally assigned to someone.',
      method: 'create',
      tags: ['comments'],
      input: commentCreateInput,
      output: commentCreateOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const parent = await resolveParent(ctx, args);
        const body = { comment_text: args.text, assignee: args.assignee };
        const { data } =
          parent.kind === 'task'
            ? await ctx.client.comments.createOnTask(parent.id, body)
            : await ctx.client.comments.createOnList(parent.id, body);
        return { id: data.id, ...timeFields('date', data.date) };
      },
    }),
    defineTool({
      name: 'comment_update',
      title: 'Edit a comment',
      description: 'Edits, resolves or assigns a comment on the given task (or list).',
      method: 'update',
      tags: ['comments'],
      input: commentUpdateInput,
      output: commentUpdateOutput,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        if (args.text === undefined && args.resolved === undefined && args.assignee === undefined) {
          throw invalid('Nothing to change: give text, resolved or assignee.', 'text');
        }
        const parent = await resolveParent(ctx, args);
        const current = toComment(await findComment(ctx, parent, args.comment_id));
        // ClickUp wants text, assignee and resolved on every update: unchanged ones are sent back.
        const next = {
          text: args.text ?? current.text,
          resolved: args.resolved ?? current.resolved,
          assignee_id: args.assignee ?? current.assignee_id,
        };
        await ctx.client.comments.update(args.comment_id, {
          comment_text: next.text,
          resolved: next.resolved,
          assignee: next.assignee_id ?? undefined,
        });
        return { id: current.id, ...next };
      },
    }),
    defineTool({
      name: 'comment_delete',
      title: 'Delete a comment',
      description: 'Deletes a comment on the given task (or list).',
      method: 'delete',
      tags: ['comments'],
      input: commentDeleteInput,
      output: commentDeleteOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        const parent = await resolveParent(ctx, args);
        await findComment(ctx, parent, args.comment_id);
        await ctx.client.comments.delete(args.comment_id);
        return { id: args.comment_id, deleted: true as const };
      },
    }),
  ];
}
