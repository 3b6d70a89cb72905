import { path, query, type ClickUpRequest } from '../request';

export const customFieldRequests = {
  /** The fields usable in a List (Workspace-, Space-, Folder- and List-level), with drop-down option ids. */
  listForList: (
    listId: string | number,
    options: { includeAppliedObjects?: boolean } = {},
  ): ClickUpRequest<'getAccessibleCustomFields'> => ({
    operation: 'getAccessibleCustomFields',
    method: 'GET',
    version: 'v2',
    path: path`/list/${listId}/field`,
    query: query({ include_applied_objects: options.includeAppliedObjects }),
  }),
};
