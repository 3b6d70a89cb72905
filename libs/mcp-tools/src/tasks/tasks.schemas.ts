import { z } from 'zod';
import { changesSomething, clickUpId, idField, rule } from '../core/input-fields';
import { userRef } from '../core/people';

// ---- shared pieces

const taskId = idField('task_id from task_search, task_list_in_list or task_create');
const listId = idField('list_id from workspace_hierarchy or workspace_find');
const fieldId = z
  .string()
  .min(1)
  .describe('Custom field id (from custom_field_list or task_get), or its exact name');

export const priorityInput = z.union([
  z.number().int().min(1).max(4),
  z.enum(['urgent', 'high', 'normal', 'low']),
]);
const priority = priorityInput.describe('1 urgent, 2 high, 3 normal, 4 low (number or name)');

const assignees = z.array(userRef).max(50).describe('User ids (member_list) or "me"');

/** Epoch ms, or an ISO-8601 date/time string the tool converts. */
export const timeInput = z.union([
  z.number().nonnegative(),
  z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected epoch ms or an ISO-8601 date'),
]);
const due = timeInput.describe('Epoch ms or ISO-8601');
/** Search bounds, exclusive, in epoch ms as ClickUp takes them. */
const bound = z.number().nonnegative();

const statuses = z.array(z.string().min(1)).max(20).describe('Status names, e.g. ["to do"]');
const priorities = z.array(priorityInput).max(4).describe('Keep only these priorities');
const limit = z.number().int().min(1).max(100).default(50);
const cursor = z
  .string()
  .min(1)
  .optional()
  .describe('next_cursor of the previous call; continue while it is not null, even after a short page');
/** In listings asked for with include_description; task_get has the whole text. */
export const LISTED_DESCRIPTION_CHARS = 2000;
const includeDescription = z
  .boolean()
  .default(false)
  .describe(`Add each task's markdown description (first ${LISTED_DESCRIPTION_CHARS} chars)`);

// ---- results

function timeResult<K extends string>(name: K) {
  return { [`${name}_ms`]: z.number().nullable(), [`${name}_iso`]: z.string().nullable() } as {
    [P in `${K}_ms`]: z.ZodNullable<z.ZodNumber>;
  } & { [P in `${K}_iso`]: z.ZodNullable<z.ZodString> };
}

export const taskResult = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string().nullable(),
  priority: z.number().nullable(),
  priority_name: z.string().nullable(),
  list_id: z.string().nullable(),
  assignee_ids: z.array(z.number()),
  ...timeResult('due_date'),
  url: z.string(),
  parent_id: z.string().nullable(),
});

const taskPage = z.object({
  items: z.array(taskResult.extend({ description: z.string().nullable().optional() })),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

const person = z.object({ id: z.number(), username: z.string().nullable() });

export const taskDetail = taskResult.extend({
  custom_id: z.string().nullable(),
  description: z.string().nullable(),
  status_type: z.string().nullable(),
  archived: z.boolean(),
  list_name: z.string().nullable(),
  folder_id: z.string().nullable(),
  space_id: z.string().nullable(),
  creator: person.nullable(),
  assignees: z.array(person),
  tags: z.array(z.string()),
  ...timeResult('start_date'),
  ...timeResult('date_created'),
  ...timeResult('date_updated'),
  ...timeResult('date_closed'),
  time_estimate_ms: z.number().nullable(),
  time_spent_ms: z.number().nullable(),
  custom_fields: z.array(
    z.object({ id: z.string(), name: z.string(), type: z.string(), value: z.unknown() }),
  ),
  waiting_on: z.array(z.string()),
  blocking: z.array(z.string()),
  linked_task_ids: z.array(z.string()),
  other_list_ids: z.array(z.string()),
  checklists: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      items: z.array(z.object({ id: z.string(), name: z.string(), resolved: z.boolean() })),
    }),
  ),
  subtasks: z.array(z.object({ id: z.string(), name: z.string(), status: z.string().nullable() })).optional(),
});

export const operationResult = z.object({ ok: z.literal(true), changed: z.boolean().optional() });

// ---- inputs

const ASSIGNED_OR_NOT = [
  (a: { assignees?: readonly unknown[]; unassigned?: boolean }) =>
    !(a.unassigned && a.assignees && a.assignees.length > 0),
  rule('Give assignees or unassigned: true, not both.', 'unassigned'),
] as const;

export const taskCreateInput = z.object({
  list_id: listId.describe('Home list of the new task: list_id from workspace_hierarchy or workspace_find'),
  name: z.string().trim().min(1).max(1000),
  description: z.string().max(100_000).optional().describe('Markdown'),
  status: z.string().min(1).optional().describe('A status name of the list; default its first status'),
  priority: priority.optional(),
  assignees: assignees.optional(),
  due_date: due.optional(),
  start_date: timeInput.optional(),
  time_estimate: z.number().int().nonnegative().optional().describe('ms'),
  tags: z.array(z.string().min(1).max(100)).max(20).optional().describe('Tag names (tag_list)'),
  parent: idField('task_id of a task in the same list: makes a subtask').optional(),
});

export const taskGetInput = z
  .object({
    task_id: taskId.describe('task_id from task_search or task_list_in_list, or a custom id like ENG-12'),
    subtasks: z.boolean().default(false),
    custom_task_ids: z
      .boolean()
      .default(false)
      .describe('Optional: ENG-12 style ids are detected; needs team_id'),
    team_id: idField('Workspace id (workspace_list)').optional(),
  })
  .refine(
    (a) => !a.custom_task_ids || a.team_id !== undefined,
    rule('team_id is required when custom_task_ids is true.', 'team_id'),
  );

export const taskListInListInput = z
  .object({
    list_id: listId,
    statuses: statuses.optional(),
    assignees: assignees.optional(),
    unassigned: z.boolean().optional().describe('Only tasks nobody is assigned to'),
    priorities: priorities.optional(),
    tags: z.array(z.string()).max(20).optional(),
    include_closed: z.boolean().default(false),
    include_timl: z.boolean().default(false).describe('Also tasks whose home is another list'),
    subtasks: z.boolean().default(false),
    include_description: includeDescription,
    page: z.number().int().min(0).optional().describe('ClickUp page (100 tasks each) to start at'),
    limit,
    cursor,
  })
  .refine(...ASSIGNED_OR_NOT);

const orderBy = z.enum(['created', 'updated', 'due_date', 'id']);

export const taskSearchInput = z
  .object({
    name_contains: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Text in the task name, any case or accents'),
    space_ids: z.array(clickUpId).max(50).optional(),
    list_ids: z.array(clickUpId).max(50).optional(),
    statuses: statuses.optional(),
    assignees: assignees.optional(),
    unassigned: z.boolean().optional(),
    priorities: priorities.optional(),
    tags: z.array(z.string()).max(20).optional(),
    include_closed: z.boolean().default(false),
    subtasks: z.boolean().default(false).describe('Include subtasks'),
    include_description: includeDescription,
    due_date_gt: bound.optional().describe('Epoch ms; every *_gt/*_lt bound is exclusive'),
    due_date_lt: bound.optional(),
    date_created_gt: bound.optional(),
    date_created_lt: bound.optional(),
    date_updated_gt: bound.optional(),
    date_updated_lt: bound.optional(),
    order_by: orderBy.default('created'),
    reverse: z.boolean().default(false),
    limit,
    cursor,
  })
  .refine(...ASSIGNED_OR_NOT);

export const taskUpdateInput = z
  .object({
    task_id: taskId,
    name: z.string().trim().min(1).max(1000).optional(),
    description: z.string().max(100_000).optional().describe('Markdown; "" clears it'),
    status: z.string().min(1).optional(),
    priority: priority.optional(),
    assignees: assignees
      .optional()
      .describe('The full new set of assignees (user ids or "me"); [] unassigns all'),
    due_date: due.optional(),
    start_date: timeInput.optional(),
    time_estimate: z.number().int().nonnegative().optional().describe('ms'),
    parent: idField('Move this subtask under another task of the list').optional(),
  })
  .refine(changesSomething('task_id'), rule('Give at least one field to change.'));

export const taskIdInput = z.object({ task_id: taskId });

export const taskSetCustomFieldInput = z.object({
  task_id: taskId,
  field_id: fieldId,
  value: z
    .unknown()
    .refine((v) => v !== undefined && v !== null, 'required; use task_clear_custom_field to empty a field')
    .describe(
      'drop_down: option name or id; labels: list of names/ids; number, currency, emoji: number; date: ms or ISO; ' +
        'checkbox: boolean; users/tasks: full list of ids or {add, rem}; text types: string',
    ),
});

export const taskFieldInput = z.object({ task_id: taskId, field_id: fieldId });

export const taskDependencyInput = z.object({
  task_id: taskId,
  depends_on: idField('task_id of the other task'),
  dependency_type: z
    .enum(['waiting_on', 'blocking'])
    .default('waiting_on')
    .describe('waiting_on: task_id waits on depends_on; blocking: task_id blocks depends_on'),
});

export const taskTagInput = z.object({
  task_id: taskId,
  tag: z.string().trim().min(1).max(100).describe('Tag name (tag_list)'),
});

// ---- outputs

export const taskListOutput = taskPage;
export const taskDeleteOutput = z.object({ deleted: z.literal(true) });
export const taskSetCustomFieldOutput = operationResult.extend({
  field_id: z.string(),
  field_name: z.string(),
  value: z.unknown(),
});
