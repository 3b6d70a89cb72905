import { path, query, type ClickUpRequest } from '../request';
import { customTaskIdQuery, type CustomTaskIdOptions } from './custom-task-ids';

/** One status of the task's current List and the status of the new List it becomes (v3 Move Task). */
export type StatusMapping = { source_status_id: string; destination_status_id: string };

/** The most task ids one Bulk Time in Status request takes (API-NOTES §5.1). */
export const MAX_BULK_TIME_IN_STATUS_TASKS = 100;

/**
 * Where a task lives and what it is tied to: its home List (v3 Move Task), the further Lists it is kept in (Tasks in
 * Multiple Lists), its links to other tasks, and how long it has sat in each status.
 */
export const taskHomeRequests = {
  /** Moves the task to a new home List; `status_mappings` is required when that List lacks the task's status. */
  move: (
    workspaceId: string | number,
    taskId: string,
    listId: string | number,
    body: { status_mappings?: StatusMapping[]; move_custom_fields?: boolean } = {},
  ): ClickUpRequest<'moveTask'> => ({
    operation: 'moveTask',
    method: 'PUT',
    version: 'v3',
    path: path`/workspaces/${workspaceId}/tasks/${taskId}/home_list/${listId}`,
    query: {},
    body: {
      ...(body.status_mappings ? { status_mappings: body.status_mappings } : {}),
      ...(body.move_custom_fields === undefined ? {} : { move_custom_fields: body.move_custom_fields }),
    },
  }),
  addToList: (listId: string | number, taskId: string): ClickUpRequest<'addTaskToList'> => ({
    operation: 'addTaskToList',
    method: 'POST',
    version: 'v2',
    path: path`/list/${listId}/task/${taskId}`,
    query: {},
  }),
  /** ClickUp refuses removing a task from its home List. */
  removeFromList: (listId: string | number, taskId: string): ClickUpRequest<'removeTaskFromList'> => ({
    operation: 'removeTaskFromList',
    method: 'DELETE',
    version: 'v2',
    path: path`/list/${listId}/task/${taskId}`,
    query: {},
  }),
  addLink: (
    taskId: string,
    linksTo: string,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'addTaskLink'> => ({
    operation: 'addTaskLink',
    method: 'POST',
    version: 'v2',
    path: path`/task/${taskId}/link/${linksTo}`,
    query: query(customTaskIdQuery(options)),
  }),
  removeLink: (
    taskId: string,
    linksTo: string,
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'deleteTaskLink'> => ({
    operation: 'deleteTaskLink',
    method: 'DELETE',
    version: 'v2',
    path: path`/task/${taskId}/link/${linksTo}`,
    query: query(customTaskIdQuery(options)),
  }),
  timeInStatus: (taskId: string, options?: CustomTaskIdOptions): ClickUpRequest<"getTask'sTimeinStatus"> => ({
    operation: "getTask'sTimeinStatus",
    method: 'GET',
    version: 'v2',
    path: path`/task/${taskId}/time_in_status`,
    query: query(customTaskIdQuery(options)),
  }),
  /** Two to 100 tasks; the answer is keyed by the ids as sent. */
  bulkTimeInStatus: (
    taskIds: readonly string[],
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<"getBulkTasks'TimeinStatus"> => ({
    operation: "getBulkTasks'TimeinStatus",
    method: 'GET',
    version: 'v2',
    path: '/task/bulk_time_in_status/task_ids',
    query: query({ task_ids: taskIds, ...customTaskIdQuery(options) }),
    repeatedKeys: ['task_ids'],
  }),
};
