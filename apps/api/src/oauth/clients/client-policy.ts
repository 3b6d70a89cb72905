import { errors } from 'oidc-provider';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const NOT_PRIVATE_USE = new Set([
  'javascript:',
  'data:',
  'file:',
  'vbscript:',
  'about:',
  'blob:',
  'ftp:',
  'ws:',
  'wss:',
]);

/** What a client may declare, checked by `checkClientMetadata`. */
export interface ClientMetadataDraft {
  redirect_uris?: unknown;
  scope?: unknown;
  token_endpoint_auth_method?: unknown;
  application_type?: unknown;
  grant_types?: unknown;
}

/**
 * The gateway's rules for an MCP client, whether it registered (RFC 7591) or is identified by its client metadata
 * document: a public client (PKCE, no secret: `token_endpoint_auth_method: none`) that uses the authorization code
 * and refresh token grants, whose redirect URIs are https, http on a loopback host (a client on the person's own
 * machine), or a private-use scheme of an installed app (`cursor://…`). A client that declared a private-use
 * scheme without saying it is a native app is taken as one, so oidc-provider applies RFC 8252's native-app rules.
 * Returns the refusal, or null.
 */
export function clientMetadataRefusal(metadata: ClientMetadataDraft): string | null {
  if (metadata.token_endpoint_auth_method !== 'none') {
    return 'token_endpoint_auth_method must be none: MCP clients here are public clients using PKCE';
  }
  const grants = Array.isArray(metadata.grant_types) ? metadata.grant_types : [];
  if (grants.some((grant) => grant !== 'authorization_code' && grant !== 'refresh_token')) {
    return 'grant_types may only be authorization_code and refresh_token';
  }
  const uris = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris : [];
  if (uris.length === 0) return 'redirect_uris must contain members';
  for (const uri of uris) {
    const parsed = typeof uri === 'string' ? URL.parse(uri) : null;
    if (!parsed) return 'redirect_uris must only contain valid uris';
    if (parsed.protocol === 'https:') continue;
    if (parsed.protocol === 'http:') {
      if (LOOPBACK_HOSTS.has(parsed.hostname)) continue;
      return `redirect_uris: ${uri} uses http on a host that is not loopback; use https`;
    }
    if (NOT_PRIVATE_USE.has(parsed.protocol))
      return `redirect_uris must not use the ${parsed.protocol} scheme`;
  }
  return null;
}

/** Native when a redirect URI uses a private-use scheme and the client did not say what it is. */
export function applicationTypeOf(metadata: ClientMetadataDraft): unknown {
  if (metadata.application_type !== undefined) return metadata.application_type;
  const uris = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris : [];
  const privateUse = uris.some((uri) => {
    const protocol = typeof uri === 'string' ? URL.parse(uri)?.protocol : undefined;
    return protocol !== undefined && protocol !== 'https:' && protocol !== 'http:';
  });
  return privateUse ? 'native' : metadata.application_type;
}

/**
 * oidc-provider's hook for extra client metadata runs before its own validation, for registered clients and
 * metadata documents alike; the gateway lists RFC 7591's `software_id` and `software_version` as extra properties
 * and applies its rules once, on the first.
 */
export const EXTRA_CLIENT_PROPERTIES = ['software_id', 'software_version'];

export function validateClientMetadata(key: string, metadata: ClientMetadataDraft): void {
  if (key !== EXTRA_CLIENT_PROPERTIES[0]) return;
  metadata.application_type = applicationTypeOf(metadata);
  // What a client may reach is its resource and the person's consent, not a scope list it declares: MCP clients
  // declare scopes of other servers (`email profile`), which the provider would refuse to register.
  delete metadata.scope;
  const refusal = clientMetadataRefusal(metadata);
  if (refusal) throw new errors.InvalidClientMetadata(refusal);
}
