import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { ToolCatalog, ToolSelection } from './catalog';
import type { Envelope } from './envelope';
import type { ToolContext } from './tool-context';

export interface McpServerOptions {
  catalog: ToolCatalog;
  selection: ToolSelection;
  context: () => ToolContext;
  name?: string;
  version?: string;
  instructions?: string;
}

export const SERVER_INSTRUCTIONS =
  'ClickUp is organised as Workspace → Space → Folder (optional) → List → Task → Subtask. ' +
  'Start with workspace_hierarchy (the whole tree in one call) or workspace_find (names to ids), then use the ids. ' +
  'Every tool answers {ok, result, issues}. When ok is false, each issue has code (VALIDATION_ERROR, AUTH_ERROR, ' +
  'FORBIDDEN, NOT_FOUND, RATE_LIMIT, UPSTREAM_ERROR) and message, and may have path (the argument at fault), ' +
  'retry_after_ms, upstream_status, and queued with job_id (the write is queued: check it with retry_job_get). ' +
  'Times are given as <name>_ms (epoch ms) and <name>_iso. Lists return items, next_cursor and truncated.';

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

/**
 * An MCP server over a fixed tool selection, on the SDK's low-level `Server`: the listing is precomputed, and
 * arguments are validated by the catalog so a bad argument is a `VALIDATION_ERROR` tool result, not a protocol error.
 */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server(
    { name: options.name ?? 'clickup-mcp-gateway', version: options.version ?? '0.1.0' },
    {
      capabilities: { tools: { listChanged: true } },
      instructions: options.instructions ?? SERVER_INSTRUCTIONS,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: options.selection.listing as never[] }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args } = request.params;
    if (!options.selection.names.has(name)) {
      return toCallToolResult({
        ok: false,
        result: null,
        issues: [{ code: 'FORBIDDEN', message: `The tool ${name} is not available on this MCP server.` }],
      });
    }
    return toCallToolResult(await options.catalog.call(name, args, options.context()));
  });
  return server;
}
