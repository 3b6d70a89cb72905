import { HttpException, Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { ConnectionsService } from '../connections.service';
import { ClickUpOAuthFlow, type OAuthCallbackInput } from './clickup-oauth-flow.service';

export const OAUTH_CALLBACK_PATH = '/api/v1/connections/oauth/callback';

/**
 * "Connect with ClickUp": ClickUp's OAuth round trip (`ClickUpOAuthFlow`), then the token checked like a personal
 * one and stored as a connection, and the browser sent back to the dashboard with it or a readable reason.
 */
@Injectable()
export class ConnectionOAuthService {
  constructor(
    private readonly flow: ClickUpOAuthFlow,
    private readonly connections: ConnectionsService,
  ) {}

  authorizeUrl(principal: Principal, name: string): string {
    return this.flow.authorizeUrl(
      { purpose: 'connection', organizationId: principal.organizationId, userId: principal.actor, name },
      OAUTH_CALLBACK_PATH,
      'OAuth is not configured: set CLICKUP_OAUTH_CLIENT_ID and CLICKUP_OAUTH_CLIENT_SECRET, or connect with a personal token',
    );
  }

  /** Always answers with the dashboard URL to send the browser to. */
  async finish(principal: Principal, input: OAuthCallbackInput): Promise<string> {
    try {
      const { claims, token } = await this.flow.exchange(principal, 'connection', input);
      const connection = await this.connections.add(principal, { name: claims.name, type: 'oauth', token });
      return this.flow.dashboardUrl('/connections', { created: connection.id });
    } catch (error) {
      if (error instanceof HttpException)
        return this.flow.dashboardUrl('/connections', { error: error.message });
      throw error;
    }
  }
}
