import type { AccountLink } from '../execution/caller/caller-accounts.service';
import { ErrorCode, rpcError, type JsonRpcId, type JsonRpcResponse } from './json-rpc';

/**
 * Whether a client declared URL-mode elicitation: `capabilities.elicitation.url` (MCP 2025-11-25 and 2026-07-28).
 * An empty `elicitation` object means form mode only, so it does not count.
 */
export function declaresUrlElicitation(capabilities: unknown): boolean {
  const elicitation = objectAt(capabilities, 'elicitation');
  return elicitation !== null && objectAt(elicitation, 'url') !== null;
}

/**
 * The `URLElicitationRequiredError` of MCP's elicitation spec: the request cannot be processed until the person
 * opens the URL (here, to link their ClickUp account); the client may retry it afterwards.
 */
export function urlElicitationRequired(id: JsonRpcId, link: AccountLink): JsonRpcResponse {
  return rpcError(id, ErrorCode.UrlElicitationRequired, link.message, {
    elicitations: [{ mode: 'url', elicitationId: link.elicitationId, url: link.url, message: link.message }],
  });
}

function objectAt(holder: unknown, key: string): Record<string, unknown> | null {
  if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) return null;
  const value = (holder as Record<string, unknown>)[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
