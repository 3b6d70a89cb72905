import { Injectable } from '@nestjs/common';
import type { UpdateTaskBody } from '@gw/clickup-client';
import { CREATE, DELETE, defineTool, READ, UPDATE, type ToolGroup } from '../core/tool';
import { invalid } from '../core/tool-error';
import { writeFieldValue } from '../custom-fields/field-values';
import { fieldOfTask } from './task-fields';
import { clientSideFilter } from './task-filters';
import { assigneeChange, mentionsMe, priorityLevel, taskGetOptions, toMs } from './task-inputs';
import { resolveUsers } from '../core/people';
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

@Injectable()
export class TasksTools implements ToolGroup {
  readonly guard = tasksGuard;
  readonly tools = [
    defineTool({
      name: 'task_create',
      title: 'Create task',
      description:
        'Creates a task in a list (Workspace → Space → Folder → List → Task); with parent, a subtask. ' +
        'Returns the new task.',
      method: 'create',
      tags: ['tasks'],
      input: taskCreateInput,
      output: taskResult,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.tasks.create(args.list_id, {
          name: args.name,
          markdown_content: args.description,
          status: args.status,
          priority: args.priority === undefined ? undefined : priorityLevel(args.priority),
          assignees: await resolveUsers(args.assignees, ctx),
          due_date: toMs(args.due_date),
          start_date: toMs(args.start_date),
          time_estimate: args.time_estimate,
          tags: args.tags,
          parent: args.parent,
        });
        return toTaskResult(data);
      },
    }),
    defineTool({
      name: 'task_get',
      title: 'Get task',
      description:
        'One task in full: description, status, dates, assignees, tags, custom field values (drop-downs by ' +
        'option name), dependencies, checklists, list/folder/space ids, and subtasks if asked.',
      method: 'get',
      tags: ['tasks'],
      input: taskGetInput,
      output: taskDetail,
      annotations: READ,
      handler: async (args, ctx) => {
        const options = taskGetOptions(args, ctx.scope.workspaceId);
        return toTaskDetail(await ctx.scope.task(ctx.client, args.task_id, options), args.subtasks);
      },
    }),
    defineTool({
      name: 'task_list_in_list',
      title: 'List tasks in a list',
      description:
        "A list's tasks, open ones by default, filtered by status, assignee (or unassigned), priority and tag. " +
        'Pages with limit and next_cursor.',
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
        'Finds tasks across the workspace (or some spaces/lists) by name text, status, assignee ("me" for ' +
        'my tasks), priority, tag and date ranges. Open tasks by default. Pages with limit and next_cursor.',
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
      description:
        'Changes only the fields given (name, description, status, priority, assignees as the full new set, ' +
        'dates, estimate, parent). Returns the updated task.',
      method: 'update',
      tags: ['tasks'],
      input: taskUpdateInput,
      output: taskResult,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const current = await ctx.scope.task(ctx.client, args.task_id);
        const wanted = await resolveUsers(args.assignees, ctx);
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
        };
        if (Object.values(body).every((v) => v === undefined)) return toTaskResult(current);
        const { data } = await ctx.client.tasks.update(current.id, body);
        return toTaskResult(data);
      },
    }),
    defineTool({
      name: 'task_delete',
      title: 'Delete task',
      description: 'Permanently deletes a task and its subtasks. Cannot be undone.',
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
        "Sets or replaces a custom field's value on a task. Drop-downs take the option name; " +
        'custom_field_list shows fields, types and options.',
      method: 'update',
      tags: ['tasks'],
      input: taskSetCustomFieldInput,
      output: taskSetCustomFieldOutput,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const task = await ctx.scope.task(ctx.client, args.task_id);
        const field = await fieldOfTask(ctx, task, args.field_id);
        const me =
          field.type === 'users' && mentionsMe(args.value)
            ? Number((await ctx.client.user.me()).data.id)
            : null;
        const write = writeFieldValue(field, args.value, me);
        await ctx.client.tasks.setCustomField(task.id, field.id, { value: write.value });
        return { ok: true as const, field_id: field.id, field_name: field.name, value: write.readable };
      },
    }),
    defineTool({
      name: 'task_clear_custom_field',
      title: 'Clear custom field',
      description: "Empties a custom field's value on a task (the field itself stays). Idempotent.",
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
      description:
        'Makes task_id wait on depends_on (waiting_on, default) or block it (blocking). Idempotent; changed ' +
        'is false when it already existed.',
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
      description: 'Removes a waiting_on or blocking relation between two tasks. Idempotent.',
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
      description: "Adds a tag (see tag_list for the space's tags) to a task. Idempotent.",
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
      description: 'Removes a tag from a task; the tag stays defined in the space. Idempotent.',
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
