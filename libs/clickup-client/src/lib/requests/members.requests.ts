import { path, type ClickUpRequest } from '../request';

/** People with explicit access; people who see an item through its Space or Folder are not listed. */
export const memberRequests = {
  listForTask: (taskId: string): ClickUpRequest<'getTaskMembers'> => ({
    operation: 'getTaskMembers',
    method: 'GET',
    version: 'v2',
    path: path`/task/${taskId}/member`,
    query: {},
  }),
  listForList: (listId: string | number): ClickUpRequest<'getListMembers'> => ({
    operation: 'getListMembers',
    method: 'GET',
    version: 'v2',
    path: path`/list/${listId}/member`,
    query: {},
  }),
};
