import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Envelope } from './envelope';

/** What `initialize` tells an agent about the tools, once per session. */
export const SERVER_INSTRUCTIONS =
  'ClickUp is organised as Workspace → Space → Folder (optional) → List → Task → Subtask. ' +
  'Start with workspace_hierarchy (the whole tree in one call) or workspace_find (names to ids), then use the ids. ' +
  'Every tool answers {ok, result, issues}; its outputSchema names the fields of result. When ok is false, each issue has code (VALIDATION_ERROR, AUTH_ERROR, ' +
  'FORBIDDEN, NOT_FOUND, RATE_LIMIT, UPSTREAM_ERROR, CLICKUP_ACCOUNT_NOT_LINKED, APPROVAL_REQUIRED) and message, and ' +
  'may have path (the argument at fault), retry_after_ms, upstream_status, queued with job_id (the write is queued: ' +
  'check it with retry_job_get), link_url (a page the user must open first, to link their ClickUp account), and ' +
  'approval_id with approval_url (a person must approve the call first: tell the user, then check it with ' +
  'approval_get). ' +
  'When ok is true, issues may still hold NOT_APPLIED: ClickUp accepted the call but kept something else for the ' +
  'field in path (the message says what was asked and what ClickUp kept). ' +
  'Times are given as <name>_ms (epoch ms) and <name>_iso (outputSchemas name the _ms one). ' +
  'Lists return items, next_cursor (null at the end) and truncated (outputSchemas name items).';

/**
 * What `initialize` tells an agent on a server whose `tools/list` is progressive (`config.catalog`): how to find
 * its tools, then the same as every server.
 */
export const PROGRESSIVE_INSTRUCTIONS =
  'This server lists its tools on demand: find one with tool_search, read its schemas with tool_describe, then run ' +
  'it with tool_call {name, arguments} (or call it by its name). ' +
  SERVER_INSTRUCTIONS;

/** The envelope as MCP wants it: structured, and the same JSON as text for clients that only read text. */
export function toCallToolResult(envelope: Envelope): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(envelope) }],
    structuredContent: envelope as unknown as Record<string, unknown>,
    isError: !envelope.ok,
  };
}

/** `toCallToolResult(envelope)` as JSON, with the envelope serialized once for the text and the structured content. */
export function callToolResultJson(envelope: Envelope): string {
  const json = JSON.stringify(envelope);
  return `{"content":[{"type":"text","text":${JSON.stringify(json)}}],"structuredContent":${json},"isError":${!envelope.ok}}`;
}
