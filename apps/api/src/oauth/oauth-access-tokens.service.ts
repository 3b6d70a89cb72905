import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { McpAccessTokens, type McpAccessGrant } from './mcp-access-tokens';
import { AuthorizationServer } from './provider/authorization-server';

/** Use of a grant is written at most this often per grant and process: the connected agents page shows minutes. */
const USE_NOTED_EVERY_MS = 60_000;
/** oidc-provider's opaque tokens are 43 characters; anything far from that is not one, and costs no lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * Checks access tokens of sign-in MCP servers against the authorization server's store: one primary-key read per
 * request and no cache, so revoking a grant (which deletes its tokens) stops them at once in every api process.
 */
@Injectable()
export class OAuthAccessTokens extends McpAccessTokens {
  private readonly logger = new Logger('OAuthAccessTokens');
  private readonly usesNoted = new Map<string, number>();

  constructor(
    private readonly server: AuthorizationServer,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async verify(accessToken: string, resource: string): Promise<McpAccessGrant | null> {
    if (!TOKEN_SHAPE.test(accessToken)) return null;
    const token = await this.server.provider.AccessToken.find(accessToken);
    if (!token || token.isExpired || token.aud !== resource || !token.grantId) return null;
    this.noteUse(token.grantId);
    const clientName = token.extra?.['client_name'];
    return {
      userId: token.accountId,
      clientId: token.clientId,
      clientName: typeof clientName === 'string' ? clientName : null,
      grantId: token.grantId,
      resource,
      expiresAt: token.exp * 1000,
    };
  }

  /** Records when a connected agent was first and last used, without holding up the request. */
  private noteUse(grantId: string): void {
    const now = Date.now();
    if (now - (this.usesNoted.get(grantId) ?? 0) < USE_NOTED_EVERY_MS) return;
    this.usesNoted.set(grantId, now);
    if (this.usesNoted.size > 10_000) this.usesNoted.clear();
    this.dataSource
      .query(
        `UPDATE oauth_records SET last_used_at = now(), first_used_at = COALESCE(first_used_at, now())
         WHERE model = 'Grant' AND grant_id = $1`,
        [grantId],
      )
      .catch((error: Error) => this.logger.warn(`could not note the use of a grant: ${error.message}`));
  }
}
