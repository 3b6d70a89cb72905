import type { ClickUpCredential } from '@gw/clickup-client';
import type { McpServerConfig } from '@gw/db';
import type { Scope, ToolSelection } from '@gw/mcp-tools';

/**
 * An MCP server as a call runs for it, in the api and in the worker alike: who it belongs to, what it may reach
 * (its tool selection and scope) and the ClickUp credential it acts with. Built once per server version by
 * `McpServerLoader` and reused until the server or its connection changes.
 */
export interface ServedServer {
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
  /** The ClickUp user the calls act as: the connection's, or on a per-person view the caller's (`asCaller`). */
  clickupUserId: number;
  /** The name of the server's workspace as its connection last listed it, for messages; absent when unknown. */
  workspaceName?: string | null;
}
