import { Errors } from '../http/api-error';
import { bodyObject, isObject } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import type { ListRec, StatusRec, TaskRec } from '../store/types';

// Moving a task to a new home List (v3 Move Task, API-NOTES §5.1); further Lists are in lists.routes.ts.

/**
 * The status a moved task takes in its new list: the mapping given for its current status (`status_mappings`, by
 * status ids), else the status of the same name; ClickUp requires the mapping when the new list lacks that status.
 */
function statusInNewList(ctx: Ctx, t: TaskRec, target: ListRec, mappings: unknown): StatusRec {
  const current = ctx.store.statusOfTask(t);
  const statuses = ctx.store.statusesOfList(target);
  if (mappings !== undefined && !Array.isArray(mappings))
    throw Errors.invalid('status_mappings must be an array');
  const mapping = ((mappings ?? []) as unknown[]).find(
    (m) => isObject(m) && m['source_status_id'] === current.id,
  );
  const same = statuses.find((s) => s.status.toLowerCase() === current.status.toLowerCase());
  if (!mapping && same) return same;
  if (!mapping || !isObject(mapping)) {
    throw Errors.invalid(
      `The new List has no status "${current.status}": map status ${current.id} in status_mappings`,
    );
  }
  const destination = statuses.find((s) => s.id === mapping['destination_status_id']);
  if (!destination) throw Errors.invalid('destination_status_id is not a status of the new List');
  return destination;
}

function moveTo(ctx: Ctx, t: TaskRec, target: ListRec, status: StatusRec): void {
  t.listId = target.id;
  t.extraListIds = t.extraListIds.filter((id) => id !== target.id);
  if (t.statusName !== status.status) {
    t.statusName = status.status;
    ctx.store.recordStatus(t, ctx.now);
  }
  t.dateUpdated = ctx.now;
}

export function taskHomeRoutes(r: RouteTable): void {
  r.v3('PUT', '/workspaces/:workspace_id/tasks/:task_id/home_list/:list_id', (ctx) => {
    const { store, principal } = ctx;
    const ws = store.workspace(principal, ctx.params['workspace_id']);
    const t = store.tasks.get(ctx.params['task_id']);
    if (!t || store.workspaceOfTask(t) !== ws.id) throw Errors.notFound('Task not found', 'ITEM_015');
    store.task(principal, t.id);
    const target = store.lists.get(ctx.params['list_id']);
    if (!target || store.workspaceOfList(target) !== ws.id)
      throw Errors.notFound('List not found', 'LIST_001');
    store.list(principal, target.id);
    const b = bodyObject(ctx.body);
    const status = statusInNewList(ctx, t, target, b['status_mappings']);
    // Subtasks go with their parent; one whose status the new list lacks takes its first status.
    const subtasks = store.subtasksOf(t.id);
    moveTo(ctx, t, target, status);
    for (const sub of subtasks) {
      const name = store.statusOfTask(sub).status.toLowerCase();
      const statuses = store.statusesOfList(target);
      moveTo(ctx, sub, target, statuses.find((s) => s.status.toLowerCase() === name) ?? statuses[0]);
    }
    return ok({ data: { task_id: t.id, new_list_id: target.id } });
  });
}
