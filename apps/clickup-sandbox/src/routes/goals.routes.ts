import { must } from '../util/must';
import { Errors } from '../http/api-error';
import { bodyObject, field, type Json } from '../http/body';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { goal, goalPercent, goalSummary, keyResult } from '../serialize/goals';
import type { GoalRec, KeyResultRec, KeyResultType } from '../store/types';

const KR_TYPES: KeyResultType[] = ['number', 'currency', 'boolean', 'percentage', 'automatic'];

function findGoal(ctx: Ctx): GoalRec {
  const g = ctx.store.goals.get(ctx.params['goal_id']);
  if (!g) throw Errors.teamNotAuthorized();
  ctx.store.workspace(ctx.principal, g.workspaceId);
  return g;
}

function findKr(ctx: Ctx): KeyResultRec {
  const kr = ctx.store.keyResults.get(ctx.params['key_result_id']);
  if (!kr) throw Errors.teamNotAuthorized();
  ctx.store.workspace(ctx.principal, must(ctx.store.goals.get(kr.goalId)).workspaceId);
  return kr;
}

function members(ctx: Ctx, workspaceId: string, ids: number[] | undefined): number[] | undefined {
  if (!ids) return undefined;
  for (const id of ids)
    if (!ctx.store.isMember(workspaceId, id))
      throw Errors.invalid(`User ${id} is not a member of this Workspace`, 'GOAL_012');
  return [...new Set(ids)];
}

function taskAndListIds(ctx: Ctx, g: GoalRec, b: Json) {
  const taskIds = field.stringArray(b, 'task_ids');
  const listIds = field.stringArray(b, 'list_ids');
  for (const id of taskIds ?? []) {
    const t = ctx.store.tasks.get(id);
    if (!t || ctx.store.workspaceOfTask(t) !== g.workspaceId)
      throw Errors.invalid(`Task ${id} not found`, 'GOAL_020');
  }
  for (const id of listIds ?? []) {
    const l = ctx.store.lists.get(id);
    if (!l || ctx.store.workspaceOfList(l) !== g.workspaceId)
      throw Errors.invalid(`List ${id} not found`, 'GOAL_021');
  }
  return { taskIds, listIds };
}

export function goalRoutes(r: RouteTable): void {
  r.v2('GET', '/team/:team_id/goal', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const includeCompleted = ctx.query.bool('include_completed', false);
    const goals = [...ctx.store.goals.values()].filter(
      (g) => g.workspaceId === ws.id && (includeCompleted || goalPercent(ctx.store, g) < 100),
    );
    return ok({ goals: goals.map((g) => goalSummary(ctx.store, g)), folders: [] });
  });

  r.v2('POST', '/team/:team_id/goal', (ctx) => {
    const ws = ctx.store.workspace(ctx.principal, ctx.params['team_id']);
    const b = bodyObject(ctx.body);
    const name = field.requiredString(b, 'name', 'Goal name invalid', 'GOAL_001');
    const g: GoalRec = {
      id: ctx.store.ids.uuid('goal'),
      prettyId: ctx.store.ids.goalPretty(),
      workspaceId: ws.id,
      name,
      creatorId: ctx.principal.user.id,
      ownerIds: members(ctx, ws.id, field.intArray(b, 'owners')) ?? [ctx.principal.user.id],
      color: field.string(b, 'color') ?? '#32a852',
      dateCreated: ctx.now,
      dateUpdated: ctx.now,
      startDate: null,
      dueDate: field.int(b, 'due_date') ?? ctx.now + 90 * 86_400_000,
      description: field.string(b, 'description') ?? '',
      private: false,
      archived: false,
      multipleOwners: field.bool(b, 'multiple_owners') ?? false,
    };
    ctx.store.goals.set(g.id, g);
    return ok({ goal: goal(ctx.store, g) });
  });

  r.v2('GET', '/goal/:goal_id', (ctx) => ok({ goal: goal(ctx.store, findGoal(ctx)) }));

  r.v2('PUT', '/goal/:goal_id', (ctx) => {
    const g = findGoal(ctx);
    const b = bodyObject(ctx.body);
    const name = field.string(b, 'name');
    if (name !== undefined && name.trim() === '') throw Errors.invalid('Goal name invalid', 'GOAL_001');
    const add = members(ctx, g.workspaceId, field.intArray(b, 'add_owners')) ?? [];
    const rem = field.intArray(b, 'rem_owners') ?? [];
    const due = field.int(b, 'due_date');
    if (name !== undefined) g.name = name;
    if (due !== undefined) g.dueDate = due;
    g.description = field.string(b, 'description') ?? g.description;
    g.color = field.string(b, 'color') ?? g.color;
    g.ownerIds = [...new Set([...g.ownerIds, ...add])].filter((id) => !rem.includes(id));
    g.dateUpdated = ctx.now;
    return ok({ goal: goal(ctx.store, g) });
  });

  r.v2('DELETE', '/goal/:goal_id', (ctx) => {
    const g = findGoal(ctx);
    for (const kr of [...ctx.store.keyResults.values()])
      if (kr.goalId === g.id) ctx.store.keyResults.delete(kr.id);
    ctx.store.goals.delete(g.id);
    return ok({});
  });

  r.v2('POST', '/goal/:goal_id/key_result', (ctx) => {
    const g = findGoal(ctx);
    const b = bodyObject(ctx.body);
    const name = field.requiredString(b, 'name', 'Key result name invalid', 'KEYRESULT_001');
    const type = (field.string(b, 'type') ?? 'number') as KeyResultType;
    if (!KR_TYPES.includes(type))
      throw Errors.invalid(`type must be one of ${KR_TYPES.join(', ')}`, 'KEYRESULT_002');
    const stepsStart = field.number(b, 'steps_start') ?? 0;
    const stepsEnd = field.number(b, 'steps_end') ?? (type === 'boolean' ? 1 : 100);
    const { taskIds, listIds } = taskAndListIds(ctx, g, b);
    const kr: KeyResultRec = {
      id: ctx.store.ids.uuid('key-result'),
      goalId: g.id,
      name,
      type,
      unit: field.string(b, 'unit') ?? '',
      creatorId: ctx.principal.user.id,
      dateCreated: ctx.now,
      stepsStart,
      stepsEnd,
      stepsCurrent: stepsStart,
      taskIds: taskIds ?? [],
      listIds: listIds ?? [],
      ownerIds: members(ctx, g.workspaceId, field.intArray(b, 'owners')) ?? [ctx.principal.user.id],
      lastAction: null,
    };
    ctx.store.keyResults.set(kr.id, kr);
    return ok({ key_result: keyResult(ctx.store, kr) });
  });

  r.v2('PUT', '/key_result/:key_result_id', (ctx) => {
    const kr = findKr(ctx);
    const b = bodyObject(ctx.body);
    const steps = field.number(b, 'steps_current');
    const name = field.string(b, 'name');
    if (name !== undefined && name.trim() === '')
      throw Errors.invalid('Key result name invalid', 'KEYRESULT_001');
    if (name !== undefined) kr.name = name;
    kr.unit = field.string(b, 'unit') ?? kr.unit;
    const note = field.string(b, 'note') ?? '';
    if (steps !== undefined || note !== '') {
      const before = kr.stepsCurrent;
      if (steps !== undefined) kr.stepsCurrent = steps;
      kr.lastAction = {
        id: ctx.store.ids.uuid('kr-action'),
        userId: ctx.principal.user.id,
        date: ctx.now,
        stepsBefore: before,
        stepsTaken: kr.stepsCurrent - before,
        note,
      };
    }
    return ok({ key_result: keyResult(ctx.store, kr) });
  });

  r.v2('DELETE', '/key_result/:key_result_id', (ctx) => {
    ctx.store.keyResults.delete(findKr(ctx).id);
    return ok({});
  });
}
