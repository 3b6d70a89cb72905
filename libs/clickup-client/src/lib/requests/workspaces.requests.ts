import { path, type ClickUpRequest } from '../request';

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
  /** `GET /v2/team/{team_id}/custom_item`: the Workspace's task types (custom_item_id; 0 = Task, 1 = Milestone). */
  customItems: (teamId: string | number): ClickUpRequest<'getCustomItems'> => ({
    operation: 'getCustomItems',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/custom_item`,
    query: {},
  }),
};
