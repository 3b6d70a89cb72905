import { acceptsSecretUrl, type McpServerEntity } from '@gw/db';

export const MCP_SERVER_STATES = ['active', 'expiring_soon', 'expired', 'revoked'] as const;
export type McpServerState = (typeof MCP_SERVER_STATES)[number];

export const EXPIRING_SOON_MS = 7 * 24 * 60 * 60 * 1000;

/** Derived, never stored: a server turns `expired` the moment its date passes, whatever the jobs have done. */
export function serverState(
  server: Pick<McpServerEntity, 'revokedAt' | 'expiresAt' | 'tokenHash' | 'config'>,
  now = Date.now(),
): McpServerState {
  if (server.revokedAt) return 'revoked';
  const expiresAt = server.expiresAt?.getTime() ?? null;
  // A purged token (the expiry job ran) cannot work again until the server is rotated; a sign-in-only server has none.
  const purged = server.tokenHash === null && acceptsSecretUrl(server.config);
  if (purged || (expiresAt !== null && expiresAt <= now)) return 'expired';
  if (expiresAt !== null && expiresAt - now < EXPIRING_SOON_MS) return 'expiring_soon';
  return 'active';
}
