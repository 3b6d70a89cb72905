import { must } from '../util/must';
import { Errors } from '../http/api-error';
import { bodyObject, field, isObject, type Json } from '../http/body';
import type { Ctx } from '../http/context';
import { noContent, ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { task } from '../serialize/task';
import { createTask } from '../store/factories';
import { writeFieldValue } from '../store/field-values';
import type { ListRec, TaskRec } from '../store/types';
import { TaskFilter } from './task-filters';
import { resolveTask } from './task-lookup';

function checkPriority(p: number | null | undefined): void {
  if (p !== undefined && p !== null && (p < 1 || p > 4))
    throw Errors.invalid('Priority invalid: use 1 (urgent) to 4 (low) or null', 'INPUT_007');
}

/*
 * ClickUp answers some writes 200 while ignoring part of them (the silent drops that clients must detect by
 * reading the answer): an assignee or watcher who is not a member of the list's Workspace is left out, a status the
 * list does not have leaves the status as it was (on create: the list's first status), and a custom field that does
 * not apply to the list is not set. The sandbox reproduces each, so that the gateway's checks are exercised.
 */
function members(ctx: Ctx, workspaceId: string, ids: number[]): number[] {
  return ids.filter((id) => ctx.store.isMember(workspaceId, id));
}

/** A task type the Workspace does not have is refused (sandbox choice; ClickUp's own code is unverified). */
function checkCustomItem(ctx: Ctx, workspaceId: string, id: number | undefined): void {
  if (id !== undefined && !ctx.store.hasCustomItem(workspaceId, id))
    throw Errors.invalid(`Custom task type ${id} not found`, 'CUSTOM_ITEM_001');
}

/** `markdown_content` wins over `description` (API-NOTES §5.2); the spec example also shows `markdown_description`. */
function markdownOf(b: Json): string | undefined {
  return (
    field.string(b, 'markdown_content') ??
    field.string(b, 'markdown_description') ??
    field.string(b, 'description')
  );
}

function setStatus(ctx: Ctx, t: TaskRec, list: ListRec, name: string): void {
  const status = ctx.store.findStatus(list, name);
  const wasClosed = ctx.store.statusOfTask(t).type === 'closed';
  t.statusName = status.status;
  ctx.store.recordStatus(t, ctx.now);
  if (status.type === 'closed' && !wasClosed) {
    t.dateClosed = ctx.now;
    t.dateDone = ctx.now;
  } else if (status.type !== 'closed') {
    t.dateClosed = null;
    t.dateDone = null;
  }
}

function checkParent(ctx: Ctx, list: ListRec, parentId: string, selfId?: string): void {
  const parent = ctx.store.tasks.get(parentId);
  if (!parent || parent.listId !== list.id || parent.id === selfId) throw Errors.parentNotInList();
  let cursor: TaskRec | undefined = parent;
  while (cursor) {
    if (cursor.id === selfId)
      throw Errors.invalid('A task cannot become a subtask of its own subtask', 'ITEM_138');
    cursor = cursor.parentId ? ctx.store.tasks.get(cursor.parentId) : undefined;
  }
}

function createTaskRoute(ctx: Ctx) {
  const { store } = ctx;
  const list = store.list(ctx.principal, ctx.params['list_id']);
  const workspaceId = store.workspaceOfList(list);
  const b = bodyObject(ctx.body);
  const name = field.requiredString(b, 'name', 'Task name invalid', 'INPUT_005');
  const priority = field.nullableInt(b, 'priority');
  checkPriority(priority);
  const assignees = members(ctx, workspaceId, field.intArray(b, 'assignees') ?? []);
  const status = field.string(b, 'status');
  const statusName = status === undefined ? undefined : store.statusNamed(list, status)?.status;
  const parent = field.string(b, 'parent');
  if (parent) checkParent(ctx, list, parent);
  const linksTo = field.string(b, 'links_to');
  if (linksTo) store.task(ctx.principal, linksTo);
  const customItemId = field.int(b, 'custom_item_id') ?? 0;
  checkCustomItem(ctx, workspaceId, customItemId);
  const tags = field.stringArray(b, 'tags') ?? [];
  const fieldValues = new Map<string, unknown>();
  const rawFields = b['custom_fields'];
  if (rawFields !== undefined) {
    if (!Array.isArray(rawFields))
      throw Errors.invalid('custom_fields must be an array of {id, value}', 'FIELD_034');
    const applicable = store.fieldsOfList(list);
    for (const raw of rawFields) {
      if (!isObject(raw) || typeof raw['id'] !== 'string')
        throw Errors.invalid('custom_fields must be an array of {id, value}', 'FIELD_034');
      const def = applicable.find((f) => f.id === raw['id']);
      if (!def) continue;
      if (raw['value'] !== null && raw['value'] !== undefined) {
        fieldValues.set(def.id, writeFieldValue(store, def, raw['value'], workspaceId, undefined));
      }
    }
  }
  if (field.bool(b, 'check_required_custom_fields')) {
    for (const f of store.fieldsOfList(list)) {
      if (f.required && !fieldValues.has(f.id))
        throw Errors.invalid(`Required custom field "${f.name}" is missing`, 'FIELD_057');
    }
  }
  const t = createTask(store, list.id, name.trim(), ctx.principal.user.id, ctx.now, {
    markdown: markdownOf(b) ?? '',
    statusName,
    assigneeIds: [...new Set(assignees)],
    watcherIds: [...new Set([ctx.principal.user.id, ...assignees])],
    priority: priority ?? null,
    dueDate: field.nullableInt(b, 'due_date') ?? null,
    dueDateTime: field.bool(b, 'due_date_time') ?? false,
    startDate: field.nullableInt(b, 'start_date') ?? null,
    startDateTime: field.bool(b, 'start_date_time') ?? false,
    timeEstimate: field.nullableInt(b, 'time_estimate') ?? null,
    points: field.number(b, 'points') ?? null,
    parentId: parent ?? null,
    archived: field.bool(b, 'archived') ?? false,
    customItemId,
    fieldValues,
  });
  const spaceTags = must(store.spaceTags.get(list.spaceId));
  for (const tag of tags) {
    const name = tag.toLowerCase();
    if (!t.tagNames.includes(name)) t.tagNames.push(name);
    if (!spaceTags.some((x) => x.name === name))
      spaceTags.push({ name, fg: '#ffffff', bg: '#7b68ee', creator: ctx.principal.user.id });
  }
  if (linksTo)
    store.links.push({
      a: t.id,
      b: linksTo,
      linkId: store.ids.uuid('link'),
      dateCreated: ctx.now,
      userId: ctx.principal.user.id,
    });
  return ok(task(store, t));
}

function updateTaskRoute(ctx: Ctx) {
  const { store } = ctx;
  const t = resolveTask(ctx);
  const list = must(store.lists.get(t.listId));
  const workspaceId = store.workspaceOfList(list);
  const b = bodyObject(ctx.body);
  // Validate everything before changing anything, so a 400 leaves the task as it was.
  const name = field.string(b, 'name');
  if (name !== undefined && name.trim() === '') throw Errors.invalid('Task name invalid', 'INPUT_005');
  const priority = field.nullableInt(b, 'priority');
  checkPriority(priority);
  const status = field.string(b, 'status');
  const newStatus = status === undefined ? undefined : store.statusNamed(list, status);
  const parent = b['parent'];
  if (parent === null)
    throw Errors.invalid(
      'parent cannot be set to null; move the subtask to another parent instead',
      'ITEM_139',
    );
  if (parent !== undefined) {
    if (typeof parent !== 'string') throw Errors.invalid('parent must be a task id', 'ITEM_137');
    checkParent(ctx, list, parent, t.id);
  }
  const people: Record<'assignees' | 'watchers', { add: number[]; rem: number[] } | undefined> = {
    assignees: undefined,
    watchers: undefined,
  };
  for (const key of ['assignees', 'watchers'] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (!isObject(v))
      throw Errors.invalid(`${key} takes {"add": [user ids], "rem": [user ids]}`, 'INPUT_010');
    const add = members(ctx, workspaceId, field.intArray(v, 'add') ?? []);
    const rem = field.intArray(v, 'rem') ?? [];
    people[key] = { add, rem };
  }
  const markdown = markdownOf(b);
  const due = field.nullableInt(b, 'due_date');
  const start = field.nullableInt(b, 'start_date');
  const estimate = field.nullableInt(b, 'time_estimate');
  const points = 'points' in b ? (b['points'] === null ? null : field.number(b, 'points')) : undefined;
  const dueTime = field.bool(b, 'due_date_time');
  const startTime = field.bool(b, 'start_date_time');
  const archived = field.bool(b, 'archived');
  const customItemId = field.int(b, 'custom_item_id');
  checkCustomItem(ctx, workspaceId, customItemId);

  if (name !== undefined) t.name = name.trim();
  if (markdown !== undefined) t.markdown = markdown.trim() === '' ? '' : markdown;
  if (newStatus !== undefined) setStatus(ctx, t, list, newStatus.status);
  if (priority !== undefined) t.priority = priority;
  if (due !== undefined) t.dueDate = due;
  if (start !== undefined) t.startDate = start;
  if (estimate !== undefined) t.timeEstimate = estimate;
  if (points !== undefined) t.points = points ?? null;
  if (dueTime !== undefined) t.dueDateTime = dueTime;
  if (startTime !== undefined) t.startDateTime = startTime;
  if (archived !== undefined) t.archived = archived;
  if (customItemId !== undefined) t.customItemId = customItemId;
  if (typeof parent === 'string') t.parentId = parent;
  const assignees = people.assignees;
  if (assignees) {
    t.assigneeIds = [...new Set([...t.assigneeIds, ...assignees.add])].filter(
      (id) => !assignees.rem.includes(id),
    );
    t.watcherIds = [...new Set([...t.watcherIds, ...assignees.add])];
  }
  const watchers = people.watchers;
  if (watchers)
    t.watcherIds = [...new Set([...t.watcherIds, ...watchers.add])].filter(
      (id) => !watchers.rem.includes(id),
    );
  t.dateUpdated = ctx.now;
  return ok(task(store, t, { markdown: ctx.query.bool('include_markdown_description', false) }));
}

function listTasks(ctx: Ctx, candidates: Iterable<TaskRec>, filter: TaskFilter) {
  const matching: TaskRec[] = [];
  for (const t of candidates) if (filter.matches(t)) matching.push(t);
  const { page, lastPage } = filter.paginate(filter.sort(matching));
  const markdown = ctx.query.bool('include_markdown_description', false);
  return ok({ tasks: page.map((t) => task(ctx.store, t, { markdown })), last_page: lastPage });
}

export function taskRoutes(r: RouteTable): void {
  r.v2('POST', '/list/:list_id/task', createTaskRoute);

  r.v2('GET', '/task/:task_id', (ctx) => {
    const t = resolveTask(ctx);
    const subtasks = ctx.query.bool('include_subtasks', false);
    const markdown = ctx.query.bool('include_markdown_description', false);
    const key = `task:${t.id}:${subtasks}:${markdown}`;
    let json = ctx.store.jsonCache.get(key);
    if (json === undefined) {
      json = JSON.stringify(task(ctx.store, t, { subtasks, markdown }));
      ctx.store.jsonCache.set(key, json);
    }
    return { status: 200, json };
  });

  r.v2('PUT', '/task/:task_id', updateTaskRoute);

  r.v2('DELETE', '/task/:task_id', (ctx) => {
    const t = resolveTask(ctx);
    ctx.store.deleteTask(t.id);
    return noContent();
  });

  r.v2('GET', '/list/:list_id/task', (ctx) => {
    const list = ctx.store.list(ctx.principal, ctx.params['list_id']);
    const filter = new TaskFilter(ctx.store, ctx.query);
    const timl = ctx.query.bool('include_timl', false);
    const candidates = [...ctx.store.tasks.values()].filter(
      (t) => t.listId === list.id || (timl && t.extraListIds.includes(list.id)),
    );
    return listTasks(ctx, candidates, filter);
  });

  r.v2('GET', '/team/:team_id/task', (ctx) => {
    const { store } = ctx;
    const ws = store.workspace(ctx.principal, ctx.params['team_id']);
    const filter = new TaskFilter(store, ctx.query);
    const candidates = [...store.tasks.values()].filter((t) => {
      const list = must(store.lists.get(t.listId));
      const space = must(store.spaces.get(list.spaceId));
      if (space.workspaceId !== ws.id) return false;
      if (filter.spaceIds.size > 0 && !filter.spaceIds.has(space.id)) return false;
      if (filter.folderIds.size > 0 && !(list.folderId !== null && filter.folderIds.has(list.folderId)))
        return false;
      if (
        filter.listIds.size > 0 &&
        !filter.listIds.has(list.id) &&
        !t.extraListIds.some((id) => filter.listIds.has(id))
      )
        return false;
      return true;
    });
    return listTasks(ctx, candidates, filter);
  });
}
