import { compact, path, query, type ClickUpRequest } from '../request';
import { customTaskIdQuery, type CustomTaskIdOptions } from './custom-task-ids';

export type UpdateChecklistBody = {
  name?: string;
  /** 0 puts the checklist first on the task. */
  position?: number;
};
export type CreateChecklistItemBody = { name?: string; assignee?: number };
export type UpdateChecklistItemBody = {
  name?: string;
  /** A user id as a string, or null to unassign. */
  assignee?: string | null;
  resolved?: boolean;
  /** Nests the item under another item of the checklist; null moves it back to the top level. */
  parent?: string | null;
};

export const checklistRequests = {
  create: (
    taskId: string,
    body: { name: string },
    options?: CustomTaskIdOptions,
  ): ClickUpRequest<'createChecklist'> => ({
    operation: 'createChecklist',
    method: 'POST',
    version: 'v2',
    path: path`/task/${taskId}/checklist`,
    query: query(customTaskIdQuery(options)),
    body: compact(body),
  }),
  update: (checklistId: string, body: UpdateChecklistBody): ClickUpRequest<'editChecklist'> => ({
    operation: 'editChecklist',
    method: 'PUT',
    version: 'v2',
    path: path`/checklist/${checklistId}`,
    query: {},
    body: compact(body),
  }),
  delete: (checklistId: string): ClickUpRequest<'deleteChecklist'> => ({
    operation: 'deleteChecklist',
    method: 'DELETE',
    version: 'v2',
    path: path`/checklist/${checklistId}`,
    query: {},
  }),
  createItem: (
    checklistId: string,
    body: CreateChecklistItemBody,
  ): ClickUpRequest<'createChecklistItem'> => ({
    operation: 'createChecklistItem',
    method: 'POST',
    version: 'v2',
    path: path`/checklist/${checklistId}/checklist_item`,
    query: {},
    body: compact(body),
  }),
  updateItem: (
    checklistId: string,
    itemId: string,
    body: UpdateChecklistItemBody,
  ): ClickUpRequest<'editChecklistItem'> => ({
    operation: 'editChecklistItem',
    method: 'PUT',
    version: 'v2',
    path: path`/checklist/${checklistId}/checklist_item/${itemId}`,
    query: {},
    body: compact(body),
  }),
  deleteItem: (checklistId: string, itemId: string): ClickUpRequest<'deleteChecklistItem'> => ({
    operation: 'deleteChecklistItem',
    method: 'DELETE',
    version: 'v2',
    path: path`/checklist/${checklistId}/checklist_item/${itemId}`,
    query: {},
  }),
};
