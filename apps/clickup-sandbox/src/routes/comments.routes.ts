import { must } from '../util/must';
import { Errors } from '../http/api-error';
import { bodyObject, field } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import type { Store } from '../store/store';
import type { CommentRec, ViewRec } from '../store/types';
import { userRef } from '../serialize/users';
import { resolveTask } from './task-lookup';
import { findView } from './views.routes';

const PAGE = 25;

function view(store: Store, c: CommentRec) {
  let replies = 0;
  if (c.replyTo === null) for (const r of store.comments.values()) if (r.replyTo === c.id) replies++;
  const user = must(store.users.get(c.userId));
  const assignee = c.assigneeId === null ? undefined : store.users.get(c.assigneeId);
  const by = c.assignedById === null ? undefined : store.users.get(c.assignedById);
  return {
    id: c.id,
    comment: [{ text: c.text }],
    comment_text: c.text,
    user: userRef(user),
    resolved: c.resolved,
    assignee: assignee ? userRef(assignee) : null,
    assigned_by: by ? userRef(by) : null,
    reactions: [],
    date: String(c.date),
    // A string, and always "0" inside a thread (API-NOTES §8).
    reply_count: String(replies),
  };
}

/**
 * Newest first, 25 per page. The next page starts after the last comment seen: pass its `date` as
 * `start` and its `id` as `start_id` (API-NOTES §8).
 */
function page(ctx: Ctx, kind: CommentRec['parent']['kind'], parentId: string) {
  const start = ctx.query.int('start');
  const startId = ctx.query.string('start_id');
  if (Number.isNaN(start)) throw Errors.invalid('start takes Unix milliseconds', 'INPUT_005');
  const newestFirst = (a: CommentRec, b: CommentRec) => b.date - a.date || Number(b.id) - Number(a.id);
  let comments = [...ctx.store.comments.values()]
    .filter((c) => c.parent.kind === kind && c.parent.id === parentId && c.replyTo === null)
    .sort(newestFirst);
  if (start !== undefined) {
    comments = comments.filter(
      (c) => c.date < start || (c.date === start && startId !== undefined && Number(c.id) < Number(startId)),
    );
  }
  return ok({ comments: comments.slice(0, PAGE).map((c) => view(ctx.store, c)) });
}

function create(
  ctx: Ctx,
  kind: CommentRec['parent']['kind'],
  parentId: string,
  workspaceId: string,
  replyTo: string | null = null,
) {
  const b = bodyObject(ctx.body);
  const text = field.requiredString(b, 'comment_text', 'Comment text invalid', 'COMM_002');
  const assignee = field.int(b, 'assignee');
  if (assignee !== undefined && !ctx.store.isMember(workspaceId, assignee)) {
    throw Errors.invalid('Assignee is not a member of this Workspace', 'COMM_010');
  }
  const c: CommentRec = {
    id: ctx.store.ids.comment(),
    histId: ctx.store.ids.hist(),
    parent: { kind, id: parentId },
    text,
    userId: ctx.principal.user.id,
    resolved: false,
    assigneeId: assignee ?? null,
    assignedById: assignee === undefined ? null : ctx.principal.user.id,
    date: ctx.now,
    replyTo,
  };
  ctx.store.comments.set(c.id, c);
  return ok({ id: c.id, hist_id: c.histId, date: c.date });
}

function comment(ctx: Ctx): CommentRec {
  const c = ctx.store.comments.get(ctx.params['comment_id']);
  if (!c) throw Errors.teamNotAuthorized();
  workspaceOfParent(ctx, c);
  return c;
}

/** The workspace of a comment's task, list or view, which the caller must see (401 otherwise). */
function workspaceOfParent(ctx: Ctx, c: CommentRec): string {
  const { store, principal } = ctx;
  switch (c.parent.kind) {
    case 'task':
      return store.workspaceOfTask(store.task(principal, c.parent.id));
    case 'list':
      return store.workspaceOfList(store.list(principal, c.parent.id));
    case 'view':
      return viewWorkspace(ctx, findView({ ...ctx, params: { ...ctx.params, view_id: c.parent.id } }));
  }
}

function viewWorkspace(ctx: Ctx, v: ViewRec): string {
  const { store } = ctx;
  switch (v.parent.type) {
    case 7:
      return v.parent.id;
    case 4:
      return must(store.spaces.get(v.parent.id)).workspaceId;
    case 5:
      return must(store.spaces.get(must(store.folders.get(v.parent.id)).spaceId)).workspaceId;
    default:
      return store.workspaceOfList(must(store.lists.get(v.parent.id)));
  }
}

export function commentRoutes(r: RouteTable): void {
  r.v2('GET', '/task/:task_id/comment', (ctx) => page(ctx, 'task', resolveTask(ctx).id));

  r.v2('POST', '/task/:task_id/comment', (ctx) => {
    const t = resolveTask(ctx);
    return create(ctx, 'task', t.id, ctx.store.workspaceOfTask(t));
  });

  r.v2('GET', '/list/:list_id/comment', (ctx) =>
    page(ctx, 'list', ctx.store.list(ctx.principal, ctx.params['list_id']).id),
  );

  r.v2('POST', '/list/:list_id/comment', (ctx) => {
    const l = ctx.store.list(ctx.principal, ctx.params['list_id']);
    return create(ctx, 'list', l.id, ctx.store.workspaceOfList(l));
  });

  // A chat view's comments; the spec's create body takes text and notify_all only.
  r.v2('GET', '/view/:view_id/comment', (ctx) => page(ctx, 'view', findView(ctx).id));

  r.v2('POST', '/view/:view_id/comment', (ctx) => {
    const v = findView(ctx);
    return create(ctx, 'view', v.id, viewWorkspace(ctx, v));
  });

  r.v2('PUT', '/comment/:comment_id', (ctx) => {
    const c = comment(ctx);
    const b = bodyObject(ctx.body);
    const text = field.string(b, 'comment_text');
    if (text !== undefined) {
      if (text.trim() === '') throw Errors.invalid('Comment text invalid', 'COMM_002');
      c.text = text;
    }
    c.resolved = field.bool(b, 'resolved') ?? c.resolved;
    if ('assignee' in b) {
      c.assigneeId = b['assignee'] === null ? null : (field.int(b, 'assignee') ?? null);
      c.assignedById = c.assigneeId === null ? null : ctx.principal.user.id;
    }
    return ok({});
  });

  r.v2('DELETE', '/comment/:comment_id', (ctx) => {
    const c = comment(ctx);
    ctx.store.comments.delete(c.id);
    for (const [id, r] of ctx.store.comments) if (r.replyTo === c.id) ctx.store.comments.delete(id);
    return ok({});
  });

  // A thread: the replies to a comment, oldest first, without the comment itself; not paginated.
  r.v2('GET', '/comment/:comment_id/reply', (ctx) => {
    const c = comment(ctx);
    const replies = [...ctx.store.comments.values()]
      .filter((x) => x.replyTo === c.id)
      .sort((a, b) => a.date - b.date || Number(a.id) - Number(b.id));
    return ok({ comments: replies.map((x) => view(ctx.store, x)) });
  });

  // A reply to a reply joins the same thread (ClickUp threads are one level deep). The spec shows `{}` as the
  // answer; the sandbox also gives the new reply's id and date, as a comment create does.
  r.v2('POST', '/comment/:comment_id/reply', (ctx) => {
    const c = comment(ctx);
    return create(ctx, c.parent.kind, c.parent.id, workspaceOfParent(ctx, c), c.replyTo ?? c.id);
  });
}
