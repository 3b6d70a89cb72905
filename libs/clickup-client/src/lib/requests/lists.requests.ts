import { compact, path, query, type ClickUpRequest } from '../request';

export type CreateListBody = {
  name: string;
  content?: string;
  /** Used instead of `content` when both are sent. */
  markdown_content?: string;
  due_date?: number;
  due_date_time?: boolean;
  /** 1 urgent, 2 high, 3 normal, 4 low. */
  priority?: number;
  /** A user id: the List owner. */
  assignee?: number;
  /** The List colour (`"red"`), not a task status. */
  status?: string;
};

export type UpdateListBody = Omit<CreateListBody, 'assignee'> & {
  /** A user id as a string, or `"none"` to remove the owner. */
  assignee?: string;
  /** Removes the List colour. */
  unset_status?: boolean;
};

export const listRequests = {
  listInFolder: (
    folderId: string | number,
    options: { archived?: boolean } = {},
  ): ClickUpRequest<'getLists'> => ({
    operation: 'getLists',
    method: 'GET',
    version: 'v2',
    path: path`/folder/${folderId}/list`,
    query: query({ archived: options.archived }),
  }),
  listFolderless: (
    spaceId: string | number,
    options: { archived?: boolean } = {},
  ): ClickUpRequest<'getFolderlessLists'> => ({
    operation: 'getFolderlessLists',
    method: 'GET',
    version: 'v2',
    path: path`/space/${spaceId}/list`,
    query: query({ archived: options.archived }),
  }),
  get: (listId: string | number): ClickUpRequest<'getList'> => ({
    operation: 'getList',
    method: 'GET',
    version: 'v2',
    path: path`/list/${listId}`,
    query: {},
  }),
  createInFolder: (folderId: string | number, body: CreateListBody): ClickUpRequest<'createList'> => ({
    operation: 'createList',
    method: 'POST',
    version: 'v2',
    path: path`/folder/${folderId}/list`,
    query: {},
    body: compact(body),
  }),
  createFolderless: (
    spaceId: string | number,
    body: CreateListBody,
  ): ClickUpRequest<'createFolderlessList'> => ({
    operation: 'createFolderlessList',
    method: 'POST',
    version: 'v2',
    path: path`/space/${spaceId}/list`,
    query: {},
    body: compact(body),
  }),
  update: (listId: string | number, body: UpdateListBody): ClickUpRequest<'updateList'> => ({
    operation: 'updateList',
    method: 'PUT',
    version: 'v2',
    path: path`/list/${listId}`,
    query: {},
    body: compact(body),
  }),
  delete: (listId: string | number): ClickUpRequest<'deleteList'> => ({
    operation: 'deleteList',
    method: 'DELETE',
    version: 'v2',
    path: path`/list/${listId}`,
    query: {},
  }),
};
