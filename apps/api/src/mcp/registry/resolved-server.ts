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

export type Resolution =
  { kind: 'ok'; server: ResolvedServer } | { kind: 'expired'; server: ResolvedServer } | { kind: 'unknown' };
