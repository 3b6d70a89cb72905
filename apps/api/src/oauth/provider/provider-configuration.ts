import type { AppConfig, OAuthConfig } from '@gw/config';
import {
  errors,
  interactionPolicy,
  type Account,
  type BaseToken,
  type Client,
  type KoaContext,
} from 'oidc-provider';
import { CLIENT_METADATA_MAX_BYTES, type OutboundFetch } from '../clients/client-metadata-fetch';
import {
  EXTRA_CLIENT_PROPERTIES,
  validateClientMetadata,
  type ClientMetadataDraft,
} from '../clients/client-policy';
import type { AdapterConstructor } from '../storage/oauth-record.adapter';
import type { ProviderKeys } from '../storage/provider-keys';
import { renderProviderError } from './render-provider-error';

/** The one scope of an MCP server's tokens; the resource, not the scope, says which server. */
export const MCP_SCOPE = 'mcp';
/** The provider's own scopes (OpenID's), which a client may ask for besides. */
export const OPENID_SCOPES = new Set(['openid', 'offline_access']);

/** Where oidc-provider's endpoints live under PUBLIC_URL. */
export const OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  // Off, but oidc-provider wants every route named; kept under /oauth so nothing lands elsewhere.
  userinfo: '/oauth/userinfo',
  introspection: '/oauth/introspect',
  end_session: '/oauth/session/end',
  pushed_authorization_request: '/oauth/par',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
  credential: '/oauth/credential',
} as const;

export interface ProviderSetup {
  app: AppConfig;
  oauth: OAuthConfig;
  adapter: AdapterConstructor;
  keys: ProviderKeys;
  fetch: OutboundFetch;
  /** Throws an `invalid_target` error unless the resource is a sign-in MCP server of the gateway. */
  assertResource(resource: string): Promise<void>;
  /** Why the person may not get tokens for the resource now (null: they may). */
  refusal(userId: string, resource: string): Promise<string | null>;
  /** Whether the account may sign in at all (exists, not disabled). */
  accountActive(userId: string): Promise<boolean>;
  /** Whether a client metadata document may be fetched from this URL (https, a host that is not the gateway's own). */
  allowMetadataFetch(clientId: string): boolean;
}

const DAY_S = 86_400;

/**
 * oidc-provider's configuration for the MCP authorization server: authorization code with PKCE S256 only, public
 * clients identified by client metadata documents or registered dynamically, one resource (RFC 8707) per token,
 * opaque short-lived access tokens and rotating refresh tokens, and every login and consent done in the console.
 */
export function providerConfiguration(setup: ProviderSetup): Record<string, unknown> {
  const { oauth } = setup;
  const { Check, base } = interactionPolicy;
  const policy = base();
  // The console decides who signs in, every time: the provider's own session never stands in for it.
  policy
    .get('login')
    .checks.add(
      new Check(
        'console_sign_in',
        'the person signs in through the console',
        (ctx) => !ctx.oidc?.result?.login,
      ),
    );
  // Every authorization shows the person what they grant; each consent is a grant of its own (a connected agent).
  policy
    .get('consent')
    .checks.add(
      new Check('console_consent', 'the person consents in the console', (ctx) => !ctx.oidc?.result?.consent),
    );

  return {
    adapter: setup.adapter,
    jwks: setup.keys.jwks,
    cookies: {
      keys: setup.keys.cookieKeys,
      names: { session: 'gw_oauth_session', interaction: 'gw_oauth_interaction', resume: 'gw_oauth_resume' },
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    routes: OAUTH_ROUTES,
    scopes: [...OPENID_SCOPES],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    extraClientMetadata: {
      properties: EXTRA_CLIENT_PROPERTIES,
      validator: (_ctx: KoaContext, key: string, _value: unknown, metadata: ClientMetadataDraft) =>
        validateClientMetadata(key, metadata),
    },
    fetch: setup.fetch,
    fetchResponseBodyLimits: {
      'client_id metadata document': CLIENT_METADATA_MAX_BYTES,
      jwks_uri: CLIENT_METADATA_MAX_BYTES,
      sector_identifier_uri: CLIENT_METADATA_MAX_BYTES,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      userinfo: { enabled: false },
      introspection: { enabled: false },
      revocation: {
        enabled: true,
        // A client revokes only its own tokens; anyone else's is ignored with 200, as RFC 7009 has it.
        allowedPolicy: async (_ctx: KoaContext, client: Client, token: { clientId: string }) =>
          token.clientId === client.clientId,
      },
      registration: { enabled: true, initialAccessToken: false, issueRegistrationAccessToken: false },
      clientIdMetadataDocument: {
        enabled: true,
        ack: 'draft-02',
        allowFetch: async (_ctx: KoaContext, clientId: string) => setup.allowMetadataFetch(clientId),
        cacheDuration: { min: 60, max: 3600 },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx: KoaContext, _client: Client, oneOf?: string[]) => {
          if (oneOf) return oneOf;
          throw new errors.InvalidTarget(
            'resource (RFC 8707) is required: the URL of the MCP server this access is for',
          );
        },
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContext, resource: string) => {
          await setup.assertResource(resource);
          return {
            scope: MCP_SCOPE,
            audience: resource,
            accessTokenTTL: oauth.accessTokenTtlSeconds,
            accessTokenFormat: 'opaque',
          };
        },
      },
    },
    interactions: {
      policy,
      url: async (_ctx: KoaContext, interaction: { uid: string }) =>
        `${setup.app.dashboardUrl.replace(/\/+$/, '')}/oauth/consent/${interaction.uid}`,
    },
    findAccount: async (_ctx: KoaContext, sub: string, token?: BaseToken): Promise<Account | undefined> => {
      const resource = token ? singleResource(token) : null;
      const allowed = resource
        ? (await setup.refusal(sub, resource)) === null
        : await setup.accountActive(sub);
      return allowed ? { accountId: sub, claims: async () => ({ sub }) } : undefined;
    },
    // Tokens outlive the provider's browser session: an agent keeps working after the person closes the tab.
    expiresWithSession: async () => false,
    issueRefreshToken: async (_ctx: KoaContext, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    extraTokenClaims: async (ctx: KoaContext) => {
      const name = ctx.oidc?.client?.clientName;
      return name ? { client_name: name } : undefined;
    },
    ttl: {
      AccessToken: oauth.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      // Sliding: each rotation issues a refresh token valid this long again.
      RefreshToken: oauth.refreshTokenTtlDays * DAY_S,
      Grant: 365 * DAY_S,
      Interaction: 3600,
      Session: DAY_S,
      IdToken: 3600,
    },
    renderError: renderProviderError,
    allowOmittingSingleRegisteredRedirectUri: false,
  };
}

/** The one resource a code or refresh token was issued for. */
function singleResource(token: BaseToken): string | null {
  const { resource } = token;
  if (typeof resource === 'string') return resource;
  return Array.isArray(resource) && resource.length === 1 ? resource[0] : null;
}
