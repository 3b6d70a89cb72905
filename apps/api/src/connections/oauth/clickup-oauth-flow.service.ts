import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { buildOAuthAuthorizeUrl } from '@gw/clickup-client';
import { AppConfig, ClickUpConfig } from '@gw/config';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { ENCRYPTION_KEY } from '../../security/encryption-key.token';
import { ClickUpAccountsService } from '../clickup-accounts.service';
import {
  type OAuthPurpose,
  type OAuthStateCheck,
  type OAuthStateClaims,
  OAuthStateSigner,
} from './oauth-state';

export interface OAuthCallbackInput {
  code?: string;
  state?: string;
}

type StateProblem = Exclude<OAuthStateCheck, { ok: true }>['reason'] | 'other-user' | 'spent';

const STATE_PROBLEMS: Record<StateProblem, string> = {
  malformed: 'The ClickUp authorization could not be verified; start again from the dashboard',
  'bad-signature': 'The ClickUp authorization could not be verified; start again from the dashboard',
  expired: 'The ClickUp authorization took longer than 10 minutes; start again',
  'other-user': 'This ClickUp authorization was started by another user; start again',
  spent: 'This ClickUp authorization was already used; start again from the dashboard',
};

/**
 * ClickUp's OAuth round trip, for everything the gateway links through it (a shared connection, a person's own
 * account): a signed, single-use state out to ClickUp's consent page, and back at the callback the state checked
 * against the signed-in person and spent before the code is exchanged. What to do with the token is the caller's.
 */
@Injectable()
export class ClickUpOAuthFlow {
  private readonly signer: OAuthStateSigner;

  constructor(
    @Inject(ENCRYPTION_KEY) encryptionKey: string,
    private readonly app: AppConfig,
    private readonly clickup: ClickUpConfig,
    private readonly accounts: ClickUpAccountsService,
    private readonly dataSource: DataSource,
  ) {
    this.signer = new OAuthStateSigner(encryptionKey);
  }

  /** The consent page to send the browser to, coming back to `callbackPath` of the api. */
  authorizeUrl(claims: OAuthStateClaims, callbackPath: string, notConfigured: string): string {
    if (!this.accounts.oauthConfigured) throw new BadRequestException(notConfigured);
    return buildOAuthAuthorizeUrl({
      appUrl: this.clickup.appUrl,
      clientId: this.clickup.oauthClientId as string,
      redirectUri: this.apiUrl(callbackPath),
      state: this.signer.sign(claims),
    });
  }

  /**
   * Checks the state (signature, expiry, purpose, the person who started it), spends it so the same redirect works
   * once, then exchanges the code. Every refusal is a 400 whose message a person can act on.
   */
  async exchange(
    principal: Principal,
    purpose: OAuthPurpose,
    input: OAuthCallbackInput,
  ): Promise<{ claims: OAuthStateClaims; token: string }> {
    const check = this.signer.verify(input.state ?? '');
    if (!check.ok) throw new BadRequestException(STATE_PROBLEMS[check.reason]);
    const { claims } = check;
    // A state made for the other flow is as unverifiable here as a forged one.
    if (claims.purpose !== purpose) throw new BadRequestException(STATE_PROBLEMS['bad-signature']);
    if (claims.organizationId !== principal.organizationId || claims.userId !== principal.actor) {
      throw new BadRequestException(STATE_PROBLEMS['other-user']);
    }
    if (!(await this.spend(check.nonce, check.expiresAt)))
      throw new BadRequestException(STATE_PROBLEMS.spent);
    if (!input.code) throw new BadRequestException('ClickUp did not authorize the access');
    if (!this.accounts.oauthConfigured) throw new BadRequestException('OAuth is not configured');
    return { claims, token: await this.accounts.exchangeOAuthCode(input.code) };
  }

  /** A dashboard page with query parameters, where a callback sends the browser back. */
  dashboardUrl(path: string, query: Record<string, string>): string {
    const url = new URL(`${this.app.dashboardUrl.replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }

  private apiUrl(path: string): string {
    return `${this.app.publicUrl.replace(/\/+$/, '')}${path}`;
  }

  /** True the first time a state's nonce is spent; states past their expiry are cleared on the way. */
  private async spend(nonce: string, expiresAt: Date): Promise<boolean> {
    await this.dataSource.query('DELETE FROM oauth_state_uses WHERE expires_at < now()');
    const rows = (await this.dataSource.query(
      'INSERT INTO oauth_state_uses (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING RETURNING nonce',
      [nonce, expiresAt],
    )) as unknown[];
    return rows.length === 1;
  }
}
