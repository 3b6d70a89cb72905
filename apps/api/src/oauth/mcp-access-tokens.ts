/**
 * What a verified OAuth access token says about an MCP request to a sign-in server (`/mcp/servers/{id}`): the
 * person who signed in and consented, the client acting for them, and the grant that can be revoked.
 */
export interface McpAccessGrant {
  /** The signed-in person (`users.id`). */
  userId: string;
  /** The OAuth client: a client metadata document URL or a dynamically registered id. */
  clientId: string;
  /** The client's `client_name` from its metadata, when it gave one. */
  clientName: string | null;
  /** The consent this token came from; revoking it ends every token of that connected agent. */
  grantId: string;
  /** The resource (RFC 8707) the token is bound to: `{PUBLIC_URL}/mcp/servers/{id}`. */
  resource: string;
  /** When the access token stops working, in ms since the epoch. */
  expiresAt: number;
}

/**
 * Checks bearer tokens of sign-in MCP servers. Implemented by the authorization server (`OAuthModule`); the MCP
 * admission stage depends only on this contract.
 */
export abstract class McpAccessTokens {
  /**
   * The grant behind an access token when it is known, unexpired, unrevoked and bound to `resource`; null
   * otherwise. Never throws for a bad token; throws only when the store cannot answer.
   */
  abstract verify(accessToken: string, resource: string): Promise<McpAccessGrant | null>;
}

/** The resource URL of a sign-in server, which its tokens are bound to (RFC 8707) and clients connect to. */
export function signInResource(publicUrl: string, serverId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/mcp/servers/${serverId}`;
}
