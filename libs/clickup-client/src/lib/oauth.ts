import { ClickUpTransport } from './http/transport';
import { parseResponse } from './parse-response';
import { oauthRequests } from './requests/oauth.requests';

export interface OAuthExchangeInput {
  /** `CLICKUP_API_BASE_URL`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The `code` ClickUp put on the redirect. */
  code: string;
  timeoutMs?: number;
  transport?: ClickUpTransport;
}

/**
 * Exchanges an authorization code for an access token (`POST /api/v2/oauth/token`, JSON body). ClickUp's
 * tokens do not expire and come without a refresh token.
 */
export async function oauthExchange(input: OAuthExchangeInput): Promise<string> {
  const request = oauthRequests.token(input);
  const transport = input.transport ?? new ClickUpTransport();
  const raw = await transport.execute(request, {
    baseUrl: input.baseUrl,
    timeoutMs: input.timeoutMs ?? 15_000,
    secrets: [input.clientSecret, input.code],
  });
  return parseResponse(request, raw).access_token;
}

export interface OAuthAuthorizeUrlInput {
  /** `CLICKUP_APP_URL`, e.g. `https://app.clickup.com` (the sandbox serves its own consent page). */
  appUrl: string;
  clientId: string;
  redirectUri: string;
  /** Opaque anti-CSRF value, echoed back on the redirect. */
  state?: string;
}

/** The consent page the user is sent to: `{appUrl}/api?client_id=…&redirect_uri=…&state=…` (no scopes, no PKCE). */
export function buildOAuthAuthorizeUrl(input: OAuthAuthorizeUrlInput): string {
  const url = new URL('/api', input.appUrl);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  if (input.state !== undefined) url.searchParams.set('state', input.state);
  return url.toString();
}
