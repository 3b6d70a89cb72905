import type { Task } from '@gw/clickup-client';
import type { z } from 'zod';
import { LIST, TASK, WORKSPACE } from '../core/proofs';
import { defineGuard, guardTool, idProof, unproven, type Proof } from '../core/tool-guard';
import { forbidden } from '../core/tool-error';
import { writeFieldValue } from '../custom-fields/field-values';
import type { ToolContext } from '../core/tool-context';
import { entryWrite, fieldOfList, fieldOfTask, type FieldArgument, type FieldLookup } from './task-fields';
import { taskHomeGuards } from './task-homes.guard';
import { taskGetOptions } from './task-inputs';
import {
  taskCreateInput,
  taskDependencyInput,
  taskFieldInput,
  taskGetInput,
  taskIdInput,
  taskListInListInput,
  taskSearchInput,
  taskSetCustomFieldInput,
  taskTagInput,
  taskUpdateInput,
} from './tasks.schemas';

const FIELD = unproven("a custom field of the proven task's list, looked up among that list's fields");

/** task_get reads the task as it will show it (subtasks, markdown, a custom id): the handler reuses that read. */
const TASK_AS_SHOWN = idProof<z.output<typeof taskGetInput>, Task>(
  'task',
  (id, args, ctx) => ctx.scope.task(ctx.client, id, taskGetOptions(args, ctx.scope.workspaceId)),
  (task) => task.id,
);

/** A value's ids (a list, or `{add, rem}`) each as `own(id)`; any other value as it is. */
function withTaskIds(value: unknown, own: (id: string) => string): unknown {
  const each = (ids: unknown) =>
    Array.isArray(ids) ? ids.map((id) => (typeof id === 'string' ? own(id) : id)) : ids;
  if (Array.isArray(value)) return each(value);
  if (value !== null && typeof value === 'object' && ('add' in value || 'rem' in value)) {
    const { add, rem } = value as { add?: unknown; rem?: unknown };
    return {
      ...value,
      ...(add === undefined ? {} : { add: each(add) }),
      ...(rem === undefined ? {} : { rem: each(rem) }),
    };
  }
  return value;
}

/**
 * The tasks a relationship field's value links or unlinks: each is proven like a task_id before ClickUp hears of
 * it, and a custom task id among them reaches the handler as the task's own id. The field's type decides what the
 * value means, so the field is looked up first (users fields name people).
 */
const LINKED_TASKS: Proof<z.output<typeof taskSetCustomFieldInput>> = {
  kind: 'custom_field_value',
  prove: async (value, args, ctx) => {
    const task = await ctx.scope.task(ctx.client, args.task_id);
    const field = await fieldOfTask(ctx, task, args.field_id);
    if (field.type === 'users') return value;
    const { taskIds } = writeFieldValue(field, value, null);
    const linked = await Promise.all(taskIds.map((id) => ctx.scope.task(ctx.client, id)));
    const own = new Map(taskIds.map((id, i) => [id, linked[i].id]));
    return withTaskIds(value, (id) => own.get(id) ?? id);
  },
  canonical: (proved) => proved,
};

/**
 * `custom_fields` of task_create and task_update: each field must be one of the list's (the target list's on create,
 * the task's own on update), and the tasks a relationship field links are proven like LINKED_TASKS, all before any
 * write. The list or task is proven first, so nothing about an out-of-scope one is read.
 */
function fieldValuesOf<A>(lookupFor: (args: A, ctx: ToolContext) => Promise<FieldLookup>): Proof<A> {
  return {
    kind: 'custom_field_value',
    prove: async (value, args, ctx) => {
      const lookup = await lookupFor(args, ctx);
      return Promise.all(
        (value as FieldArgument[]).map(async (entry, i) => {
          const field = await lookup(entry.field, `custom_fields.${i}.field`);
          if (field.type !== 'tasks' && field.type !== 'list_relationship') return entry;
          const { taskIds } = entryWrite(field, entry.value, null, `custom_fields.${i}`);
          const linked = await Promise.all(taskIds.map((id) => ctx.scope.task(ctx.client, id)));
          const own = new Map(taskIds.map((id, j) => [id, linked[j].id]));
          return { ...entry, value: withTaskIds(entry.value, (id) => own.get(id) ?? id) };
        }),
      );
    },
    // A custom task id among a relationship field's tasks reaches the handler as the task's own id.
    canonical: (proved) => proved,
  };
}

const NEW_TASK_FIELDS = fieldValuesOf<z.output<typeof taskCreateInput>>(async (args, ctx) => {
  await ctx.scope.checkList(ctx.client, args.list_id);
  return (ref, path) => fieldOfList(ctx, args.list_id, ref, path);
});

const TASK_FIELDS = fieldValuesOf<z.output<typeof taskUpdateInput>>(async (args, ctx) => {
  const task = await ctx.scope.task(ctx.client, args.task_id);
  return (ref, path) => fieldOfTask(ctx, task, ref, path);
});

export const tasksGuard = defineGuard({
  tag: 'tasks',
  tools: {
    // A parent is a task id like any other: it must be proven in scope before ClickUp hears of it.
    task_create: guardTool(taskCreateInput, {
      ids: { list_id: LIST, parent: TASK, custom_fields: NEW_TASK_FIELDS },
    }),
    task_get: guardTool(taskGetInput, { ids: { task_id: TASK_AS_SHOWN, team_id: WORKSPACE } }),
    task_list_in_list: guardTool(taskListInListInput, { ids: { list_id: LIST } }),
    task_search: guardTool(taskSearchInput, {
      ids: {
        space_ids: unproven('a filter: a pinned server searches only its own spaces among them (see pinned)'),
        list_ids: unproven("a filter: every task found is kept to the server's workspace and spaces"),
      },
      pinned: (args, ctx) => {
        if (args.space_ids && !args.space_ids.some((id) => ctx.scope.allowsSpace(id))) {
          throw forbidden('Those spaces are outside the spaces this MCP server is scoped to.');
        }
      },
    }),
    task_update: guardTool(taskUpdateInput, {
      ids: { task_id: TASK, parent: TASK, custom_fields: TASK_FIELDS },
    }),
    task_delete: guardTool(taskIdInput, { ids: { task_id: TASK } }),
    task_set_custom_field: guardTool(taskSetCustomFieldInput, {
      ids: { task_id: TASK, field_id: FIELD, value: LINKED_TASKS },
    }),
    task_clear_custom_field: guardTool(taskFieldInput, { ids: { task_id: TASK, field_id: FIELD } }),
    task_add_dependency: guardTool(taskDependencyInput, { ids: { task_id: TASK, depends_on: TASK } }),
    task_remove_dependency: guardTool(taskDependencyInput, { ids: { task_id: TASK, depends_on: TASK } }),
    task_add_tag: guardTool(taskTagInput, { ids: { task_id: TASK } }),
    task_remove_tag: guardTool(taskTagInput, { ids: { task_id: TASK } }),
    ...taskHomeGuards,
  },
});
