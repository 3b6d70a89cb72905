import type { Task } from '@gw/clickup-client';
import { PRIORITY_NAMES } from '../core/format';
import type { ToolContext } from '../core/tool-context';
import { invalid } from '../core/tool-error';
import { commentsOf } from '../comments/comment.scope';
import { fieldValueShown } from '../custom-fields/field-value-preview';
import { readFieldValue, writeFieldValue } from '../custom-fields/field-values';
import type { EffectPreview } from '../previews/effect-preview';
import { peopleLabels } from '../previews/people';
import { Changes, given, previewOf } from '../previews/preview-reader';
import {
  counted,
  defined,
  enumerate,
  excerpt,
  isoOf,
  oneLine,
  quoted,
  spanOf,
} from '../previews/preview-text';
import { fieldOfList, fieldOfTask, fieldWrites, type FieldLookup } from './task-fields';
import { builtInTypeName, resolveTaskType, taskTypes } from './task-types';
import { priorityLevel, priorityOf, toMs } from './task-inputs';
import { resolveUserValue, resolveUsers } from '../core/people';
import { taskHomePreviews } from './task-homes.previews';
import {
  taskCreateInput,
  taskDependencyInput,
  taskFieldInput,
  taskIdInput,
  taskSetCustomFieldInput,
  taskTagInput,
  taskUpdateInput,
} from './tasks.schemas';

/** Comment pages read to count a deleted task's comments (25 each): past 100, the preview says "at least". */
const COMMENT_PAGES = 4;

const label = (t: Pick<Task, 'id' | 'name'>) => `task ${quoted(t.name)} (${t.id})`;
const inList = (t: Task) => (t.list?.name ? ` in list ${oneLine(t.list.name)}` : '');
const target = (t: Task): EffectPreview['target'] => ({
  type: 'task',
  id: t.id,
  name: oneLine(t.name),
  url: t.url ?? `https://app.clickup.com/t/${t.id}`,
});
const priorityName = (value: Parameters<typeof priorityLevel>[0] | undefined) =>
  value === undefined ? undefined : PRIORITY_NAMES[priorityLevel(value) as keyof typeof PRIORITY_NAMES];
const descriptionOf = (t: Task) => excerpt(t.markdown_description ?? t.text_content ?? t.description);

/** People an agent named (ids or "me"), as labels; "me" is the ClickUp user the server acts as, as the call reads it. */
async function assigneeLabels(
  ctx: ToolContext,
  refs: Parameters<typeof resolveUsers>[0],
  task?: Task,
): Promise<string[] | undefined> {
  const ids = await resolveUsers(refs, ctx);
  return ids && peopleLabels(ctx, ids, task?.assignees);
}

/** A task's comments, counted over at most `COMMENT_PAGES` pages, with their thread replies. */
async function commentCount(ctx: ToolContext, taskId: string) {
  let comments = 0;
  let replies = 0;
  let more = false;
  for await (const page of commentsOf(ctx, { kind: 'task', id: taskId }, { maxPages: COMMENT_PAGES })) {
    comments += page.items.length;
    replies += page.items.reduce((sum, c) => sum + (c.reply_count ?? 0), 0);
    more = page.next !== null;
  }
  return { comments, replies, more };
}

/** A dependency's two tasks as the handler orders them: who waits on whom. */
async function dependencyOf(
  args: { task_id: string; depends_on: string; dependency_type: string },
  ctx: ToolContext,
) {
  const [task, other] = await Promise.all([
    ctx.scope.task(ctx.client, args.task_id),
    ctx.scope.task(ctx.client, args.depends_on),
  ]);
  const waiting = args.dependency_type === 'waiting_on';
  const [waiter, blocker] = waiting ? [task.id, other.id] : [other.id, task.id];
  const exists = task.dependencies.some((d) => d.task_id === waiter && d.depends_on === blocker);
  const field = waiting ? 'waiting_on' : 'blocking';
  const current = waiting
    ? task.dependencies.filter((d) => d.task_id === task.id).map((d) => d.depends_on)
    : task.dependencies.filter((d) => d.depends_on === task.id).map((d) => d.task_id);
  const relation = waiting ? `wait on ${label(other)}` : `block ${label(other)}`;
  return { task, other, exists, field, current, relation };
}

/** The custom fields a create or update would set, as approvers read them: each field's name, from and to. */
async function fieldChanges(
  ctx: ToolContext,
  entries: Parameters<typeof fieldWrites>[1],
  find: FieldLookup,
): Promise<{ field: string; from: unknown; to: unknown }[]> {
  const writes = await fieldWrites(ctx, entries, find);
  return Promise.all(
    writes.map(async ({ field, write }) => ({
      field: oneLine(field.name),
      from: await fieldValueShown(ctx, field, 'value' in field ? readFieldValue(field) : null),
      to: await fieldValueShown(ctx, field, write.readable),
    })),
  );
}

/** A task's current type by name, for the `from` of a type change. */
async function typeOf(ctx: ToolContext, id: number | null): Promise<string> {
  const builtIn = builtInTypeName(id);
  if (builtIn !== undefined) return builtIn ?? 'Task';
  return (await taskTypes(ctx)).find((t) => t.id === id)?.name ?? `type ${id}`;
}

export const tasksPreviews = {
  task_create: previewOf(taskCreateInput, async (args, ctx) => {
    const [list, parent, assignees, taskType, fields] = await Promise.all([
      ctx.scope.list(ctx.client, args.list_id),
      args.parent ? ctx.scope.task(ctx.client, args.parent) : null,
      assigneeLabels(ctx, args.assignees),
      args.task_type === undefined ? undefined : resolveTaskType(ctx, args.task_type),
      fieldChanges(ctx, args.custom_fields, (ref, path) => fieldOfList(ctx, args.list_id, ref, path)),
    ]);
    const under = parent ? ` as a subtask of ${label(parent)}` : '';
    return {
      kind: 'create',
      summary: `Creates task ${quoted(args.name)} in list ${oneLine(list.name)}${under}`,
      proposed: defined({
        name: oneLine(args.name),
        description: args.description === undefined ? undefined : excerpt(args.description),
        status: args.status && oneLine(args.status),
        priority: priorityName(args.priority),
        assignees,
        due_date: args.due_date === undefined ? undefined : isoOf(toMs(args.due_date)),
        start_date: args.start_date === undefined ? undefined : isoOf(toMs(args.start_date)),
        time_estimate: args.time_estimate === undefined ? undefined : spanOf(args.time_estimate),
        tags: args.tags?.map((t) => oneLine(t)),
        parent: parent ? `${oneLine(parent.name)} (${parent.id})` : undefined,
        task_type: taskType && oneLine(taskType.name),
        custom_fields: fields.length > 0 ? Object.fromEntries(fields.map((f) => [f.field, f.to])) : undefined,
      }),
      location: { type: 'list', id: list.id, name: oneLine(list.name) },
      tasks_touched: 1,
    };
  }),

  task_update: previewOf(taskUpdateInput, async (args, ctx) => {
    const task = await ctx.scope.task(ctx.client, args.task_id);
    const [assignees, parent, taskType, fields] = await Promise.all([
      assigneeLabels(ctx, args.assignees, task),
      args.parent ? ctx.scope.task(ctx.client, args.parent) : undefined,
      args.task_type === undefined ? undefined : resolveTaskType(ctx, args.task_type),
      fieldChanges(ctx, args.custom_fields, (ref, path) => fieldOfTask(ctx, task, ref, path)),
    ]);
    const changes = new Changes()
      .add('name', given(args.name, oneLine), oneLine(task.name))
      .add('description', given(args.description, excerpt), descriptionOf(task))
      .add('status', given(args.status, oneLine), task.status?.status ?? null)
      .add('priority', priorityName(args.priority), priorityOf(task.priority).priority_name)
      .add(
        'assignees',
        assignees,
        assignees &&
          (await peopleLabels(
            ctx,
            task.assignees.map((a) => a.id),
            task.assignees,
          )),
      )
      .add(
        'due_date',
        given(args.due_date, (v) => isoOf(toMs(v))),
        isoOf(task.due_date),
      )
      .add(
        'start_date',
        given(args.start_date, (v) => isoOf(toMs(v))),
        isoOf(task.start_date),
      )
      .add('time_estimate', given(args.time_estimate, spanOf), spanOf(task.time_estimate))
      .add(
        'parent',
        given(parent, (p) => `${oneLine(p.name)} (${p.id})`),
        task.parent && `task ${task.parent}`,
      )
      .add(
        'task_type',
        given(taskType, (t) => oneLine(t.name)),
        taskType && (await typeOf(ctx, task.custom_item_id)),
      );
    for (const f of fields) changes.add(`custom field ${f.field}`, f.to, f.from);
    return {
      kind: 'update',
      summary: `Updates ${label(task)}${inList(task)}${changes.phrase()}`,
      target: target(task),
      changes: changes.list,
      tasks_touched: 1,
    };
  }),

  task_delete: previewOf(taskIdInput, async (args, ctx) => {
    const [task, talk] = await Promise.all([
      ctx.scope.task(ctx.client, args.task_id, { includeSubtasks: true }),
      commentCount(ctx, args.task_id),
    ]);
    const subtasks = new Set((task.subtasks ?? []).map((s) => s.id)).size;
    const counts: Record<string, number> = { subtasks, comments: talk.comments };
    if (talk.replies > 0) counts['replies'] = talk.replies;
    if (task.checklists.length > 0) counts['checklists'] = task.checklists.length;
    if (task.attachments.length > 0) counts['attachments'] = task.attachments.length;
    const parts = [
      counted(subtasks, 'subtask'),
      talk.more ? `at least ${talk.comments} comments` : counted(talk.comments, 'comment'),
      ...(counts['checklists'] ? [counted(counts['checklists'], 'checklist')] : []),
      ...(counts['attachments'] ? [counted(counts['attachments'], 'attachment')] : []),
    ];
    return {
      kind: 'delete',
      summary: `Deletes ${label(task)}${inList(task)} with ${enumerate(parts)}`,
      target: target(task),
      counts,
      tasks_touched: 1 + subtasks,
    };
  }),

  task_set_custom_field: previewOf(taskSetCustomFieldInput, async (args, ctx) => {
    const task = await ctx.scope.task(ctx.client, args.task_id);
    const field = await fieldOfTask(ctx, task, args.field_id);
    const value = field.type === 'users' ? await resolveUserValue(args.value, ctx, 'value') : args.value;
    // An invalid value refuses the call here, as the handler would, rather than wait for an approval in vain.
    const write = writeFieldValue(field, value, null);
    const from = 'value' in field ? readFieldValue(field) : null;
    return {
      kind: 'update',
      summary: `Sets custom field ${quoted(field.name)} on ${label(task)}${inList(task)}`,
      target: target(task),
      changes: [
        {
          field: oneLine(field.name),
          from: await fieldValueShown(ctx, field, from),
          to: await fieldValueShown(ctx, field, write.readable),
        },
      ],
      tasks_touched: 1,
    };
  }),

  task_clear_custom_field: previewOf(taskFieldInput, async (args, ctx) => {
    const task = await ctx.scope.task(ctx.client, args.task_id);
    const field = await fieldOfTask(ctx, task, args.field_id);
    const from = 'value' in field ? readFieldValue(field) : null;
    return {
      kind: 'update',
      summary: `Clears custom field ${quoted(field.name)} on ${label(task)}${inList(task)}`,
      target: target(task),
      changes: [{ field: oneLine(field.name), from: await fieldValueShown(ctx, field, from), to: null }],
      tasks_touched: 1,
    };
  }),

  task_add_dependency: previewOf(taskDependencyInput, async (args, ctx) => {
    const d = await dependencyOf(args, ctx);
    if (d.task.id === d.other.id) throw invalid('A task cannot depend on itself.', 'depends_on');
    return {
      kind: 'create',
      summary: `Makes ${label(d.task)} ${d.relation}${d.exists ? ' (already so: changes nothing)' : ''}`,
      target: target(d.task),
      changes: [{ field: d.field, from: d.current, to: d.exists ? d.current : [...d.current, d.other.id] }],
      tasks_touched: 1,
    };
  }),

  task_remove_dependency: previewOf(taskDependencyInput, async (args, ctx) => {
    const d = await dependencyOf(args, ctx);
    return {
      kind: 'delete',
      summary: `Stops ${label(d.task)} having to ${d.relation}${d.exists ? '' : ' (not so now: changes nothing)'}`,
      target: target(d.task),
      changes: [{ field: d.field, from: d.current, to: d.current.filter((id) => id !== d.other.id) }],
      tasks_touched: 1,
    };
  }),

  task_add_tag: previewOf(taskTagInput, async (args, ctx) => {
    const task = await ctx.scope.task(ctx.client, args.task_id);
    const tags = task.tags.map((t) => oneLine(t.name));
    const has = task.tags.some((t) => t.name.toLowerCase() === args.tag.toLowerCase());
    return {
      kind: 'create',
      summary: `Adds tag ${quoted(args.tag)} to ${label(task)}${has ? ' (already tagged: changes nothing)' : ''}`,
      target: target(task),
      changes: [{ field: 'tags', from: tags, to: has ? tags : [...tags, oneLine(args.tag)] }],
      tasks_touched: 1,
    };
  }),

  task_remove_tag: previewOf(taskTagInput, async (args, ctx) => {
    const task = await ctx.scope.task(ctx.client, args.task_id);
    const tags = task.tags.map((t) => oneLine(t.name));
    const kept = task.tags
      .filter((t) => t.name.toLowerCase() !== args.tag.toLowerCase())
      .map((t) => oneLine(t.name));
    const has = kept.length < tags.length;
    return {
      kind: 'delete',
      summary: `Removes tag ${quoted(args.tag)} from ${label(task)}${has ? '' : ' (not tagged: changes nothing)'}`,
      target: target(task),
      changes: [{ field: 'tags', from: tags, to: kept }],
      tasks_touched: 1,
    };
  }),
  ...taskHomePreviews,
};
