import { path, type ClickUpRequest } from '../request';

// Only the read a chat view's comments need (their view is proven by reading it); the views group adds the rest.
export const viewRequests = {
  get: (viewId: string): ClickUpRequest<'getView'> => ({
    operation: 'getView',
    method: 'GET',
    version: 'v2',
    path: path`/view/${viewId}`,
    query: {},
  }),
};
