import type { ClickUpRequest } from '../request';

export const oauthRequests = {
  /** Exchanges an authorization code for an access token (no Authorization header; JSON body). */
  token: (input: {
    clientId: string;
    clientSecret: string;
    code: string;
  }): ClickUpRequest<'getAccessToken'> => ({
    operation: 'getAccessToken',
    method: 'POST',
    version: 'v2',
    path: '/oauth/token',
    query: {},
    body: { client_id: input.clientId, client_secret: input.clientSecret, code: input.code },
  }),
};
