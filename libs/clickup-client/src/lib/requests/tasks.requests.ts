import { compact, path, pathText, query, type ClickUpRequest, type JsonValue } from '../request';
import { customTaskIdQuery, type CustomTaskIdOptions } from './custom-task-ids';
import { taskHomeRequests } from './task-homes.requests';

/** A value as Set Custom Field Value takes it; the shape depends on the field type (API-NOTES §6.2). */
export type CustomFieldValue =
  | string
  | number
  | boolean
  | string[]
  | { add?: Array<string | number>; rem?: Array<string | number> }
  | { current: number }
  | { location: { lat: number; lng: number }; formatted_address?: string };

export type CreateTaskBody = {
  name: string;
  description?: string;
  /** Wins over `description` when both are sent. */
  markdown_content?: string;
  assignees?: number[];
  group_assignees?: string[];
  tags?: string[];
  status?: string;
  /** 1 urgent, 2 high, 3 normal, 4 low, or null for none. */
  priority?: number | null;
  due_date?: number;
  due_date_time?: boolean;
  start_date?: number;
  start_date_time?: boolean;
  time_estimate?: number;
  points?: number;
  notify_all?: boolean;
  /** Makes the task a subtask; the parent must be in the same List. */
  parent?: string | null;
  links_to?: string | null;
  archived?: boolean;
  check_required_custom_fields?: boolean;
  custom_fields?: Array<{ id: string; value: CustomFieldValue | null; value_options?: { time?: boolean } }>;
  /** The task type; 0 is a plain task. */
  custom_item_id?: number | null;
};

type AddRemove<T> = { add?: T[]; rem?: T[] };

export type UpdateTaskBody = {
  name?: string;
  /** `" "` clears the description. */
  description?: string;
  markdown_content?: string;
  status?: string;
  priority?: number;
  due_date?: number;
  due_date_time?: boolean;
  start_date?: number;
  start_date_time?: boolean;
  time_estimate?: number;
  points?: number;
  /** Moves a subtask under another parent; a subtask cannot be turned back into a task. */
  parent?: string;
  archived?: boolean;
  custom_item_id?: number | null;
  assignees?: AddRemove<number>;
  group_assignees?: AddRemove<string>;
  watchers?: AddRemove<number>;
};

/** One condition of the `custom_fields` task filter, e.g. `{field_id, operator: '=', value: '1234'}`. */
export type CustomFieldFilter = { field_id: string; operator: string; value?: JsonValue };

type SharedTaskFilters = {
  /** 0-based; 100 tasks per page. */
  page?: number;
  orderBy?: 'id' | 'created' | 'updated' | 'due_date';
  reverse?: boolean;
  subtasks?: boolean;
  statuses?: string[];
  includeClosed?: boolean;
  assignees?: Array<string | number>;
  tags?: string[];
  dueDateGt?: number;
  dueDateLt?: number;
  dateCreatedGt?: number;
  dateCreatedLt?: number;
  dateUpdatedGt?: number;
  dateUpdatedLt?: number;
  dateDoneGt?: number;
  dateDoneLt?: number;
  customFields?: CustomFieldFilter[];
  /** Task types: 0 task, 1 milestone, or a custom type id. */
  customItems?: number[];
  includeMarkdownDescription?: boolean;
};

export type ListTasksFilters = SharedTaskFilters & {
  /** Include tasks whose home List is elsewhere ("Tasks in Multiple Lists"). */
  includeTiml?: boolean;
  watchers?: Array<string | number>;
  /** A filter on one custom field. */
  customField?: CustomFieldFilter;
  archived?: boolean;
};

export type TeamTasksFilters = SharedTaskFilters & {
  spaceIds?: Array<string | number>;
  /** Folder ids (ClickUp calls Folders "projects" here). */
  folderIds?: Array<string | number>;
  listIds?: Array<string | number>;
  /** Returns the subtasks of this task. */
  parent?: string;
};

export type GetTaskOptions = CustomTaskIdOptions & {
  includeSubtasks?: boolean;
  includeMarkdownDescription?: boolean;
};

export type DependencyLink =
  { dependsOn: string; dependencyOf?: undefined } | { dependencyOf: string; dependsOn?: undefined };

function sharedTaskQuery(filters: SharedTaskFilters) {
  return {
    page: filters.page,
    order_by: filters.orderBy,
    reverse: filters.reverse,
    subtasks: filters.subtasks,
    statuses: filters.statuses,
    include_closed: filters.includeClosed,
    assignees: filters.assignees,
    tags: filters.tags,
    due_date_gt: filters.dueDateGt,
    due_date_lt: filters.dueDateLt,
    date_created_gt: filters.dateCreatedGt,
    date_created_lt: filters.dateCreatedLt,
    date_updated_gt: filters.dateUpdatedGt,
    date_updated_lt: filters.dateUpdatedLt,
    date_done_gt: filters.dateDoneGt,
    date_done_lt: filters.dateDoneLt,
    // A JSON array in one parameter, not a repeated key (API-NOTES §5.4).
    custom_fields:
      filters.customFields && filters.customFields.length > 0
        ? JSON.stringify(filters.customFields)
        : undefined,
    custom_items: filters.customItems,
    include_markdown_description: filters.includeMarkdownDescription,
  };
}

function addRemove<T>(value: AddRemove<T> | undefined): { add: T[]; rem: T[] } | undefined {
  return value === undefined ? undefined : { add: value.add ?? [], rem: value.rem ?? [] };
}

export const taskRequests = {
  ...taskHomeRequests,
  create: (listId: string | number, body: CreateTaskBody): ClickUpRequest<'createTask'> => ({
    operation: 'createTask',
    method: 'POST',
    version: 'v2',
    path: path`/list/${listId}/task`,
    query: {},
    body: compact(body),
  }),
  get: (taskId: string, options: GetTaskOptions = {}): ClickUpRequest<'getTask'> => ({
    operation: 'getTask',
    method: 'GET',
    version: 'v2',
    path: path`/task/${taskId}`,
    query: query({
      ...customTaskIdQuery(options),
      include_subtasks: options.includeSubtasks,
      include_markdown_description: options.includeMarkdownDescription,
    }),
  }),
  update: (
    taskId: string,
    body: UpdateTaskBody,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'updateTask'> => ({
    operation: 'updateTask',
    method: 'PUT',
    version: 'v2',
    path: path`/task/${taskId}`,
    query: query(customTaskIdQuery(options)),
    // The spec requires both `add` and `rem` in these objects.
    body: compact({
      ...body,
      assignees: addRemove(body.assignees),
      watchers: addRemove(body.watchers),
    }),
  }),
  delete: (taskId: string, options?: CustomTaskIdOptions): ClickUpRequest<'deleteTask'> => ({
    operation: 'deleteTask',
    method: 'DELETE',
    version: 'v2',
    path: path`/task/${taskId}`,
    query: query(customTaskIdQuery(options)),
  }),
  listInList: (listId: string | number, filters: ListTasksFilters = {}): ClickUpRequest<'getTasks'> => ({
    operation: 'getTasks',
    method: 'GET',
    version: 'v2',
    path: path`/list/${listId}/task`,
    query: query({
      ...sharedTaskQuery(filters),
      include_timl: filters.includeTiml,
      watchers: filters.watchers,
      custom_field: filters.customField ? JSON.stringify(filters.customField) : undefined,
      archived: filters.archived,
    }),
  }),
  listInTeam: (
    teamId: string | number,
    filters: TeamTasksFilters = {},
  ): ClickUpRequest<'getFilteredTeamTasks'> => ({
    operation: 'getFilteredTeamTasks',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/task`,
    query: query({
      ...sharedTaskQuery(filters),
      space_ids: filters.spaceIds,
      project_ids: filters.folderIds,
      list_ids: filters.listIds,
      parent: filters.parent,
    }),
  }),
  setCustomField: (
    taskId: string,
    fieldId: string,
    body: { value: CustomFieldValue; value_options?: { time: boolean } },
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'setCustomFieldValue'> => ({
    operation: 'setCustomFieldValue',
    method: 'POST',
    version: 'v2',
    path: path`/task/${taskId}/field/${fieldId}`,
    query: query(customTaskIdQuery(options)),
    body: compact(body),
  }),
  removeCustomField: (
    taskId: string,
    fieldId: string,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'removeCustomFieldValue'> => ({
    operation: 'removeCustomFieldValue',
    method: 'DELETE',
    version: 'v2',
    path: path`/task/${taskId}/field/${fieldId}`,
    query: query(customTaskIdQuery(options)),
  }),
  /** `dependsOn`: this task waits on the other; `dependencyOf`: this task blocks the other. */
  addDependency: (
    taskId: string,
    link: DependencyLink,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'addDependency'> => ({
    operation: 'addDependency',
    method: 'POST',
    version: 'v2',
    path: path`/task/${taskId}/dependency`,
    query: query(customTaskIdQuery(options)),
    body: compact({ depends_on: link.dependsOn, dependency_of: link.dependencyOf }),
  }),
  removeDependency: (
    taskId: string,
    link: DependencyLink,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'deleteDependency'> => ({
    operation: 'deleteDependency',
    method: 'DELETE',
    version: 'v2',
    path: path`/task/${taskId}/dependency`,
    query: query({
      depends_on: link.dependsOn,
      dependency_of: link.dependencyOf,
      ...customTaskIdQuery(options),
    }),
  }),
  addTag: (
    taskId: string,
    tagName: string,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'addTagToTask'> => ({
    operation: 'addTagToTask',
    method: 'POST',
    version: 'v2',
    path: path`/task/${taskId}/tag/${pathText(tagName)}`,
    query: query(customTaskIdQuery(options)),
  }),
  removeTag: (
    taskId: string,
    tagName: string,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'removeTagFromTask'> => ({
    operation: 'removeTagFromTask',
    method: 'DELETE',
    version: 'v2',
    path: path`/task/${taskId}/tag/${pathText(tagName)}`,
    query: query(customTaskIdQuery(options)),
  }),
};
