import { Injectable } from '@nestjs/common';
import { COMMENT_PAGE_SIZE, type Comment, type CommentCursor } from '@gw/clickup-client';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { timeFields } from '../core/format';
import { CREATE, DELETE, READ, UPDATE, defineTool, type ToolGroup } from '../core/tool';
import { commentsOf, parentOf, provenComment } from './comment.scope';
import { commentsGuard } from './comments.guard';
import {
  commentCreateInput,
  commentCreateOutput,
  commentDeleteInput,
  commentDeleteOutput,
  commentListInput,
  commentListOutput,
  commentReplyCreateInput,
  commentReplyCreateOutput,
  commentReplyListInput,
  commentReplyListOutput,
  commentSchema,
  commentUpdateInput,
  commentUpdateOutput,
} from './comments.schemas';

const LIST_TOOL = 'comment_list';
const REPLY_LIST_TOOL = 'comment_reply_list';
const REPLY_PAGE_SIZE = 50;

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
  readonly guard = commentsGuard;
  readonly tools = [
    defineTool({
      name: 'comment_list',
      title: 'List comments',
      description: 'Comments on a task, list or chat view, newest first, plain text, with reply counts.',
      method: 'list',
      tags: ['comments'],
      input: commentListInput,
      output: commentListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const parent = parentOf(args);
        let start: CommentCursor | undefined;
        if (args.cursor) {
          const state = decodeCursor(LIST_TOOL, args.cursor);
          start = { start: Number(state['d']), startId: String(state['i']) };
        }
        const collected: Comment[] = [];
        let more = false;
        const maxPages = Math.ceil(args.limit / COMMENT_PAGE_SIZE) + 1;
        for await (const page of commentsOf(ctx, parent, { start, maxPages })) {
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
        return {
          items: items.map((c) => ({ ...toComment(c), replies: c.reply_count ?? 0 })),
          next_cursor: next,
          truncated: next !== null,
        };
      },
    }),
    defineTool({
      name: 'comment_create',
      title: 'Add a comment',
      description: 'Posts a plain-text comment on a task, list or chat view, optionally assigned.',
      method: 'create',
      tags: ['comments'],
      input: commentCreateInput,
      output: commentCreateOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const parent = parentOf(args);
        const body = { comment_text: args.text, assignee: args.assignee };
        const { data } =
          parent.kind === 'task'
            ? await ctx.client.comments.createOnTask(parent.id, body)
            : parent.kind === 'list'
              ? await ctx.client.comments.createOnList(parent.id, body)
              : await ctx.client.comments.createOnView(parent.id, { comment_text: args.text });
        return { id: data.id, ...timeFields('date', data.date) };
      },
    }),
    defineTool({
      name: 'comment_update',
      title: 'Edit a comment',
      description: 'Edits, resolves or assigns a comment of a task, list or chat view.',
      method: 'update',
      tags: ['comments'],
      input: commentUpdateInput,
      output: commentUpdateOutput,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const current = toComment(await provenComment(ctx, args, args.comment_id));
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
      description: 'Deletes a comment of a task, list or chat view.',
      method: 'delete',
      tags: ['comments'],
      input: commentDeleteInput,
      output: commentDeleteOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        await ctx.client.comments.delete(args.comment_id);
        return { id: args.comment_id, deleted: true as const };
      },
    }),
    defineTool({
      name: 'comment_reply_list',
      title: 'List replies',
      description: 'A comment’s replies, oldest first, 50 per page.',
      method: 'list',
      tags: ['comments'],
      input: commentReplyListInput,
      output: commentReplyListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        // ClickUp answers a whole thread at once: the cursor is an offset into it.
        const offset = args.cursor ? Number(decodeCursor(REPLY_LIST_TOOL, args.cursor)['o']) : 0;
        const { data } = await ctx.client.comments.listReplies(args.comment_id);
        const end = offset + REPLY_PAGE_SIZE;
        const next = end < data.length ? encodeCursor(REPLY_LIST_TOOL, { o: end }) : null;
        return {
          items: data.slice(offset, end).map((c) => {
            const { id, text, username, date_ms, date_iso } = toComment(c);
            return { id, text, username, date_ms, date_iso };
          }),
          next_cursor: next,
          truncated: next !== null,
        };
      },
    }),
    defineTool({
      name: 'comment_reply_create',
      title: 'Reply to a comment',
      description: 'Posts a reply in a comment’s thread.',
      method: 'create',
      tags: ['comments'],
      input: commentReplyCreateInput,
      output: commentReplyCreateOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.comments.reply(args.comment_id, { comment_text: args.text });
        return { id: data.id };
      },
    }),
  ];
}
