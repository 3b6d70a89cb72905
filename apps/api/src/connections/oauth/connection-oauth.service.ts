import { BadRequestException, HttpException, Inject, Injectable } from '@nestjs/common';
import { buildOAuthAuthorizeUrl } from '@gw/clickup-client';
import { AppConfig, ClickUpConfig } from '@gw/config';
import { ENCRYPTION_KEY } from '../../app/infrastructure.module';
import type { Principal } from '../../auth/principal';
import { ClickUpAccountsService } from '../clickup-accounts.service';
import { ConnectionsService } from '../connections.service';
import { type OAuthStateCheck, OAuthStateSigner } from './oauth-state';

export const OAUTH_CALLBACK_PATH = '/api/v1/connections/oauth/callback';

export interface OAuthCallbackInput {
  code?: string;
  state?: string;
}

const STATE_PROBLEMS: Record<Exclude<OAuthStateCheck, { ok: true }>['reason'] | 'other-user', string> = {
  malformed: 'The ClickUp authorization could not be verified; start again from the dashboard',
  'bad-signature': 'The ClickUp authorization could not be verified; start again from the dashboard',
  expired: 'The ClickUp authorization took longer than 10 minutes; start again',
  'other-user': 'This ClickUp authorization was started by another user; start again',
};

/**
 * "Connect with ClickUp": a signed state out to ClickUp's consent page, then the code exchanged, the token checked
 * like a personal one, and the browser sent back to the dashboard with the new connection or a readable reason.
 */
@Injectable()
export class ConnectionOAuthService {
  private readonly signer: OAuthStateSigner;

  constructor(
    @Inject(ENCRYPTION_KEY) encryptionKey: string,
    private readonly app: AppConfig,
    private readonly clickup: ClickUpConfig,
    private readonly accounts: ClickUpAccountsService,
    private readonly connections: ConnectionsService,
  ) {
    this.signer = new OAuthStateSigner(encryptionKey);
  }

  authorizeUrl(principal: Principal, name: string): string {
    if (!this.accounts.oauthConfigured) {
      throw new BadRequestException(
        'OAuth is not configured: set CLICKUP_OAUTH_CLIENT_ID and CLICKUP_OAUTH_CLIENT_SECRET, or connect with a personal token',
      );
    }
    return buildOAuthAuthorizeUrl({
      appUrl: this.clickup.appUrl,
      clientId: this.clickup.oauthClientId as string,
      redirectUri: this.callbackUrl,
      state: this.signer.sign({ organizationId: principal.organizationId, userId: principal.actor, name }),
    });
  }

  /** Always answers with the dashboard URL to send the browser to. */
  async finish(principal: Principal, input: OAuthCallbackInput): Promise<string> {
    try {
      return this.dashboard({ created: await this.connect(principal, input) });
    } catch (error) {
      if (error instanceof HttpException) return this.dashboard({ error: error.message });
      throw error;
    }
  }

  private async connect(principal: Principal, input: OAuthCallbackInput): Promise<string> {
    const check = this.signer.verify(input.state ?? '');
    if (!check.ok) throw new BadRequestException(STATE_PROBLEMS[check.reason]);
    const { claims } = check;
    if (claims.organizationId !== principal.organizationId || claims.userId !== principal.actor) {
      throw new BadRequestException(STATE_PROBLEMS['other-user']);
    }
    if (!input.code) throw new BadRequestException('ClickUp did not authorize the connection');
    if (!this.accounts.oauthConfigured) throw new BadRequestException('OAuth is not configured');
    const token = await this.accounts.exchangeOAuthCode(input.code);
    const connection = await this.connections.add(principal, { name: claims.name, type: 'oauth', token });
    return connection.id;
  }

  private get callbackUrl(): string {
    return `${this.app.publicUrl.replace(/\/+$/, '')}${OAUTH_CALLBACK_PATH}`;
  }

  private dashboard(query: { created: string } | { error: string }): string {
    const url = new URL(`${this.app.dashboardUrl.replace(/\/+$/, '')}/connections`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }
}
