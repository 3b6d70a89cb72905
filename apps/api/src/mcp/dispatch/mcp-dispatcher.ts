import { Injectable } from '@nestjs/common';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { callToolResultJson, SERVER_INSTRUCTIONS, toCallToolResult, type Envelope } from '@gw/mcp-tools';
import type { ServedServer } from '@gw/mcp-servers';
import { ToolCallRunner, type CallOrigin } from '../execution/tool-call-runner';
import {
  ErrorCode,
  JsonText,
  rpcError,
  rpcResult,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from './json-rpc';
import type { ClientInfo } from './session-id';

export const SERVER_INFO = {
  name: 'clickup-mcp-gateway',
  title: 'ClickUp (via MCP gateway)',
  version: '0.1.0',
};

/** What one handled request tells the layers around it (the HTTP answer, the audit log). */
export interface Dispatched {
  response: JsonRpcResponse;
  /** Set on `initialize`: the client that introduced itself. */
  client?: ClientInfo;
  tool?: string;
  /** The arguments as the agent sent them (the audit log redacts them). */
  arguments?: unknown;
  envelope?: Envelope;
  /** The retry job a tools/call went to, even when it finished within the call's budget. */
  jobId?: string | null;
}

/** Where a request came from, and where its progress notifications go (when the client asked for them). */
export interface DispatchContext {
  origin: CallOrigin;
  onProgress?: (message: string) => void;
}

/** `toCallToolResult`'s answer with the envelope serialized once, for the text and the structured content alike. */
export function toolResultText(envelope: Envelope): JsonText {
  return new JsonText(callToolResultJson(envelope), () => toCallToolResult(envelope));
}

/**
 * MCP's server side for the methods this gateway offers (initialize, ping, tools/list, tools/call), dispatched by
 * hand: the tool listing is precomputed per server and arguments are validated once by the catalog, which keeps
 * the gateway's own cost per call far below a ClickUp round trip (docs/adr/0002-mcp-dispatch.md).
 */
@Injectable()
export class McpDispatcher {
  constructor(private readonly calls: ToolCallRunner) {}

  async dispatch(
    request: JsonRpcRequest,
    server: ServedServer,
    context: DispatchContext,
  ): Promise<Dispatched> {
    const params = request.params ?? {};
    switch (request.method) {
      case 'initialize':
        return this.initialize(request, params);
      case 'ping':
        return { response: rpcResult(request.id, {}) };
      case 'tools/list':
        return {
          response: rpcResult(
            request.id,
            new JsonText(server.selection.json, () => ({ tools: server.selection.listing })),
          ),
        };
      case 'tools/call':
        return this.callTool(request, params, server, context);
      case 'logging/setLevel':
        // Accepted for clients that set it; tool outcomes travel in the result envelope, not as log messages.
        return { response: rpcResult(request.id, {}) };
      default:
        return {
          response: rpcError(request.id, ErrorCode.MethodNotFound, `Method not found: ${request.method}`),
        };
    }
  }

  private initialize(request: JsonRpcRequest, params: Record<string, unknown>): Dispatched {
    const requested = params['protocolVersion'];
    const protocolVersion =
      typeof requested === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
        ? requested
        : LATEST_PROTOCOL_VERSION;
    const clientInfo = (params['clientInfo'] ?? {}) as { name?: unknown; version?: unknown };
    return {
      response: rpcResult(request.id, {
        protocolVersion,
        capabilities: { tools: { listChanged: true }, logging: {} },
        serverInfo: SERVER_INFO,
        instructions: SERVER_INSTRUCTIONS,
      }),
      client: {
        name: typeof clientInfo.name === 'string' ? clientInfo.name : null,
        version: typeof clientInfo.version === 'string' ? clientInfo.version : null,
      },
    };
  }

  private async callTool(
    request: JsonRpcRequest,
    params: Record<string, unknown>,
    server: ServedServer,
    context: DispatchContext,
  ): Promise<Dispatched> {
    const name = params['name'];
    if (typeof name !== 'string') {
      return {
        response: rpcError(request.id, ErrorCode.InvalidParams, 'tools/call needs params.name (a string)'),
      };
    }
    const args = params['arguments'];
    if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
      return {
        response: rpcError(
          request.id,
          ErrorCode.InvalidParams,
          'tools/call params.arguments must be an object',
        ),
      };
    }
    let envelope: Envelope;
    let jobId: string | null = null;
    if (server.selection.names.has(name)) {
      ({ envelope, jobId } = await this.calls.run(
        server,
        name,
        (args ?? {}) as Record<string, unknown>,
        context.origin,
        context.onProgress,
      ));
    } else {
      envelope = {
        ok: false,
        result: null,
        issues: [{ code: 'FORBIDDEN', message: `The tool ${name} is not available on this MCP server.` }],
      };
    }
    return {
      response: rpcResult(request.id, toolResultText(envelope)),
      tool: name,
      arguments: args ?? {},
      envelope,
      jobId,
    };
  }
}
