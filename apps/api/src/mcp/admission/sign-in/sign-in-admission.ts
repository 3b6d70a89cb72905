import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '@gw/config';
import type { ServedServer } from '@gw/mcp-servers';
import { sha256Hex } from '@gw/security';
import { maySignInToServer } from '../../../auth/access/server-access';
import { PrincipalResolver } from '../../../auth/principal.resolver';
import { McpAccessTokens, signInResource, type McpAccessGrant } from '../../../oauth/mcp-access-tokens';
import type { SignedInPerson } from '../../mcp-request';
import { Denied } from '../denial';
import { bearerToken } from '../request-checks';
import { bearerChallenge } from './protected-resource';

/**
 * How long a verified access token is taken on trust before the authorization server is asked again: the figure
 * API tokens use. The person behind it is read on every request (see `PrincipalResolver.fromSignedInUser`), so
 * disabling someone applies at once everywhere; only a revoked grant may keep working this long on a process that
 * did not revoke it.
 */
export const ACCESS_TOKEN_TRUST_MS = 500;
/** Cached tokens at most; refused tokens are never cached, so guessing cannot fill it. */
const MAX_CACHED_TOKENS = 10_000;

/**
 * Who a request to a sign-in server (`/mcp/servers/{id}`) acts for: its bearer token, bound to this server
 * (RFC 8707), names a person, who must still be active and allowed to use the server. A missing or refused token is
 * a 401 whose challenge points at the server's protected resource metadata, so the client can sign in; a person who
 * may not use the server is a 403 naming them in the audit log.
 */
@Injectable()
export class SignInAdmission {
  private readonly verified = new Map<string, { grant: McpAccessGrant; until: number }>();

  constructor(
    private readonly principals: PrincipalResolver,
    private readonly app: AppConfig,
    /** The authorization server's verifier; without one in this process, no token is ever accepted. */
    @Optional() @Inject(McpAccessTokens) private readonly tokens?: McpAccessTokens,
  ) {}

  async person(
    headers: Parameters<typeof bearerToken>[0],
    server: ServedServer,
  ): Promise<SignedInPerson | Denied> {
    const token = bearerToken(headers);
    if (!token) {
      return this.unauthorized(
        server,
        'This MCP server needs sign-in: send Authorization: Bearer with an access token for it (see WWW-Authenticate)',
        false,
      );
    }
    const resource = signInResource(this.app.publicUrl, server.id);
    let grant: McpAccessGrant | null;
    try {
      grant = await this.verify(token, resource);
    } catch {
      return new Denied(
        503,
        'The gateway cannot check access tokens right now (its database is not answering); retry shortly',
        { 'retry-after': '1' },
      );
    }
    // The teams that would admit the person, asked about in the same statement as the person.
    const teams = [...(server.teamId ? [server.teamId] : []), ...(server.config.sign_in_team_ids ?? [])];
    const user = grant && (await this.principals.fromSignedInUser(grant.userId, teams));
    if (!grant || !user) {
      return this.unauthorized(
        server,
        'The access token is invalid, expired or not for this MCP server; sign in again',
        true,
      );
    }
    const person: SignedInPerson = {
      userId: user.principal.id,
      email: user.email,
      clientId: grant.clientId,
      clientName: grant.clientName,
      tokenExpiresAt: grant.expiresAt,
    };
    if (!user.active) {
      return new Denied(
        403,
        `The account ${user.email} is disabled; ask an admin of your organization`,
        {},
        server,
        { person },
      );
    }
    const memberships = {
      isMember: (_userId: string, teamId: string) => Promise.resolve(user.memberOf.has(teamId)),
    };
    if (!(await maySignInToServer(user.principal, server, memberships))) {
      return new Denied(
        403,
        `${user.email} may not use the MCP server "${server.name}": it is open to its team's members, the admins ` +
          'and owners, and the people and teams an admin lists on it. Ask an admin to add you.',
        {},
        server,
        { person },
      );
    }
    return person;
  }

  private unauthorized(server: ServedServer, message: string, tokenSent: boolean): Denied {
    return new Denied(
      401,
      message,
      { 'www-authenticate': bearerChallenge(this.app.publicUrl, server.id, tokenSent) },
      undefined,
      // A client's first request carries no token: it is how MCP clients find out how to sign in, not an attack.
      tokenSent
        ? { securityEvent: 'mcp_invalid_bearer' }
        : { securityEvent: 'mcp_bearer_missing', uncharged: true },
    );
  }

  private async verify(token: string, resource: string): Promise<McpAccessGrant | null> {
    if (!this.tokens) return null;
    const key = `${sha256Hex(token)} ${resource}`;
    const now = Date.now();
    const cached = this.verified.get(key);
    if (cached && cached.until > now) return cached.grant;
    this.verified.delete(key);
    const grant = await this.tokens.verify(token, resource);
    // The verifier binds tokens to their resource; a grant for another one is refused here all the same.
    if (!grant || grant.resource !== resource || grant.expiresAt <= now) return null;
    if (this.verified.size >= MAX_CACHED_TOKENS) this.verified.clear();
    this.verified.set(key, { grant, until: Math.min(now + ACCESS_TOKEN_TRUST_MS, grant.expiresAt) });
    return grant;
  }
}
