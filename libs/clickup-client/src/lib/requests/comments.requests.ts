import { compact, path, query, type ClickUpRequest } from '../request';
import { customTaskIdQuery, type CustomTaskIdOptions } from './custom-task-ids';

export type CreateCommentBody = {
  comment_text: string;
  /** A user id to assign the comment to. */
  assignee?: number;
  group_assignee?: string;
  /** Also notify the comment's author; defaults to false. */
  notify_all?: boolean;
};

/**
 * The spec requires text, assignee and resolved on every update, so callers send the current values back;
 * an unassigned comment has no assignee to send, so `assignee` is then left out (a documented deviation).
 */
export type UpdateCommentBody = {
  comment_text: string;
  assignee?: number;
  resolved: boolean;
  group_assignee?: number;
};

/** The spec requires an assignee on list comments; an unassigned comment leaves it out (a documented deviation). */
export type CreateListCommentBody = {
  comment_text: string;
  assignee?: number;
  notify_all?: boolean;
};

/** Where the next (older) page of comments starts: the `date` and `id` of the last comment of a page. */
export type CommentCursor = { start: number; startId: string };

export const commentRequests = {
  /** 25 comments per page, newest first (API-NOTES §8). */
  listForTask: (
    taskId: string,
    options: CustomTaskIdOptions & Partial<CommentCursor> = {},
  ): ClickUpRequest<'getTaskComments'> => ({
    operation: 'getTaskComments',
    method: 'GET',
    version: 'v2',
    path: path`/task/${taskId}/comment`,
    query: query({ ...customTaskIdQuery(options), start: options.start, start_id: options.startId }),
  }),
  createOnTask: (
    taskId: string,
    body: CreateCommentBody,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'createTaskComment'> => ({
    operation: 'createTaskComment',
    method: 'POST',
    version: 'v2',
    path: path`/task/${taskId}/comment`,
    query: query(customTaskIdQuery(options)),
    body: compact({ ...body, notify_all: body.notify_all ?? false }),
  }),
  /** A List's own comments (not its tasks'), 25 per page, newest first. */
  listForList: (
    listId: string | number,
    cursor: Partial<CommentCursor> = {},
  ): ClickUpRequest<'getListComments'> => ({
    operation: 'getListComments',
    method: 'GET',
    version: 'v2',
    path: path`/list/${listId}/comment`,
    query: query({ start: cursor.start, start_id: cursor.startId }),
  }),
  createOnList: (
    listId: string | number,
    body: CreateListCommentBody,
  ): ClickUpRequest<'createListComment'> => ({
    operation: 'createListComment',
    method: 'POST',
    version: 'v2',
    path: path`/list/${listId}/comment`,
    query: {},
    body: compact({ ...body, notify_all: body.notify_all ?? false }),
  }),
  /** A chat view's comments, 25 per page, newest first, paged like a task's. */
  listForView: (
    viewId: string,
    cursor: Partial<CommentCursor> = {},
  ): ClickUpRequest<'getChatViewComments'> => ({
    operation: 'getChatViewComments',
    method: 'GET',
    version: 'v2',
    path: path`/view/${viewId}/comment`,
    query: query({ start: cursor.start, start_id: cursor.startId }),
  }),
  /** Chat view comments take text only (no assignee, per the spec). */
  createOnView: (
    viewId: string,
    body: { comment_text: string; notify_all?: boolean },
  ): ClickUpRequest<'createChatViewComment'> => ({
    operation: 'createChatViewComment',
    method: 'POST',
    version: 'v2',
    path: path`/view/${viewId}/comment`,
    query: {},
    body: compact({ ...body, notify_all: body.notify_all ?? false }),
  }),
  update: (commentId: string | number, body: UpdateCommentBody): ClickUpRequest<'updateComment'> => ({
    operation: 'updateComment',
    method: 'PUT',
    version: 'v2',
    path: path`/comment/${commentId}`,
    query: {},
    body: compact(body),
  }),
  /** A comment's thread, oldest first, without the parent comment; not paginated (API-NOTES §8). */
  listReplies: (commentId: string | number): ClickUpRequest<'getThreadedComments'> => ({
    operation: 'getThreadedComments',
    method: 'GET',
    version: 'v2',
    path: path`/comment/${commentId}/reply`,
    query: {},
  }),
  reply: (commentId: string | number, body: CreateCommentBody): ClickUpRequest<'createThreadedComment'> => ({
    operation: 'createThreadedComment',
    method: 'POST',
    version: 'v2',
    path: path`/comment/${commentId}/reply`,
    query: {},
    body: compact({ ...body, notify_all: body.notify_all ?? false }),
  }),
  delete: (commentId: string | number): ClickUpRequest<'deleteComment'> => ({
    operation: 'deleteComment',
    method: 'DELETE',
    version: 'v2',
    path: path`/comment/${commentId}`,
    query: {},
  }),
};
