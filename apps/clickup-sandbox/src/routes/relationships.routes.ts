import { must } from '../util/must';
import { Errors } from '../http/api-error';
import { bodyObject, field } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { task } from '../serialize/task';
import type { TaskRec } from '../store/types';
import { resolveTask } from './task-lookup';

/** The other task of a relationship, in the same workspace; custom ids follow the same flag as the path. */
function otherTask(ctx: Ctx, raw: string, self: TaskRec): TaskRec {
  const other = resolveTask(ctx, raw);
  if (ctx.store.workspaceOfTask(other) !== ctx.store.workspaceOfTask(self)) throw Errors.teamNotAuthorized();
  if (other.id === self.id) throw Errors.invalid('A task cannot depend on or link to itself', 'DEPEND_003');
  return other;
}

/** Link answers carry the task with its `linked_tasks` (API-NOTES §7). */
function linkAnswer(ctx: Ctx, t: TaskRec) {
  return ok({ task: task(ctx.store, t) });
}

export function relationshipRoutes(r: RouteTable): void {
  r.v2('POST', '/task/:task_id/dependency', (ctx) => {
    const t = resolveTask(ctx);
    const b = bodyObject(ctx.body);
    const dependsOn = field.string(b, 'depends_on');
    const dependencyOf = field.string(b, 'dependency_of');
    if ((dependsOn === undefined) === (dependencyOf === undefined)) {
      throw Errors.invalid('Send exactly one of depends_on and dependency_of', 'DEPEND_001');
    }
    const other = otherTask(ctx, must(dependsOn ?? dependencyOf), t);
    const [waiting, blocking] = dependsOn !== undefined ? [t.id, other.id] : [other.id, t.id];
    const store = ctx.store;
    if (store.dependencies.some((d) => d.taskId === blocking && d.dependsOn === waiting)) {
      throw Errors.invalid('This dependency would create a cycle', 'DEPEND_002');
    }
    if (!store.dependencies.some((d) => d.taskId === waiting && d.dependsOn === blocking)) {
      store.dependencies.push({
        taskId: waiting,
        dependsOn: blocking,
        dateCreated: ctx.now,
        userId: ctx.principal.user.id,
      });
    }
    return ok({});
  });

  r.v2('DELETE', '/task/:task_id/dependency', (ctx) => {
    const t = resolveTask(ctx);
    const dependsOn = ctx.query.string('depends_on');
    const dependencyOf = ctx.query.string('dependency_of');
    if (!dependsOn && !dependencyOf) throw Errors.invalid('Send depends_on or dependency_of', 'DEPEND_001');
    const store = ctx.store;
    const waitingOn = dependsOn ? otherTask(ctx, dependsOn, t).id : undefined;
    const blocks = dependencyOf ? otherTask(ctx, dependencyOf, t).id : undefined;
    store.dependencies = store.dependencies.filter(
      (d) =>
        !(
          (waitingOn && d.taskId === t.id && d.dependsOn === waitingOn) ||
          (blocks && d.taskId === blocks && d.dependsOn === t.id)
        ),
    );
    return ok({});
  });

  r.v2('POST', '/task/:task_id/link/:links_to', (ctx) => {
    const t = resolveTask(ctx);
    const other = otherTask(ctx, ctx.params['links_to'], t);
    const store = ctx.store;
    const exists = store.links.some(
      (l) => (l.a === t.id && l.b === other.id) || (l.a === other.id && l.b === t.id),
    );
    if (!exists)
      store.links.push({
        a: t.id,
        b: other.id,
        linkId: store.ids.uuid('link'),
        dateCreated: ctx.now,
        userId: ctx.principal.user.id,
      });
    return linkAnswer(ctx, t);
  });

  r.v2('DELETE', '/task/:task_id/link/:links_to', (ctx) => {
    const t = resolveTask(ctx);
    const other = otherTask(ctx, ctx.params['links_to'], t);
    ctx.store.links = ctx.store.links.filter(
      (l) => !((l.a === t.id && l.b === other.id) || (l.a === other.id && l.b === t.id)),
    );
    return linkAnswer(ctx, t);
  });
}
