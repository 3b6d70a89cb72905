import { path, query, type ClickUpRequest } from '../request';

export const viewRequests = {
  listForWorkspace: (teamId: string | number): ClickUpRequest<'getTeamViews'> => ({
    operation: 'getTeamViews',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/view`,
    query: {},
  }),
  listForSpace: (spaceId: string | number): ClickUpRequest<'getSpaceViews'> => ({
    operation: 'getSpaceViews',
    method: 'GET',
    version: 'v2',
    path: path`/space/${spaceId}/view`,
    query: {},
  }),
  listForFolder: (folderId: string | number): ClickUpRequest<'getFolderViews'> => ({
    operation: 'getFolderViews',
    method: 'GET',
    version: 'v2',
    path: path`/folder/${folderId}/view`,
    query: {},
  }),
  listForList: (listId: string | number): ClickUpRequest<'getListViews'> => ({
    operation: 'getListViews',
    method: 'GET',
    version: 'v2',
    path: path`/list/${listId}/view`,
    query: {},
  }),
  get: (viewId: string): ClickUpRequest<'getView'> => ({
    operation: 'getView',
    method: 'GET',
    version: 'v2',
    path: path`/view/${viewId}`,
    query: {},
  }),
  /** One page (30 tasks) of a view's tasks, filtered and sorted as the view is; pages count from 0. */
  tasks: (viewId: string, page = 0): ClickUpRequest<'getViewTasks'> => ({
    operation: 'getViewTasks',
    method: 'GET',
    version: 'v2',
    path: path`/view/${viewId}/task`,
    query: query({ page }),
  }),
};
