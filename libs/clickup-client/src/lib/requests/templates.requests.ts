import { compact, path, query, type ClickUpRequest } from '../request';

/** What a list made from a template keeps of it; ClickUp copies everything when `options` is left out. */
export type ListFromTemplateBody = {
  name: string;
  options?: {
    /** ClickUp answers at once with the new list's id while it copies the rest (default true). */
    return_immediately?: boolean;
    content?: string;
    old_due_date?: boolean;
    old_assignees?: boolean;
    old_statuses?: boolean;
    subtasks?: boolean;
    attachments?: boolean;
  };
};

export const templateRequests = {
  /** The workspace's task templates, one page (page 0 first; ClickUp requires the page). */
  listTaskTemplates: (teamId: string | number, page = 0): ClickUpRequest<'getTaskTemplates'> => ({
    operation: 'getTaskTemplates',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/taskTemplate`,
    query: query({ page }),
  }),
  listListTemplates: (teamId: string | number): ClickUpRequest<'getListTemplates'> => ({
    operation: 'getListTemplates',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/list_template`,
    query: {},
  }),
  createTask: (
    listId: string | number,
    templateId: string,
    body: { name: string },
  ): ClickUpRequest<'createTaskFromTemplate'> => ({
    operation: 'createTaskFromTemplate',
    method: 'POST',
    version: 'v2',
    path: path`/list/${listId}/taskTemplate/${templateId}`,
    query: {},
    body,
  }),
  createListInFolder: (
    folderId: string | number,
    templateId: string,
    body: ListFromTemplateBody,
  ): ClickUpRequest<'createFolderListFromTemplate'> => ({
    operation: 'createFolderListFromTemplate',
    method: 'POST',
    version: 'v2',
    path: path`/folder/${folderId}/list_template/${templateId}`,
    query: {},
    body: compact(body),
  }),
  createListInSpace: (
    spaceId: string | number,
    templateId: string,
    body: ListFromTemplateBody,
  ): ClickUpRequest<'createSpaceListFromTemplate'> => ({
    operation: 'createSpaceListFromTemplate',
    method: 'POST',
    version: 'v2',
    path: path`/space/${spaceId}/list_template/${templateId}`,
    query: {},
    body: compact(body),
  }),
};
