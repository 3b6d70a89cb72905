import { must } from '../util/must';
import { Errors } from '../http/api-error';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { task } from '../serialize/task';
import { view } from '../serialize/views';
import type { ListRec, TaskRec, ViewParentType, ViewRec } from '../store/types';

/** Get View Tasks pages 30 tasks at a time (a list's tasks page 100). */
export const VIEW_PAGE_SIZE = 30;

/** Views that show no tasks: Get View Tasks refuses them. */
const TASKLESS_TYPES = new Set(['conversation', 'doc', 'embed', 'form']);

function viewsOf(ctx: Ctx, id: string, type: ViewParentType) {
  const views = [...ctx.store.views.values()]
    .filter((v) => v.parent.id === id && v.parent.type === type)
    .sort((a, b) => a.orderindex - b.orderindex);
  return ok({ views: views.map(view) });
}

/** A view the caller may see: its parent must still exist and be visible (401 like every unseen object). */
export function findView(ctx: Ctx): ViewRec {
  const v = ctx.store.views.get(ctx.params['view_id']);
  if (!v) throw Errors.teamNotAuthorized();
  const { store, principal } = ctx;
  if (v.parent.type === 7) store.workspace(principal, v.parent.id);
  else if (v.parent.type === 4) store.space(principal, v.parent.id);
  else if (v.parent.type === 5) store.folder(principal, v.parent.id);
  else store.list(principal, v.parent.id);
  return v;
}

/** The lists a view's parent covers. */
function listsUnder(ctx: Ctx, v: ViewRec): (l: ListRec) => boolean {
  const { store } = ctx;
  switch (v.parent.type) {
    case 6:
      return (l) => l.id === v.parent.id;
    case 5:
      return (l) => l.folderId === v.parent.id;
    case 4:
      return (l) => l.spaceId === v.parent.id;
    default:
      return (l) => must(store.spaces.get(l.spaceId)).workspaceId === v.parent.id;
  }
}

/** The view's own filters: statuses, tags, assignees, closed tasks, and its search text in the name. */
function matchesView(ctx: Ctx, v: ViewRec, t: TaskRec): boolean {
  const status = ctx.store.statusOfTask(t);
  const f = v.filters;
  if (!f.showClosed && status.type === 'closed') return false;
  if (f.statuses.length > 0 && !f.statuses.includes(status.status.toLowerCase())) return false;
  if (f.tags.length > 0 && !t.tagNames.some((n) => f.tags.includes(n))) return false;
  if (f.assigneeIds.length > 0 && !t.assigneeIds.some((id) => f.assigneeIds.includes(id))) return false;
  if (f.search && !t.name.toLowerCase().includes(f.search.toLowerCase())) return false;
  return true;
}

export function viewRoutes(r: RouteTable): void {
  r.v2('GET', '/team/:team_id/view', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    return viewsOf(ctx, ws.id, 7);
  });
  r.v2('GET', '/space/:space_id/view', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    return viewsOf(ctx, s.id, 4);
  });
  r.v2('GET', '/folder/:folder_id/view', (ctx) => {
    const f = ctx.store.folder(ctx.principal, ctx.params['folder_id']);
    return viewsOf(ctx, f.id, 5);
  });
  r.v2('GET', '/list/:list_id/view', (ctx) => {
    const l = ctx.store.list(ctx.principal, ctx.params['list_id']);
    return viewsOf(ctx, l.id, 6);
  });

  r.v2('GET', '/view/:view_id', (ctx) => ok({ view: view(findView(ctx)) }));

  r.v2('GET', '/view/:view_id/task', (ctx) => {
    const v = findView(ctx);
    if (TASKLESS_TYPES.has(v.type)) throw Errors.invalid('View does not show tasks', 'VIEW_003');
    const pageNo = ctx.query.int('page') ?? 0;
    if (!Number.isInteger(pageNo) || pageNo < 0)
      throw Errors.invalid('page must be a whole number from 0', 'VIEW_004');
    const { store } = ctx;
    const inScope = listsUnder(ctx, v);
    const lists = new Set(
      [...store.lists.values()].filter((l) => !l.archived && inScope(l)).map((l) => l.id),
    );
    const tasks = [...store.tasks.values()]
      .filter(
        (t) =>
          !t.archived &&
          t.parentId === null &&
          (lists.has(t.listId) || t.extraListIds.some((id) => lists.has(id))) &&
          matchesView(ctx, v, t),
      )
      .sort((a, b) => a.orderindex - b.orderindex || a.dateCreated - b.dateCreated);
    const start = pageNo * VIEW_PAGE_SIZE;
    const page = tasks.slice(start, start + VIEW_PAGE_SIZE);
    return ok({
      tasks: page.map((t) => task(store, t)),
      last_page: start + VIEW_PAGE_SIZE >= tasks.length,
    });
  });
}
