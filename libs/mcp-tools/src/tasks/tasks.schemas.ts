import { z } from 'zod';
import { changesSomething, clickUpId, idField, rule, timeField } from '../core/input-fields';
import { userRefs } from '../core/people';

// ---- shared pieces

const taskId = idField('From task_search');
const listId = idField('From workspace_hierarchy');
const fieldId = z.string().min(1).describe('Field id (custom_field_list) or name');

export const priorityInput = z.union([
  z.number().int().min(1).max(4),
  z.enum(['urgent', 'high', 'normal', 'low']),
]);
const priority = priorityInput.describe('1 urgent, 2 high, 3 normal, 4 low');

const assignees = userRefs();

/** @deprecated The former name of `timeField` (core/input-fields.ts), the one time argument of every tool. */
export const timeInput = timeField;
const due = timeField;
/** Search bounds, exclusive. */
const bound = timeField;

/** ClickUp's `custom_item_id`, by id or name: resolved against the workspace's types. */
const taskType = z
  .union([z.number().int().nonnegative(), z.string().trim().min(1).max(100)])
  .describe('Type name or id, e.g. Milestone');

const fieldValue = z
  .unknown()
  .refine((v) => v !== undefined && v !== null, 'required; use task_clear_custom_field to empty a field');

/** Custom field values set with the task, each as task_set_custom_field takes it. */
const customFields = z
  .array(
    z.object({
      field: z.string().min(1).describe('Field id or exact name'),
      value: fieldValue.describe('As in task_set_custom_field'),
    }),
  )
  .max(30)
  .describe('Custom field values to set');

const statuses = z.array(z.string().min(1)).max(20).describe('Status names, e.g. ["to do"]');
const priorities = z.array(priorityInput).max(4).describe('Keep only these priorities');
const limit = z.number().int().min(1).max(100).default(50).describe('Page size');
const cursor = z.string().min(1).optional().describe('next_cursor');
/** In listings asked for with include_description; task_get has the whole text. */
export const LISTED_DESCRIPTION_CHARS = 2000;
const includeDescription = z
  .boolean()
  .default(false)
  .describe(`Add descriptions (${LISTED_DESCRIPTION_CHARS} chars)`);

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
  /** ClickUp's custom_item_id, only for tasks of another type than Task (0). */
  task_type_id: z.number().optional(),
});

const taskPage = z.object({
  items: z.array(taskResult.extend({ description: z.string().nullable().optional() })),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

const person = z.object({ id: z.number(), username: z.string().nullable() });

export const taskDetail = taskResult.extend({
  custom_id: z.string().nullable(),
  /** The type's name, beside task_type_id. */
  task_type: z.string().optional(),
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
  list_id: listId.describe('From workspace_hierarchy'),
  name: z.string().trim().min(1).max(1000).describe('Task name'),
  description: z.string().max(100_000).optional().describe('Markdown'),
  status: z.string().min(1).optional().describe("Status name; default the list's first"),
  priority: priority.optional(),
  assignees: assignees.optional(),
  due_date: due.optional(),
  start_date: timeField.optional(),
  time_estimate: z.number().int().nonnegative().optional().describe('ms'),
  tags: z.array(z.string().min(1).max(100)).max(20).optional().describe('Tag names (tag_list)'),
  parent: idField('Parent task (same list): a subtask').optional(),
  task_type: taskType.optional(),
  custom_fields: customFields.optional(),
});

export const taskGetInput = z
  .object({
    task_id: taskId.describe('From task_search, or a custom id (ENG-12)'),
    subtasks: z.boolean().default(false).describe('Include subtasks'),
    custom_task_ids: z.boolean().default(false).describe('Optional: ENG-12 style ids are detected'),
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
    tags: z.array(z.string()).max(20).optional().describe('Tag names'),
    include_closed: z.boolean().default(false).describe('Also closed tasks'),
    include_timl: z.boolean().default(false).describe('Also tasks whose home is another list'),
    subtasks: z.boolean().default(false).describe('Include subtasks'),
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
    space_ids: z.array(clickUpId).max(50).optional().describe('From workspace_hierarchy'),
    list_ids: z.array(clickUpId).max(50).optional().describe('From workspace_hierarchy'),
    statuses: statuses.optional(),
    assignees: assignees.optional(),
    unassigned: z.boolean().optional().describe('Only unassigned tasks'),
    priorities: priorities.optional(),
    tags: z.array(z.string()).max(20).optional().describe('Tag names'),
    include_closed: z.boolean().default(false).describe('Also closed tasks'),
    subtasks: z.boolean().default(false).describe('Include subtasks'),
    include_description: includeDescription,
    due_date_gt: bound.optional(),
    due_date_lt: bound.optional(),
    date_created_gt: bound.optional(),
    date_created_lt: bound.optional(),
    date_updated_gt: bound.optional(),
    date_updated_lt: bound.optional(),
    order_by: orderBy.default('created').describe('Sort field'),
    reverse: z.boolean().default(false).describe('Oldest first'),
    limit,
    cursor,
  })
  .refine(...ASSIGNED_OR_NOT);

export const taskUpdateInput = z
  .object({
    task_id: taskId,
    name: z.string().trim().min(1).max(1000).optional().describe('New name'),
    description: z.string().max(100_000).optional().describe('Markdown; "" clears it'),
    status: z.string().min(1).optional().describe('A status of its list'),
    priority: priority.optional(),
    assignees: assignees.optional().describe('The new set (ids, "me", emails, names); [] clears'),
    due_date: due.optional(),
    start_date: timeField.optional(),
    time_estimate: z.number().int().nonnegative().optional().describe('ms'),
    parent: idField('New parent task (same list)').optional(),
    task_type: taskType.optional(),
    custom_fields: customFields.optional(),
  })
  .refine(changesSomething('task_id'), rule('Give at least one field to change.'));

export const taskIdInput = z.object({ task_id: taskId });

export const taskSetCustomFieldInput = z.object({
  task_id: taskId,
  field_id: fieldId,
  value: fieldValue.describe(
    'drop_down: option name/id; labels: names/ids; numbers; date: time; checkbox: boolean; users ' +
      '(ids, "me", emails, names), tasks (ids): full list or {add, rem}; text',
  ),
});

export const taskFieldInput = z.object({ task_id: taskId, field_id: fieldId });

export const taskDependencyInput = z.object({
  task_id: taskId,
  depends_on: idField('task_id of the other task'),
  dependency_type: z
    .enum(['waiting_on', 'blocking'])
    .default('waiting_on')
    .describe('waiting_on: task_id waits on depends_on'),
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
