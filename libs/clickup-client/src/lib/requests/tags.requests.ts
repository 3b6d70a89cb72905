import { path, type ClickUpRequest } from '../request';

export const tagRequests = {
  listForSpace: (spaceId: string | number): ClickUpRequest<'getSpaceTags'> => ({
    operation: 'getSpaceTags',
    method: 'GET',
    version: 'v2',
    path: path`/space/${spaceId}/tag`,
    query: {},
  }),
};
