import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig } from '@gw/config';
import { SsoSpentStateEntity } from '@gw/db';
import { SecretBox, safeEqual, sha256Hex } from '@gw/security';
import * as oidc from 'openid-client';
import { LessThan, Repository } from 'typeorm';
import { isUniqueViolation } from '../common/database/unique-violation';
import { type OpenedSession, SessionService } from '../auth/session.service';
import { groupsOf } from './group-mapping';
import { safeNextPath } from './next-path';
import { OidcClient, type OidcTokens } from './oidc-client.service';
import { openAttempt, sealAttempt, SSO_ATTEMPT_TTL_MS, type SsoAttempt } from './sso-attempt';
import { SsoFailure, type SsoFailureCode } from './sso-failure';
import { SsoProviders, type SsoProvider } from './sso-providers.service';
import { SsoProvisioning, type VerifiedPerson } from './sso-provisioning.service';
import { type SignInClient, SsoSignInRecorder } from './sso-sign-in.recorder';

export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';

export interface SsoStart {
  /** Where to send the browser: the IdP, or back to the sign-in page with a reason. */
  redirect: string;
  /** The sealed attempt to keep in the browser, when the sign-in goes to the IdP. */
  attempt?: string;
}

export interface SsoFinish {
  redirect: string;
  session?: OpenedSession;
}

/**
 * Console single sign-on, authorization code flow with PKCE (S256), state and nonce. The start seals what the
 * callback needs into a cookie of the browser that started (so a sign-in cannot be finished in another browser),
 * the callback spends the state once, exchanges the code, and opens an ordinary console session.
 */
@Injectable()
export class SsoSignIn {
  constructor(
    private readonly app: AppConfig,
    private readonly providers: SsoProviders,
    private readonly oidc: OidcClient,
    private readonly box: SecretBox,
    private readonly provisioning: SsoProvisioning,
    private readonly sessions: SessionService,
    private readonly recorder: SsoSignInRecorder,
    @InjectRepository(SsoSpentStateEntity) private readonly spent: Repository<SsoSpentStateEntity>,
  ) {}

  /** The browser reaches the callback through the dashboard, which serves the api under `/api`. */
  get callbackUrl(): string {
    return `${this.dashboardBase}${SSO_CALLBACK_PATH}`;
  }

  async start(next: unknown): Promise<SsoStart> {
    try {
      const provider = await this.gatewayProvider();
      const config = await this.oidc.configuration(provider);
      const attempt: SsoAttempt = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        next: safeNextPath(next),
        organizationId: provider.organizationId,
        issuer: provider.issuer,
        clientId: provider.clientId,
        expiresAt: Date.now() + SSO_ATTEMPT_TTL_MS,
      };
      const url = this.oidc.authorizationUrl(config, {
        redirectUri: this.callbackUrl,
        scopes: provider.scopes,
        state: attempt.state,
        nonce: attempt.nonce,
        codeChallenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      });
      return { redirect: url.href, attempt: sealAttempt(this.box, attempt) };
    } catch (error) {
      if (error instanceof SsoFailure) return { redirect: this.loginPage(error.code) };
      throw error;
    }
  }

  /** Always answers with where to send the browser: the `next` path with a new session, or the sign-in page. */
  async finish(
    query: Record<string, string>,
    cookie: string | undefined,
    client: SignInClient,
  ): Promise<SsoFinish> {
    const attempt = openAttempt(this.box, cookie);
    try {
      if (!attempt) throw new SsoFailure('attempt_missing');
      const { session, next } = await this.complete(attempt, query, client);
      return { redirect: `${this.dashboardBase}${next}`, session };
    } catch (error) {
      if (!(error instanceof SsoFailure)) throw error;
      await this.recorder.refused(attempt?.issuer ?? null, error, client);
      return { redirect: this.loginPage(error.code) };
    }
  }

  private async complete(attempt: SsoAttempt, query: Record<string, string>, client: SignInClient) {
    if (attempt.expiresAt <= Date.now()) throw new SsoFailure('attempt_expired');
    // The IdP's own refusal (the person cancelled, or is not allowed to use this app) comes without a state check:
    // there is nothing to protect, and the person should read why.
    if (query['error'] && !query['code']) throw new SsoFailure('idp_refused');
    if (!safeEqual(query['state'] ?? '', attempt.state)) throw new SsoFailure('state_mismatch');
    await this.spend(attempt);
    const provider = await this.providers.forOrganization(attempt.organizationId);
    if (!provider) throw new SsoFailure('not_configured');
    if (provider.issuer !== attempt.issuer || provider.clientId !== attempt.clientId) {
      throw new SsoFailure('provider_changed');
    }
    const config = await this.oidc.configuration(provider);
    const tokens = await this.oidc.exchange(config, this.responseUrl(query), {
      state: attempt.state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
    });
    const person = await this.verifiedPerson(provider, config, tokens);
    const provisioned = await this.provisioning.provision(provider, person);
    const session = await this.sessions.start(provisioned.user, {
      ip: client.ip,
      userAgent: client.userAgent ?? undefined,
    });
    await this.recorder.succeeded(provider.issuer, provisioned, client);
    return { session, next: attempt.next };
  }

  /** Marks the state used; a second callback with it is refused before anything reaches the IdP. */
  private async spend(attempt: SsoAttempt): Promise<void> {
    await this.spent.delete({ expiresAt: LessThan(new Date()) });
    try {
      await this.spent.insert({
        stateHash: sha256Hex(attempt.state),
        expiresAt: new Date(attempt.expiresAt),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new SsoFailure('replayed');
      throw error;
    }
  }

  /**
   * Who the IdP says signed in: subject and issuer from the validated ID token; email, name and groups from it,
   * or from userinfo when the ID token leaves them out (as Entra ID and Okta may for groups). The email must be
   * verified by the IdP, since it is what links an existing account.
   */
  private async verifiedPerson(
    provider: SsoProvider,
    config: oidc.Configuration,
    tokens: OidcTokens,
  ): Promise<VerifiedPerson> {
    const idToken = tokens.claims();
    if (!idToken) throw new SsoFailure('token_invalid');
    let claims: Record<string, unknown> = idToken;
    const incomplete = !verifiedEmail(claims) || !(provider.groupsClaim in claims);
    if (incomplete && config.serverMetadata().userinfo_endpoint) {
      const info = await this.oidc.userInfo(config, tokens.access_token, idToken.sub);
      claims = {
        ...info,
        ...pick(idToken, ['sub', 'iss']),
        ...(provider.groupsClaim in idToken ? pick(idToken, [provider.groupsClaim]) : {}),
      };
    }
    const email = verifiedEmail(claims);
    if (!email) throw new SsoFailure('email_missing');
    return {
      issuer: provider.issuer,
      subject: idToken.sub,
      email,
      name: displayName(claims, email),
      groups: groupsOf(claims, provider.groupsClaim),
      refreshToken: tokens.refresh_token ?? null,
    };
  }

  /** The URL the IdP sent the browser to, as openid-client checks it: the registered callback and its query. */
  private responseUrl(query: Record<string, string>): URL {
    const url = new URL(this.callbackUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.append(key, value);
    return url;
  }

  private async gatewayProvider(): Promise<SsoProvider> {
    const organizationId = await this.providers.gatewayOrganizationId();
    const provider = organizationId && (await this.providers.forOrganization(organizationId));
    if (!provider) throw new SsoFailure('not_configured');
    return provider;
  }

  private loginPage(code: SsoFailureCode): string {
    return `${this.dashboardBase}/login?sso_error=${code}`;
  }

  private get dashboardBase(): string {
    return this.app.dashboardUrl.replace(/\/+$/, '');
  }
}

/**
 * The lower-cased email when the IdP says it verified it: `email_verified: true` (Okta, Google, Keycloak), or Entra
 * ID's `xms_edov: true` (the email's domain is verified by the tenant), which Entra sends instead.
 */
function verifiedEmail(claims: Record<string, unknown>): string | null {
  const email = claims['email'];
  if (typeof email !== 'string' || !email.includes('@')) return null;
  const verified = claims['email_verified'] === true || claims['xms_edov'] === true;
  return verified ? email.trim().toLowerCase() : null;
}

function displayName(claims: Record<string, unknown>, email: string): string {
  for (const key of ['name', 'preferred_username']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  }
  return email;
}

function pick(claims: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in claims).map((k) => [k, claims[k]]));
}
