/**
 * The associated data a connection's ClickUp token is sealed with, so a ciphertext opens only for its own row. The
 * api seals and opens it; the worker opens it to replay queued calls.
 */
export function connectionCredentialAad(connectionId: string): string {
  return `clickup-connection:${connectionId}`;
}

/**
 * The associated data of a person's linked ClickUp token: bound to the person and organization, of which there is
 * one row each, so a ciphertext copied to another person's row does not open.
 */
export function linkedAccountCredentialAad(organizationId: string, userId: string): string {
  return `clickup-linked-account:${organizationId}:${userId}`;
}

/** The associated data of an organization's console SSO client secret (one per organization). */
export function ssoClientSecretAad(organizationId: string): string {
  return `sso-client-secret:${organizationId}`;
}

/** The associated data of an IdP refresh token, bound to its `sso_identities` row. */
export function ssoRefreshTokenAad(identityId: string): string {
  return `sso-refresh-token:${identityId}`;
}

/** The associated data of one of the MCP authorization server's key sets (`jwks`, `cookies`), bound to its name. */
export function oauthProviderKeyAad(name: string): string {
  return `oauth_provider_keys:${name}`;
}
