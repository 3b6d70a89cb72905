import { CREATE, DELETE, defineTool, READ, UPDATE } from '../core/tool';
import { invalid } from '../core/tool-error';
import { notHomeList, otherListIds, planMove } from './task-homes';
import {
  changedOutput,
  taskLinkInput,
  taskListMembershipInput,
  taskMoveInput,
  taskMoveOutput,
  taskTimeInStatusInput,
  taskTimeInStatusOutput,
} from './task-homes.schemas';
import { toTaskTimes } from './time-in-status';

const ADD: typeof CREATE = { ...CREATE, idempotentHint: true };

/** The tools of a task's lists, links and status times; part of the tasks group (`TasksTools`). */
export const taskHomeTools = [
  defineTool({
    name: 'task_move',
    title: 'Move task',
    description: 'Moves a task and subtasks to a new home list; returns its status there.',
    method: 'update',
    tags: ['tasks'],
    input: taskMoveInput,
    output: taskMoveOutput,
    annotations: UPDATE,
    handler: async (args, ctx) => {
      const plan = await planMove(ctx, args);
      if (plan.already) return { status: plan.status };
      await ctx.client.tasks.move(ctx.scope.workspaceId, plan.task.id, plan.list.id, {
        status_mappings: plan.mapping ? [plan.mapping] : undefined,
      });
      // Read back: the result says where the task is and which status it holds, as ClickUp has them now.
      const { data } = await ctx.client.tasks.get(plan.task.id);
      return { status: data.status?.status ?? null };
    },
  }),
  defineTool({
    name: 'task_add_to_list',
    title: 'Add task to a list',
    description: 'Also shows a task in another list.',
    method: 'create',
    tags: ['tasks'],
    input: taskListMembershipInput,
    output: changedOutput,
    annotations: ADD,
    handler: async (args, ctx) => {
      const task = await ctx.scope.task(ctx.client, args.task_id);
      if (task.list?.id === args.list_id || otherListIds(task).includes(args.list_id)) {
        return { changed: false };
      }
      await ctx.client.tasks.addToList(args.list_id, task.id);
      return { changed: true };
    },
  }),
  defineTool({
    name: 'task_remove_from_list',
    title: 'Remove task from list',
    description: 'Removes a task from an added list.',
    method: 'delete',
    tags: ['tasks'],
    input: taskListMembershipInput,
    output: changedOutput,
    annotations: DELETE,
    handler: async (args, ctx) => {
      const task = await ctx.scope.task(ctx.client, args.task_id);
      notHomeList(task, args.list_id);
      if (!otherListIds(task).includes(args.list_id)) return { changed: false };
      await ctx.client.tasks.removeFromList(args.list_id, task.id);
      return { changed: true };
    },
  }),
  defineTool({
    name: 'task_link_add',
    title: 'Link tasks',
    description: 'Links two tasks (linked_task_ids of task_get).',
    method: 'create',
    tags: ['tasks'],
    input: taskLinkInput,
    output: changedOutput,
    annotations: ADD,
    handler: async (args, ctx) => {
      const [task, other] = await Promise.all([
        ctx.scope.task(ctx.client, args.task_id),
        ctx.scope.task(ctx.client, args.links_to),
      ]);
      if (task.id === other.id) throw invalid('A task cannot link to itself.', 'links_to');
      if (task.linked_tasks.some((l) => l.task_id === other.id)) return { changed: false };
      await ctx.client.tasks.addLink(task.id, other.id);
      return { changed: true };
    },
  }),
  defineTool({
    name: 'task_link_remove',
    title: 'Unlink tasks',
    description: 'Unlinks two tasks.',
    method: 'delete',
    tags: ['tasks'],
    input: taskLinkInput,
    output: changedOutput,
    annotations: DELETE,
    handler: async (args, ctx) => {
      const [task, other] = await Promise.all([
        ctx.scope.task(ctx.client, args.task_id),
        ctx.scope.task(ctx.client, args.links_to),
      ]);
      if (!task.linked_tasks.some((l) => l.task_id === other.id)) return { changed: false };
      await ctx.client.tasks.removeLink(task.id, other.id);
      return { changed: true };
    },
  }),
  defineTool({
    name: 'task_time_in_status',
    title: 'Time in status',
    description: 'Time per status (ms, "2d 3h"); current one since when.',
    method: 'get',
    tags: ['tasks'],
    input: taskTimeInStatusInput,
    output: taskTimeInStatusOutput,
    annotations: READ,
    handler: async (args, ctx) => {
      const ids = [...new Set(args.task_ids ?? (args.task_id === undefined ? [] : [args.task_id]))];
      if (ids.length === 1) {
        const { data } = await ctx.client.tasks.timeInStatus(ids[0]);
        return { tasks: [toTaskTimes(ids[0], data)] };
      }
      const { data } = await ctx.client.tasks.bulkTimeInStatus(ids);
      return {
        tasks: ids.map((id) =>
          data[id] ? toTaskTimes(id, data[id]) : { task_id: id, current: null, history: [] },
        ),
      };
    },
  }),
];
