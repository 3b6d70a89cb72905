import { Injectable } from '@nestjs/common';
import { isLoopbackHost } from '@gw/config';
import { sha256Hex } from '@gw/security';
import * as oidc from 'openid-client';
import { SsoFailure } from './sso-failure';
import type { SsoProvider } from './sso-providers.service';

/** A discovered provider is used for an hour, then discovered again (keys and endpoints may rotate). */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
/** Seconds any one request to the IdP may take. */
const IDP_TIMEOUT_S = 10;

export type OidcTokens = Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;

export interface AuthorizationRequest {
  redirectUri: string;
  scopes: string[];
  state: string;
  nonce: string;
  codeChallenge: string;
}

export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * The gateway as an OpenID Connect relying party, through `openid-client`: discovery, the authorization URL, the
 * code exchange with PKCE, state and nonce checks and ID token validation (signature included), userinfo and refresh.
 * Every failure comes out as an `SsoFailure` with a code the sign-in page can explain.
 */
@Injectable()
export class OidcClient {
  private readonly discovered = new Map<string, { config: Promise<oidc.Configuration>; until: number }>();

  async configuration(
    provider: Pick<SsoProvider, 'issuer' | 'clientId' | 'clientSecret'>,
  ): Promise<oidc.Configuration> {
    const key = `${provider.issuer}\n${provider.clientId}\n${sha256Hex(provider.clientSecret)}`;
    const cached = this.discovered.get(key);
    if (cached && cached.until > Date.now()) return cached.config;
    const config = discover(provider);
    this.discovered.set(key, { config, until: Date.now() + DISCOVERY_TTL_MS });
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => this.discovered.get(key)?.config === config && this.discovered.delete(key));
    return config;
  }

  /** Discovers the provider now, bypassing the cache: a check of settings before they are saved. */
  async check(provider: Pick<SsoProvider, 'issuer' | 'clientId' | 'clientSecret'>): Promise<void> {
    await discover(provider);
  }

  /** The scopes to ask for: the configured ones, plus `offline_access` when the IdP offers it (a refresh token). */
  scopesFor(config: oidc.Configuration, scopes: string[]): string[] {
    const offered = config.serverMetadata().scopes_supported ?? [];
    return offered.includes('offline_access') && !scopes.includes('offline_access')
      ? [...scopes, 'offline_access']
      : scopes;
  }

  authorizationUrl(config: oidc.Configuration, request: AuthorizationRequest): URL {
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: request.redirectUri,
      scope: this.scopesFor(config, request.scopes).join(' '),
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
  }

  /** Validates the authorization response at `callbackUrl` and exchanges its code; the ID token is checked. */
  exchange(config: oidc.Configuration, callbackUrl: URL, checks: AuthorizationChecks): Promise<OidcTokens> {
    return oidc
      .authorizationCodeGrant(config, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      })
      .catch((error: unknown) => {
        throw failureOf(error);
      });
  }

  userInfo(config: oidc.Configuration, accessToken: string, subject: string): Promise<oidc.UserInfoResponse> {
    return oidc.fetchUserInfo(config, accessToken, subject).catch((error: unknown) => {
      throw failureOf(error);
    });
  }

  /** Uses a refresh token; an `idp_refused` failure means the IdP said no (the person or grant is gone). */
  refresh(config: oidc.Configuration, refreshToken: string) {
    return oidc.refreshTokenGrant(config, refreshToken).catch((error: unknown) => {
      throw failureOf(error);
    });
  }
}

async function discover(provider: Pick<SsoProvider, 'issuer' | 'clientId' | 'clientSecret'>) {
  const issuer = new URL(provider.issuer);
  // Plain http is accepted for a provider on this machine only; settings and env refuse other http issuers.
  const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
  try {
    return await oidc.discovery(issuer, provider.clientId, provider.clientSecret, undefined, {
      timeout: IDP_TIMEOUT_S,
      execute: insecure
        ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks]
        : [oidc.enableNonRepudiationChecks],
    });
  } catch (error) {
    // Whatever went wrong (no answer, not a discovery document, another issuer in it), no sign-in can start.
    throw new SsoFailure('idp_unavailable', undefined, { cause: error });
  }
}

/** What an openid-client error means for the person signing in. */
export function failureOf(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  if (unreachable(error)) return new SsoFailure('idp_unavailable', undefined, { cause: error });
  if (error instanceof oidc.AuthorizationResponseError) return new SsoFailure('idp_refused');
  // The token endpoint answered with an OAuth error: a spent, expired or foreign code, or a revoked refresh token.
  if (error instanceof oidc.ResponseBodyError) {
    return new SsoFailure(error.status >= 500 ? 'idp_unavailable' : 'code_rejected');
  }
  if (error instanceof oidc.ClientError) {
    switch (error.code) {
      case 'OAUTH_TIMEOUT':
      case 'OAUTH_ABORT':
      case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      case 'OAUTH_RESPONSE_IS_NOT_JSON':
        return new SsoFailure('idp_unavailable');
      default:
        return new SsoFailure('token_invalid');
    }
  }
  return new SsoFailure('idp_unavailable', undefined, { cause: error });
}

/**
 * fetch() failing outright (refused connection, unknown host, TLS failure, timeout), as such or wrapped by
 * openid-client. Told by name, not `instanceof`: the error may come from another realm than the library's.
 */
function unreachable(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    typeof e === 'object' && e !== null && depth < 3;
    e = (e as Error).cause, depth++
  ) {
    const { name, message } = e as Error;
    if ((name === 'TypeError' && message === 'fetch failed') || name === 'TimeoutError') return true;
  }
  return false;
}
