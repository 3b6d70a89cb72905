import { must } from '../util/must';
import { Errors } from '../http/api-error';
import { bodyObject, field, type Json } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { list, listColor } from '../serialize/hierarchy';
import { createList } from '../store/factories';
import type { ListRec } from '../store/types';

/** Body of Create/Update List (API-NOTES §4.3). `status` is the list colour, not a task status. */
function applyListBody(ctx: Ctx, l: ListRec, b: Json): void {
  const workspaceId = ctx.store.workspaceOfList(l);
  const markdown = field.string(b, 'markdown_content');
  const content = field.string(b, 'content');
  if (markdown !== undefined) l.content = markdown;
  else if (content !== undefined) l.content = content;
  const due = field.nullableInt(b, 'due_date');
  if (due !== undefined) l.dueDate = due;
  l.dueDateTime = field.bool(b, 'due_date_time') ?? l.dueDateTime;
  const priority = field.nullableInt(b, 'priority');
  if (priority !== undefined) {
    if (priority !== null && (priority < 1 || priority > 4))
      throw Errors.invalid('Priority must be 1, 2, 3 or 4', 'INPUT_007');
    l.priority = priority;
  }
  if ('assignee' in b) {
    const raw = b['assignee'];
    if (raw === null || raw === 'none') l.assigneeId = null;
    else {
      const id = must(field.int(b, 'assignee'));
      if (!ctx.store.isMember(workspaceId, id))
        throw Errors.invalid('Assignee is not a member of this Workspace', 'INPUT_008');
      l.assigneeId = id;
    }
  }
  const color = field.string(b, 'status');
  if (color !== undefined) {
    if (!listColor(color))
      throw Errors.invalid('List status must be a colour name such as "red"', 'INPUT_009');
    l.color = color;
  }
  if (field.bool(b, 'unset_status')) l.color = null;
}

function newList(ctx: Ctx, spaceId: string, folderId: string | null): ListRec {
  const b = bodyObject(ctx.body);
  const name = field.requiredString(b, 'name', 'List name invalid', 'SUBCAT_005').trim();
  const taken = [...ctx.store.lists.values()].some(
    (l) => l.spaceId === spaceId && l.folderId === folderId && l.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) throw Errors.invalid('List with this name already exists', 'SUBCAT_016');
  const l = createList(ctx.store, spaceId, folderId, name);
  try {
    applyListBody(ctx, l, b);
  } catch (e) {
    ctx.store.lists.delete(l.id);
    throw e;
  }
  return l;
}

export function listRoutes(r: RouteTable): void {
  r.v2('GET', '/folder/:folder_id/list', (ctx) => {
    const f = ctx.store.folder(ctx.principal, ctx.params['folder_id']);
    const archived = ctx.query.bool('archived', false);
    const lists = [...ctx.store.lists.values()].filter((l) => l.folderId === f.id && l.archived === archived);
    return ok({ lists: lists.map((l) => list(ctx.store, l)) });
  });

  r.v2('POST', '/folder/:folder_id/list', (ctx) => {
    const f = ctx.store.folder(ctx.principal, ctx.params['folder_id']);
    return ok(list(ctx.store, newList(ctx, f.spaceId, f.id)));
  });

  r.v2('GET', '/space/:space_id/list', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    const archived = ctx.query.bool('archived', false);
    const lists = [...ctx.store.lists.values()].filter(
      (l) => l.spaceId === s.id && l.folderId === null && l.archived === archived,
    );
    return ok({ lists: lists.map((l) => list(ctx.store, l)) });
  });

  r.v2('POST', '/space/:space_id/list', (ctx) => {
    const s = ctx.store.space(ctx.principal, ctx.params['space_id']);
    return ok(list(ctx.store, newList(ctx, s.id, null)));
  });

  r.v2('GET', '/list/:list_id', (ctx) =>
    ok(list(ctx.store, ctx.store.list(ctx.principal, ctx.params['list_id']))),
  );

  r.v2('PUT', '/list/:list_id', (ctx) => {
    const l = ctx.store.list(ctx.principal, ctx.params['list_id']);
    const b = bodyObject(ctx.body);
    const name = field.string(b, 'name');
    if (name !== undefined) {
      if (name.trim() === '') throw Errors.invalid('List name invalid', 'SUBCAT_005');
      l.name = name.trim();
    }
    applyListBody(ctx, l, b);
    return ok(list(ctx.store, l));
  });

  // Tasks in Multiple Lists (API-NOTES §4.3): the task keeps its home list and shows the extra one in `locations`.
  r.v2('POST', '/list/:list_id/task/:task_id', (ctx) => {
    const l = ctx.store.list(ctx.principal, ctx.params['list_id']);
    const t = ctx.store.task(ctx.principal, ctx.params['task_id']);
    if (ctx.store.workspaceOfTask(t) !== ctx.store.workspaceOfList(l)) throw Errors.teamNotAuthorized();
    if (t.listId !== l.id && !t.extraListIds.includes(l.id)) t.extraListIds.push(l.id);
    return ok({});
  });

  r.v2('DELETE', '/list/:list_id/task/:task_id', (ctx) => {
    const l = ctx.store.list(ctx.principal, ctx.params['list_id']);
    const t = ctx.store.task(ctx.principal, ctx.params['task_id']);
    if (t.listId === l.id) throw Errors.invalid('A task cannot be removed from its home List', 'ITEM_080');
    t.extraListIds = t.extraListIds.filter((id) => id !== l.id);
    return ok({});
  });

  r.v2('DELETE', '/list/:list_id', (ctx) => {
    const l = ctx.store.list(ctx.principal, ctx.params['list_id']);
    ctx.store.deleteList(l.id);
    return ok({});
  });
}
