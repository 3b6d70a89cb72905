import { must } from '../util/must';
import { Errors } from '../http/api-error';
import { bodyObject, field, isObject, type Json } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { timeEntry } from '../serialize/time-entries';
import type { TimeEntryRec, TimeEntryTag, WorkspaceRec } from '../store/types';
import { resolveTask } from './task-lookup';

const THIRTY_DAYS = 30 * 86_400_000;

function isAdmin(ws: WorkspaceRec, userId: number): boolean {
  const role = ws.members.get(userId);
  return role === 1 || role === 2;
}

/** Someone else's entry (for a non-admin) and an unknown id both answer 401 OAUTH_027, like other ids. */
function entry(ctx: Ctx, ws: WorkspaceRec): TimeEntryRec {
  const e = ctx.store.timeEntries.get(ctx.params['timer_id']);
  if (!e || e.workspaceId !== ws.id) throw Errors.teamNotAuthorized();
  if (e.userId !== ctx.principal.user.id && !isAdmin(ws, ctx.principal.user.id))
    throw Errors.teamNotAuthorized();
  return e;
}

function tagsOf(ctx: Ctx, b: Json): TimeEntryTag[] | undefined {
  const raw = b['tags'];
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw))
    throw Errors.invalid('tags must be an array of {name, tag_fg, tag_bg}', 'TIMEENTRY_010');
  return raw.map((t) => {
    if (!isObject(t) || typeof t['name'] !== 'string' || t['name'].trim() === '') {
      throw Errors.invalid('each tag needs a name', 'TIMEENTRY_010');
    }
    return {
      name: t['name'],
      tag_fg: typeof t['tag_fg'] === 'string' ? t['tag_fg'] : '#800000',
      tag_bg: typeof t['tag_bg'] === 'string' ? t['tag_bg'] : '#2ecd6f',
      creator: ctx.principal.user.id,
    };
  });
}

function taskId(ctx: Ctx, ws: WorkspaceRec, b: Json): string | null | undefined {
  if (!('tid' in b)) return undefined;
  const tid = b['tid'];
  if (tid === null || tid === '') return null;
  if (typeof tid !== 'string') throw Errors.invalid('tid must be a task id', 'TIMEENTRY_011');
  const t = resolveTask(ctx, tid);
  if (ctx.store.workspaceOfTask(t) !== ws.id) throw Errors.teamNotAuthorized();
  return t.id;
}

function running(ctx: Ctx, ws: WorkspaceRec, userId: number): TimeEntryRec | undefined {
  for (const e of ctx.store.timeEntries.values())
    if (e.workspaceId === ws.id && e.userId === userId && e.end === null) return e;
  return undefined;
}

function stop(e: TimeEntryRec, now: number): void {
  e.end = Math.max(now, e.start + 1);
  e.at = now;
}

function listEntries(ctx: Ctx) {
  const { store, query } = ctx;
  const ws = store.workspace(ctx.principal, ctx.params['team_id']);
  const me = ctx.principal.user.id;
  const end = query.int('end_date') ?? ctx.now;
  const start = query.int('start_date') ?? end - THIRTY_DAYS;
  if (Number.isNaN(start) || Number.isNaN(end))
    throw Errors.invalid('start_date and end_date take Unix milliseconds', 'TIMEENTRY_020');
  const assigneeParam = query.string('assignee');
  const assignees = assigneeParam ? assigneeParam.split(',').map((s) => Number(s.trim())) : [me];
  if (assignees.some((id) => id !== me) && !isAdmin(ws, me)) {
    throw Errors.forbidden(
      'Only Workspace owners and admins can see other people’s time entries',
      'TIMEENTRY_021',
    );
  }
  const locations = ['space_id', 'folder_id', 'list_id', 'task_id'].filter((k) => query.string(k));
  if (locations.length > 1)
    throw Errors.invalid('Send only one of space_id, folder_id, list_id and task_id', 'TIMEENTRY_022');
  const taskFilter = query.string('task_id') ? resolveTask(ctx, query.string('task_id')).id : undefined;
  const billable = query.string('is_billable');
  const entries = [...store.timeEntries.values()].filter((e) => {
    if (e.workspaceId !== ws.id || !assignees.includes(e.userId)) return false;
    if (e.start > end || (e.end ?? ctx.now) < start) return false;
    if (billable !== undefined && e.billable !== (billable === 'true')) return false;
    if (locations.length === 1) {
      const t = e.taskId ? store.tasks.get(e.taskId) : undefined;
      if (!t) return false;
      const list = must(store.lists.get(t.listId));
      if (taskFilter && t.id !== taskFilter) return false;
      if (query.string('list_id') && list.id !== query.string('list_id')) return false;
      if (query.string('folder_id') && list.folderId !== query.string('folder_id')) return false;
      if (query.string('space_id') && list.spaceId !== query.string('space_id')) return false;
    }
    return true;
  });
  entries.sort((a, b) => b.start - a.start);
  return ok({ data: entries.map((e) => timeEntry(store, e, 'list')) });
}

function createEntry(ctx: Ctx) {
  const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
  const b = bodyObject(ctx.body);
  const start = field.int(b, 'start');
  if (start === undefined) throw Errors.invalid('start is required (Unix milliseconds)', 'TIMEENTRY_001');
  const endAt = field.int(b, 'end') ?? field.int(b, 'stop');
  const duration = field.int(b, 'duration');
  // With both start and end the duration is ignored (API-NOTES §16.1).
  const end = endAt ?? (duration !== undefined ? start + duration : undefined);
  if (end === undefined) throw Errors.invalid('duration (or end) is required', 'TIMEENTRY_003');
  if (end <= start) throw Errors.invalid('The time entry must end after it starts', 'TIMEENTRY_004');
  const me = ctx.principal.user.id;
  const assignee = field.int(b, 'assignee') ?? me;
  if (assignee !== me && !isAdmin(ws, me))
    throw Errors.forbidden(
      'Only owners and admins can create time entries for other people',
      'TIMEENTRY_005',
    );
  if (!ws.members.has(assignee))
    throw Errors.invalid('Assignee is not a member of this Workspace', 'TIMEENTRY_006');
  const e: TimeEntryRec = {
    id: ctx.store.ids.timeEntry(),
    workspaceId: ws.id,
    userId: assignee,
    taskId: taskId(ctx, ws, b) ?? null,
    billable: field.bool(b, 'billable') ?? false,
    start,
    end,
    description: field.string(b, 'description') ?? '',
    tags: tagsOf(ctx, b) ?? [],
    source: 'clickup',
    at: ctx.now,
  };
  ctx.store.timeEntries.set(e.id, e);
  // The spec's example only echoes the request; the full entry rides along in `data` (API-NOTES §16.1).
  return ok({
    description: e.description,
    tags: e.tags.map(({ name, tag_bg, tag_fg }) => ({ name, tag_bg, tag_fg })),
    start: e.start,
    billable: e.billable,
    duration: end - start,
    assignee,
    tid: e.taskId ?? '',
    data: timeEntry(ctx.store, e, 'list'),
  });
}

export function timeEntryRoutes(r: RouteTable): void {
  r.v2('GET', '/team/:team_id/time_entries', listEntries);
  r.v2('POST', '/team/:team_id/time_entries', createEntry);

  r.v2('GET', '/team/:team_id/time_entries/current', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const me = ctx.principal.user.id;
    const assignee = ctx.query.int('assignee') ?? me;
    if (assignee !== me && !isAdmin(ws, me))
      throw Errors.forbidden('Only owners and admins can see other people’s timers', 'TIMEENTRY_021');
    const e = running(ctx, ws, assignee);
    return ok({ data: e ? timeEntry(ctx.store, e, 'current') : null });
  });

  r.v2('POST', '/team/:team_id/time_entries/start', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const b = bodyObject(ctx.body);
    const tid = taskId(ctx, ws, b) ?? null;
    const tags = tagsOf(ctx, b) ?? [];
    const me = ctx.principal.user.id;
    // Starting a timer stops the one already running, as the ClickUp app does.
    const previous = running(ctx, ws, me);
    if (previous) stop(previous, ctx.now);
    const e: TimeEntryRec = {
      id: ctx.store.ids.timeEntry(),
      workspaceId: ws.id,
      userId: me,
      taskId: tid,
      billable: field.bool(b, 'billable') ?? false,
      start: ctx.now,
      end: null,
      description: field.string(b, 'description') ?? '',
      tags,
      source: 'clickup',
      at: ctx.now,
    };
    ctx.store.timeEntries.set(e.id, e);
    return ok({ data: timeEntry(ctx.store, e, 'start') });
  });

  r.v2('POST', '/team/:team_id/time_entries/stop', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const e = running(ctx, ws, ctx.principal.user.id);
    if (!e) throw Errors.notFound('No time entry is running', 'TIMEENTRY_030');
    stop(e, ctx.now);
    return ok({ data: timeEntry(ctx.store, e, 'stop') });
  });

  // The spec's example wraps the single entry in an array, while its schema says object; the example wins.
  r.v2('GET', '/team/:team_id/time_entries/:timer_id', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    return ok({ data: [timeEntry(ctx.store, entry(ctx, ws), 'list')] });
  });

  r.v2('PUT', '/team/:team_id/time_entries/:timer_id', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const e = entry(ctx, ws);
    const b = bodyObject(ctx.body);
    const start = field.int(b, 'start');
    const end = field.int(b, 'end');
    if ((start === undefined) !== (end === undefined))
      throw Errors.invalid('start and end must be sent together', 'TIMEENTRY_012');
    if (start !== undefined && end !== undefined && end <= start)
      throw Errors.invalid('The time entry must end after it starts', 'TIMEENTRY_004');
    const duration = field.int(b, 'duration');
    const tags = tagsOf(ctx, b);
    const action = field.string(b, 'tag_action') ?? 'replace';
    if (!['replace', 'add', 'remove'].includes(action))
      throw Errors.invalid('tag_action must be replace, add or remove', 'TIMEENTRY_013');
    const tid = taskId(ctx, ws, b);
    if (start !== undefined && end !== undefined) {
      e.start = start;
      e.end = e.end === null ? null : end;
    } else if (duration !== undefined && e.end !== null) {
      e.end = e.start + duration;
    }
    if (tid !== undefined) e.taskId = tid;
    e.description = field.string(b, 'description') ?? e.description;
    e.billable = field.bool(b, 'billable') ?? e.billable;
    if (tags) {
      if (action === 'replace') e.tags = tags;
      else if (action === 'add')
        e.tags = [...e.tags, ...tags.filter((t) => !e.tags.some((x) => x.name === t.name))];
      else e.tags = e.tags.filter((x) => !tags.some((t) => t.name === x.name));
    }
    e.at = ctx.now;
    return ok({});
  });

  r.v2('DELETE', '/team/:team_id/time_entries/:timer_id', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const e = entry(ctx, ws);
    ctx.store.timeEntries.delete(e.id);
    if (e.end === null) stop(e, ctx.now);
    return ok({ data: timeEntry(ctx.store, e, 'stop') });
  });
}
