import { Injectable } from '@nestjs/common';
import { ClickUpError, type UpdateTaskBody } from '@gw/clickup-client';
import { CREATE, DELETE, defineTool, READ, UPDATE, type ToolGroup } from '../core/tool';
import type { ToolContext } from '../core/tool-context';
import { invalid } from '../core/tool-error';
import { writeFieldValue } from '../custom-fields/field-values';
import { fieldOfList, fieldOfTask, fieldWrites } from './task-fields';
import { builtInTypeName, resolveTaskType, taskTypes } from './task-types';
import { notApplied, notAppliedFields, notAppliedToTask, type FieldAsk } from './task-verify';
import { clientSideFilter } from './task-filters';
import { assigneeChange, priorityLevel, taskGetOptions, toMs } from './task-inputs';
import { resolveUserValue, resolveUsers } from '../core/people';
import { pageResult, startPosition, takeMatching } from './task-pages';
import { taskHomeTools } from './task-homes.tools';
import { tasksGuard } from './tasks.guard';
import { toListedTask, toTaskDetail, toTaskResult } from './task-view';
import {
  operationResult,
  taskCreateInput,
  taskDeleteOutput,
  taskDependencyInput,
  taskDetail,
  taskFieldInput,
  taskGetInput,
  taskIdInput,
  taskListInListInput,
  taskListOutput,
  taskResult,
  taskSearchInput,
  taskSetCustomFieldInput,
  taskSetCustomFieldOutput,
  taskTagInput,
  taskUpdateInput,
} from './tasks.schemas';

const ADD: typeof CREATE = { ...CREATE, idempotentHint: true };

/** A task type's name for task_get: built-in ones without a read; a workspace's own from its types, if readable. */
async function typeNameOf(ctx: ToolContext, id: number | null): Promise<string | null | undefined> {
  const builtIn = builtInTypeName(id);
  if (builtIn !== undefined) return builtIn;
  try {
    return (await taskTypes(ctx)).find((t) => t.id === id)?.name;
  } catch (error) {
    // The task reads without its type's name rather than not at all.
    if (error instanceof ClickUpError) return undefined;
    throw error;
  }
}

@Injectable()
export class TasksTools implements ToolGroup {
  readonly guard = tasksGuard;
  readonly tools = [
    defineTool({
      name: 'task_create',
      title: 'Create task',
      description: 'Creates a task in a list (with parent, a subtask) and returns it.',
      method: 'create',
      tags: ['tasks'],
      input: taskCreateInput,
      output: taskResult,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const [assignees, taskType, fields] = await Promise.all([
          resolveUsers(args.assignees, ctx),
          args.task_type === undefined ? undefined : resolveTaskType(ctx, args.task_type),
          fieldWrites(ctx, args.custom_fields, (ref, path) => fieldOfList(ctx, args.list_id, ref, path)),
        ]);
        const body = {
          name: args.name,
          markdown_content: args.description,
          status: args.status,
          priority: args.priority === undefined ? undefined : priorityLevel(args.priority),
          assignees,
          due_date: toMs(args.due_date),
          start_date: toMs(args.start_date),
          time_estimate: args.time_estimate,
          tags: args.tags,
          parent: args.parent,
          custom_item_id: taskType?.id,
          custom_fields:
            fields.length > 0 ? fields.map((f) => ({ id: f.field.id, value: f.write.value })) : undefined,
        };
        const { data } = await ctx.client.tasks.create(args.list_id, body);
        // ClickUp answers with the new task and its fields: what it did not keep shows without another read.
        notApplied(ctx, [
          ...notAppliedToTask({ ...body, task_type: taskType }, data),
          ...notAppliedFields(fields, data.custom_fields),
        ]);
        return toTaskResult(data);
      },
    }),
    defineTool({
      name: 'task_get',
      title: 'Get task',
      description:
        'One task in full: description, dates, people, tags, custom fields, relations, checklists, subtasks if asked.',
      method: 'get',
      tags: ['tasks'],
      input: taskGetInput,
      output: taskDetail,
      annotations: READ,
      handler: async (args, ctx) => {
        const options = taskGetOptions(args, ctx.scope.workspaceId);
        const task = await ctx.scope.task(ctx.client, args.task_id, options);
        return toTaskDetail(task, args.subtasks, await typeNameOf(ctx, task.custom_item_id));
      },
    }),
    defineTool({
      name: 'task_list_in_list',
      title: 'List tasks in a list',
      description: "A list's tasks (open ones by default) by status, people, priority, tag.",
      method: 'list',
      tags: ['tasks'],
      input: taskListInListInput,
      output: taskListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const keep = clientSideFilter(args, ctx);
        const filters = {
          statuses: args.statuses,
          assignees: await resolveUsers(args.assignees, ctx),
          tags: args.tags,
          includeClosed: args.include_closed,
          includeTiml: args.include_timl,
          subtasks: args.subtasks,
          includeMarkdownDescription: args.include_description || undefined,
        };
        const taken = await takeMatching(
          (startPage, maxPages) => ctx.client.listTaskPages(args.list_id, filters, { startPage, maxPages }),
          startPosition('task_list_in_list', args.cursor, args.page),
          args.limit,
          keep,
        );
        return pageResult('task_list_in_list', taken, args.include_description ? toListedTask : toTaskResult);
      },
    }),
    defineTool({
      name: 'task_search',
      title: 'Search tasks',
      description:
        'Tasks of the workspace (or some spaces/lists) by name, status, people, priority, tag, dates (*_gt/*_lt exclusive); open ones by default.',
      method: 'list',
      tags: ['tasks'],
      input: taskSearchInput,
      output: taskListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        // A pinned server searches its own spaces: those asked for among them (the guard refused none), or all.
        const pinned = ctx.scope.spaceIds;
        const spaceIds = pinned
          ? (args.space_ids?.filter((id) => ctx.scope.allowsSpace(id)) ?? pinned)
          : args.space_ids;
        const keep = clientSideFilter(args, ctx);
        const filters = {
          spaceIds,
          listIds: args.list_ids,
          statuses: args.statuses,
          assignees: await resolveUsers(args.assignees, ctx),
          tags: args.tags,
          includeClosed: args.include_closed,
          subtasks: args.subtasks,
          dueDateGt: toMs(args.due_date_gt),
          dueDateLt: toMs(args.due_date_lt),
          dateCreatedGt: toMs(args.date_created_gt),
          dateCreatedLt: toMs(args.date_created_lt),
          dateUpdatedGt: toMs(args.date_updated_gt),
          dateUpdatedLt: toMs(args.date_updated_lt),
          orderBy: args.order_by,
          reverse: args.reverse,
          includeMarkdownDescription: args.include_description || undefined,
        };
        const teamId = ctx.scope.workspaceId;
        const taken = await takeMatching(
          (startPage, maxPages) => ctx.client.teamTaskPages(teamId, filters, { startPage, maxPages }),
          startPosition('task_search', args.cursor),
          args.limit,
          keep,
        );
        return pageResult('task_search', taken, args.include_description ? toListedTask : toTaskResult);
      },
    }),
    defineTool({
      name: 'task_update',
      title: 'Update task',
      description: 'Changes the given fields of a task (assignees: the full new set) and returns it.',
      method: 'update',
      tags: ['tasks'],
      input: taskUpdateInput,
      output: taskResult,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const current = await ctx.scope.task(ctx.client, args.task_id);
        const [wanted, taskType, fields] = await Promise.all([
          resolveUsers(args.assignees, ctx),
          args.task_type === undefined ? undefined : resolveTaskType(ctx, args.task_type),
          fieldWrites(ctx, args.custom_fields, (ref, path) => fieldOfTask(ctx, current, ref, path)),
        ]);
        const people = wanted
          ? assigneeChange(
              current.assignees.map((a) => a.id),
              wanted,
            )
          : undefined;
        const body: UpdateTaskBody = {
          name: args.name,
          // ClickUp clears a description sent as one space (API-NOTES §5.3).
          ...(args.description === undefined
            ? {}
            : args.description.trim() === ''
              ? { description: ' ' }
              : { markdown_content: args.description }),
          status: args.status,
          priority: args.priority === undefined ? undefined : priorityLevel(args.priority),
          due_date: toMs(args.due_date),
          start_date: toMs(args.start_date),
          time_estimate: args.time_estimate,
          parent: args.parent,
          assignees: people && (people.add.length > 0 || people.rem.length > 0) ? people : undefined,
          custom_item_id: taskType?.id,
        };
        const asked = { ...body, assignees: wanted, task_type: taskType };
        let task = current;
        if (Object.values(body).some((v) => v !== undefined)) {
          task = (await ctx.client.tasks.update(current.id, body)).data;
          notApplied(ctx, notAppliedToTask(asked, task));
        }
        if (fields.length === 0) return toTaskResult(task);
        // ClickUp's update takes no custom fields: one call per field, then one read to see what each kept.
        const refused = new Set<FieldAsk>();
        for (const f of fields) {
          try {
            await ctx.client.tasks.setCustomField(current.id, f.field.id, { value: f.write.value });
          } catch (error) {
            // The task's own fields are written already: a refused field is reported, not the whole call.
            if (!(error instanceof ClickUpError)) throw error;
            refused.add(f);
            notApplied(ctx, [
              {
                code: 'NOT_APPLIED',
                message: `custom field "${f.field.name}": ClickUp refused it: ${error.message}`,
                path: f.path,
                ...(error.upstreamStatus === null ? {} : { upstream_status: error.upstreamStatus }),
              },
            ]);
          }
        }
        task = (await ctx.client.tasks.get(current.id)).data;
        notApplied(
          ctx,
          notAppliedFields(
            fields.filter((f) => !refused.has(f)),
            task.custom_fields,
          ),
        );
        return toTaskResult(task);
      },
    }),
    defineTool({
      name: 'task_delete',
      title: 'Delete task',
      description: 'Deletes a task and its subtasks. Cannot be undone.',
      method: 'delete',
      tags: ['tasks'],
      input: taskIdInput,
      output: taskDeleteOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        await ctx.client.tasks.delete(args.task_id);
        return { deleted: true as const };
      },
    }),
    defineTool({
      name: 'task_set_custom_field',
      title: 'Set custom field',
      description:
        "Sets a custom field's value on a task; custom_field_list shows fields, types and options.",
      method: 'update',
      tags: ['tasks'],
      input: taskSetCustomFieldInput,
      output: taskSetCustomFieldOutput,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const task = await ctx.scope.task(ctx.client, args.task_id);
        const field = await fieldOfTask(ctx, task, args.field_id);
        // People by id, "me", email or name, like every user argument.
        const value = field.type === 'users' ? await resolveUserValue(args.value, ctx, 'value') : args.value;
        const write = writeFieldValue(field, value, null);
        await ctx.client.tasks.setCustomField(task.id, field.id, { value: write.value });
        // ClickUp answers {}: one read shows whether it kept the value (a person outside the workspace it drops).
        const kept = (await ctx.client.tasks.get(task.id)).data;
        notApplied(ctx, notAppliedFields([{ path: 'value', field, write }], kept.custom_fields));
        return { ok: true as const, field_id: field.id, field_name: field.name, value: write.readable };
      },
    }),
    defineTool({
      name: 'task_clear_custom_field',
      title: 'Clear custom field',
      description: "Empties a custom field's value on a task. Idempotent.",
      method: 'update',
      tags: ['tasks'],
      input: taskFieldInput,
      output: operationResult,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const task = await ctx.scope.task(ctx.client, args.task_id);
        const field = await fieldOfTask(ctx, task, args.field_id);
        await ctx.client.tasks.removeCustomField(task.id, field.id);
        return { ok: true as const };
      },
    }),
    defineTool({
      name: 'task_add_dependency',
      title: 'Add dependency',
      description: 'Makes task_id wait on depends_on (default) or block it; changed is false if it existed.',
      method: 'create',
      tags: ['tasks'],
      input: taskDependencyInput,
      output: operationResult,
      annotations: ADD,
      handler: async (args, ctx) => {
        const [task, other] = await Promise.all([
          ctx.scope.task(ctx.client, args.task_id),
          ctx.scope.task(ctx.client, args.depends_on),
        ]);
        if (task.id === other.id) throw invalid('A task cannot depend on itself.', 'depends_on');
        const waiting = args.dependency_type === 'waiting_on';
        const [waiter, blocker] = waiting ? [task.id, other.id] : [other.id, task.id];
        if (task.dependencies.some((d) => d.task_id === waiter && d.depends_on === blocker)) {
          return { ok: true as const, changed: false };
        }
        await ctx.client.tasks.addDependency(
          task.id,
          waiting ? { dependsOn: other.id } : { dependencyOf: other.id },
        );
        return { ok: true as const, changed: true };
      },
    }),
    defineTool({
      name: 'task_remove_dependency',
      title: 'Remove dependency',
      description: 'Removes a waiting_on or blocking relation between two tasks.',
      method: 'delete',
      tags: ['tasks'],
      input: taskDependencyInput,
      output: operationResult,
      annotations: DELETE,
      handler: async (args, ctx) => {
        const [task, other] = await Promise.all([
          ctx.scope.task(ctx.client, args.task_id),
          ctx.scope.task(ctx.client, args.depends_on),
        ]);
        const waiting = args.dependency_type === 'waiting_on';
        const [waiter, blocker] = waiting ? [task.id, other.id] : [other.id, task.id];
        const existed = task.dependencies.some((d) => d.task_id === waiter && d.depends_on === blocker);
        await ctx.client.tasks.removeDependency(
          task.id,
          waiting ? { dependsOn: other.id } : { dependencyOf: other.id },
        );
        return { ok: true as const, changed: existed };
      },
    }),
    defineTool({
      name: 'task_add_tag',
      title: 'Add tag to task',
      description: 'Adds a space tag (tag_list) to a task. Idempotent.',
      method: 'create',
      tags: ['tasks'],
      input: taskTagInput,
      output: operationResult,
      annotations: ADD,
      handler: async (args, ctx) => {
        const task = await ctx.scope.task(ctx.client, args.task_id);
        if (task.tags.some((t) => t.name.toLowerCase() === args.tag.toLowerCase())) {
          return { ok: true as const, changed: false };
        }
        await ctx.client.tasks.addTag(task.id, args.tag);
        return { ok: true as const, changed: true };
      },
    }),
    defineTool({
      name: 'task_remove_tag',
      title: 'Remove tag from task',
      description: 'Removes a tag from a task (it stays in the space).',
      method: 'delete',
      tags: ['tasks'],
      input: taskTagInput,
      output: operationResult,
      annotations: DELETE,
      handler: async (args, ctx) => {
        const task = await ctx.scope.task(ctx.client, args.task_id);
        const tag = task.tags.find((t) => t.name.toLowerCase() === args.tag.toLowerCase());
        if (!tag) return { ok: true as const, changed: false };
        await ctx.client.tasks.removeTag(task.id, tag.name);
        return { ok: true as const, changed: true };
      },
    }),
    ...taskHomeTools,
  ];
}
