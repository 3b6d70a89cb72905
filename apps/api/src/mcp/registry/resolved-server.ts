import type { ClickUpCredential } from '@gw/clickup-client';
import type { McpServerConfig } from '@gw/db';
import type { Scope, ToolSelection } from '@gw/mcp-tools';

/** Everything a request to one MCP URL needs, built once per server and reused until the server changes. */
export interface ResolvedServer {
  id: string;
  organizationId: string;
  teamId: string | null;
  name: string;
  connectionId: string;
  config: McpServerConfig;
  expiresAt: number | null;
  selection: ToolSelection;
  scope: Scope;
  credential: ClickUpCredential;
  /** The token's key in the shared request budget. */
  fingerprint: string;
}

/**
 * What a token names right now. `unconfirmed`: this process could not confirm for too long that its cache is
 * current, so it vouches for no token (the request gets 503 rather than a grant that may have been revoked).
 */
export type Resolution =
  | { kind: 'ok'; server: ResolvedServer }
  | { kind: 'expired'; server: ResolvedServer }
  | { kind: 'unknown' }
  | { kind: 'unconfirmed' };
