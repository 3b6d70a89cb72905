import type { ClickUpClient } from '@gw/clickup-client';
import type { Scope } from './scope';

/** What a tool handler works with: a client for the server's ClickUp connection and the server's scope. */
export interface ToolContext {
  client: ClickUpClient;
  scope: Scope;
  signal?: AbortSignal;
}
