import { signInResource } from '../../../oauth/mcp-access-tokens';

/**
 * Where a sign-in server's metadata is (RFC 9728 §3.1: the well-known prefix before the resource's path). Built on
 * PUBLIC_URL as a whole, so a gateway published under a path prefix serves it behind the same prefix.
 */
export function protectedResourceMetadataUrl(publicUrl: string, serverId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/.well-known/oauth-protected-resource/mcp/servers/${serverId}`;
}

/** The protected resource metadata (RFC 9728) of a sign-in server: its URL, and that the gateway signs people in. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  bearer_methods_supported: ['header'];
  resource_name: string;
}

export function protectedResourceMetadata(
  publicUrl: string,
  server: { id: string; name: string },
): ProtectedResourceMetadata {
  return {
    resource: signInResource(publicUrl, server.id),
    // The gateway is the authorization server of its sign-in servers; its issuer is PUBLIC_URL itself.
    authorization_servers: [publicUrl.replace(/\/+$/, '')],
    bearer_methods_supported: ['header'],
    resource_name: server.name,
  };
}

/**
 * The challenge of a 401 at a sign-in URL (MCP authorization, RFC 9728 §5.1): where to learn how to sign in, and
 * `invalid_token` when a token was sent and refused (RFC 6750 §3.1).
 */
export function bearerChallenge(publicUrl: string, serverId: string, tokenSent: boolean): string {
  const metadata = `resource_metadata="${protectedResourceMetadataUrl(publicUrl, serverId)}"`;
  return tokenSent ? `Bearer ${metadata}, error="invalid_token"` : `Bearer ${metadata}`;
}
