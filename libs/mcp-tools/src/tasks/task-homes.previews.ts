import type { Task } from '@gw/clickup-client';
import { invalid } from '../core/tool-error';
import type { EffectPreview } from '../previews/effect-preview';
import { previewOf } from '../previews/preview-reader';
import { oneLine, quoted } from '../previews/preview-text';
import { notHomeList, otherListIds, planMove } from './task-homes';
import { taskLinkInput, taskListMembershipInput, taskMoveInput } from './task-homes.schemas';

const label = (t: Pick<Task, 'id' | 'name'>) => `task ${quoted(t.name)} (${t.id})`;
const target = (t: Task): EffectPreview['target'] => ({
  type: 'task',
  id: t.id,
  name: oneLine(t.name),
  url: t.url ?? `https://app.clickup.com/t/${t.id}`,
});
const nothing = (changes: boolean, why: string) => (changes ? '' : ` (${why}: changes nothing)`);

/** The effect previews of `taskHomeTools`' writes, part of the tasks group's (`tasksPreviews`). */
export const taskHomePreviews = {
  task_move: previewOf(taskMoveInput, async (args, ctx) => {
    const plan = await planMove(ctx, args);
    const from = plan.task.status?.status ?? null;
    return {
      kind: 'update',
      summary:
        `Moves ${label(plan.task)} to list ${quoted(plan.list.name)}` +
        (plan.mapping ? `, status ${quoted(from ?? '')} → ${quoted(plan.status ?? '')}` : '') +
        nothing(!plan.already, 'already its home list'),
      target: target(plan.task),
      changes: [
        { field: 'list', from: plan.task.list?.name ?? null, to: plan.list.name },
        ...(from === plan.status ? [] : [{ field: 'status', from, to: plan.status }]),
      ],
      tasks_touched: 1 + (plan.task.subtasks?.length ?? 0),
    };
  }),

  task_add_to_list: previewOf(taskListMembershipInput, async (args, ctx) => {
    const [task, list] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id),
      ctx.scope.list(ctx.client, args.list_id),
    ]);
    const lists = otherListIds(task);
    const adds = task.list?.id !== list.id && !lists.includes(list.id);
    return {
      kind: 'create',
      summary: `Also shows ${label(task)} in list ${quoted(list.name)}${nothing(adds, 'already there')}`,
      target: target(task),
      changes: [{ field: 'other_list_ids', from: lists, to: adds ? [...lists, list.id] : lists }],
      tasks_touched: 1,
    };
  }),

  task_remove_from_list: previewOf(taskListMembershipInput, async (args, ctx) => {
    const [task, list] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id),
      ctx.scope.list(ctx.client, args.list_id),
    ]);
    notHomeList(task, list.id);
    const lists = otherListIds(task);
    return {
      kind: 'delete',
      summary: `Takes ${label(task)} out of list ${quoted(list.name)}${nothing(lists.includes(list.id), 'not in it')}`,
      target: target(task),
      changes: [{ field: 'other_list_ids', from: lists, to: lists.filter((id) => id !== list.id) }],
      tasks_touched: 1,
    };
  }),

  task_link_add: previewOf(taskLinkInput, async (args, ctx) => {
    const [task, other] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id),
      ctx.scope.task(ctx.client, args.links_to),
    ]);
    if (task.id === other.id) throw invalid('A task cannot link to itself.', 'links_to');
    const linked = task.linked_tasks.map((l) => l.task_id);
    const adds = !linked.includes(other.id);
    return {
      kind: 'create',
      summary: `Links ${label(task)} to ${label(other)}${nothing(adds, 'already linked')}`,
      target: target(task),
      changes: [{ field: 'linked_task_ids', from: linked, to: adds ? [...linked, other.id] : linked }],
      tasks_touched: 2,
    };
  }),

  task_link_remove: previewOf(taskLinkInput, async (args, ctx) => {
    const [task, other] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id),
      ctx.scope.task(ctx.client, args.links_to),
    ]);
    const linked = task.linked_tasks.map((l) => l.task_id);
    return {
      kind: 'delete',
      summary: `Unlinks ${label(task)} from ${label(other)}${nothing(linked.includes(other.id), 'not linked')}`,
      target: target(task),
      changes: [{ field: 'linked_task_ids', from: linked, to: linked.filter((id) => id !== other.id) }],
      tasks_touched: 2,
    };
  }),
};
