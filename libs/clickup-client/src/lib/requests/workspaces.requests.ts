import type { ClickUpRequest } from '../request';

export const userRequests = {
  /** `GET /v2/user`: the user the token belongs to. */
  me: (): ClickUpRequest<'getAuthorizedUser'> => ({
    operation: 'getAuthorizedUser',
    method: 'GET',
    version: 'v2',
    path: '/user',
    query: {},
  }),
};

export const workspaceRequests = {
  /** `GET /v2/team`: the Workspaces ("teams") the token may use, with their members. */
  list: (): ClickUpRequest<'getAuthorizedTeams'> => ({
    operation: 'getAuthorizedTeams',
    method: 'GET',
    version: 'v2',
    path: '/team',
    query: {},
  }),
};
