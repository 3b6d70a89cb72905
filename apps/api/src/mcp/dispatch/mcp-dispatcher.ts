import { Injectable } from '@nestjs/common';
import {
  callToolResultJson,
  failEnvelope,
  isMetaTool,
  metaToolCall,
  PROGRESSIVE_INSTRUCTIONS,
  SERVER_INSTRUCTIONS,
  TOOL_CALL,
  unwrapToolCall,
  toCallToolResult,
  ToolCatalog,
  type Envelope,
} from '@gw/mcp-tools';
import type { ServedServer } from '@gw/mcp-servers';
import { outcomeOf } from '@gw/audit-recorder';
import { activeSpan, inSpan, markError, parseTraceparent, SPANS, type Span } from '@gw/tracing';
import { ActivePauses } from '../../pauses/active-pauses.service';
import type { AdmittedMessage } from '../admission/message-admission';
import { ToolCallRunner, type CallOrigin } from '../execution/tool-call-runner';
import { discoverResult } from './discover';
import {
  ErrorCode,
  JsonText,
  rpcError,
  rpcResult,
  type JsonRpcId,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from './json-rpc';
import { ModernResults, SUBSCRIPTION_ID_META } from './modern-results';
import { legacyVersionFor, type Generation } from './protocol-versions';
import type { ClientInfo } from './session-id';
import { followerOf } from '../execution/queued-calls.service';
import { TaskMethods, type TaskMethod } from './tasks/task-methods';
import { missingTasksCapability, takesTasks, TASKS_EXTENSION_CAPABILITY } from './tasks/tasks-extension';
import { declaresUrlElicitation, urlElicitationRequired } from './url-elicitation';

export const SERVER_INFO = {
  name: 'clickup-mcp-gateway',
  title: 'ClickUp (via MCP gateway)',
  version: '0.1.0',
};

/** A `subscriptions/listen` request accepted: the transport keeps its response stream open. */
export interface Subscription {
  id: JsonRpcId;
  /** The notification types the gateway agreed to send (it has tools only). */
  notifications: { toolsListChanged?: true };
}

/** What one handled request tells the layers around it (the HTTP answer, the audit log). */
export interface Dispatched {
  response: JsonRpcResponse;
  /** The HTTP status of an answer that is not 200 (2026-07-28 answers an unknown method with 404). */
  status?: number;
  /** Set on `initialize`: the client that introduced itself. */
  client?: ClientInfo;
  tool?: string;
  /** The arguments as the agent sent them (the audit log redacts them). */
  arguments?: unknown;
  envelope?: Envelope;
  /** The retry job a tools/call went to, even when it finished within the call's budget. */
  jobId?: string | null;
  /** The ClickUp user a tools/call acted as. */
  clickupUserId?: number | null;
  /** Set on `subscriptions/listen`; `response` is then the result that ends the subscription gracefully. */
  subscription?: Subscription;
  /** Why a tools/call did not run although it was well formed (its server is paused): the audit row keeps it. */
  refusal?: string;
}

/** Where a request came from, how it speaks MCP, and where its progress notifications go (when asked for). */
export interface DispatchContext {
  origin: CallOrigin;
  message: AdmittedMessage;
  onProgress?: (message: string) => void;
  /** The client declared URL-mode elicitation: in its session's `initialize` (legacy), or on this request (2026-07-28). */
  elicitsUrls?: boolean;
}

type Handler = (
  request: JsonRpcRequest,
  params: Record<string, unknown>,
  server: ServedServer,
  context: DispatchContext,
) => Dispatched | Promise<Dispatched>;

/** `toCallToolResult`'s answer with the envelope serialized once, for the text and the structured content alike. */
export function toolResultText(envelope: Envelope): JsonText {
  return new JsonText(callToolResultJson(envelope), () => toCallToolResult(envelope));
}

/**
 * MCP's server side for the methods this gateway offers, per protocol generation, dispatched by hand: the tool
 * listing is precomputed per server and arguments are validated once by the catalog, which keeps the gateway's own
 * cost per call far below a ClickUp round trip (docs/adr/0002-mcp-dispatch.md). Sessions (2025-11-25 and earlier)
 * open with `initialize`; 2026-07-28 requests stand alone and removed `initialize`, `ping` and `logging/setLevel`.
 */
@Injectable()
export class McpDispatcher {
  private readonly modern = new ModernResults(SERVER_INFO);
  private readonly discovery = JSON.stringify(
    discoverResult({
      serverInfo: SERVER_INFO,
      instructions: SERVER_INSTRUCTIONS,
      extensions: TASKS_EXTENSION_CAPABILITY,
    }),
  );
  private readonly progressiveDiscovery = JSON.stringify(
    discoverResult({
      serverInfo: SERVER_INFO,
      instructions: PROGRESSIVE_INSTRUCTIONS,
      extensions: TASKS_EXTENSION_CAPABILITY,
    }),
  );

  constructor(
    private readonly calls: ToolCallRunner,
    private readonly catalog: ToolCatalog,
    private readonly tasks: TaskMethods,
    private readonly pauses: ActivePauses,
  ) {}

  private readonly methods: Record<Generation, Readonly<Record<string, Handler>>> = {
    legacy: {
      initialize: (request, params, server) => this.initialize(request, params, server),
      ping: (request) => ({ response: rpcResult(request.id, {}) }),
      'tools/list': (request, _params, server) => ({
        response: rpcResult(
          request.id,
          new JsonText(server.selection.json, () => ({ tools: server.selection.listing })),
        ),
      }),
      'tools/call': (request, params, server, context) => this.callTool(request, params, server, context),
      // Accepted for clients that set it; tool outcomes travel in the result envelope, not as log messages.
      'logging/setLevel': (request) => ({ response: rpcResult(request.id, {}) }),
    },
    modern: {
      'server/discover': (request, _params, server) => {
        const discovery = server.selection.progressive ? this.progressiveDiscovery : this.discovery;
        return { response: rpcResult(request.id, new JsonText(discovery, () => JSON.parse(discovery))) };
      },
      'tools/list': (request, _params, server) => {
        const listing = this.modern.listing(server.selection);
        return { response: rpcResult(request.id, new JsonText(listing, () => JSON.parse(listing))) };
      },
      'tools/call': (request, params, server, context) => this.callTool(request, params, server, context),
      'subscriptions/listen': (request, params, server, context) =>
        this.listen(request, params, server, context),
      // The tasks extension: no tasks/list (no caller can learn of another's tasks), no tasks/result.
      'tasks/get': (request, _params, server, context) => this.task(request, server, context),
      'tasks/update': (request, _params, server, context) => this.task(request, server, context),
      'tasks/cancel': (request, _params, server, context) => this.task(request, server, context),
    },
  };

  async dispatch(
    request: JsonRpcRequest,
    server: ServedServer,
    context: DispatchContext,
  ): Promise<Dispatched> {
    const generation = context.message.protocol.generation;
    const table = this.methods[generation];
    // Own keys only: a method named `constructor` or `__proto__` must not reach Object.prototype.
    const handler = Object.hasOwn(table, request.method) ? table[request.method] : undefined;
    if (!handler) {
      return {
        response: rpcError(request.id, ErrorCode.MethodNotFound, `Method not found: ${request.method}`),
        // 2026-07-28 tells an unknown method from a server without an MCP endpoint by the 404 and the body.
        ...(generation === 'modern' ? { status: 404 } : {}),
      };
    }
    const unwrapped = unwrapProgressiveCall(request, server);
    return handler(unwrapped, unwrapped.params ?? {}, server, context);
  }

  private initialize(
    request: JsonRpcRequest,
    params: Record<string, unknown>,
    server: ServedServer,
  ): Dispatched {
    const clientInfo = (params['clientInfo'] ?? {}) as { name?: unknown; version?: unknown };
    return {
      response: rpcResult(request.id, {
        protocolVersion: legacyVersionFor(params['protocolVersion']),
        capabilities: { tools: { listChanged: true }, logging: {} },
        serverInfo: SERVER_INFO,
        instructions: server.selection.progressive ? PROGRESSIVE_INSTRUCTIONS : SERVER_INSTRUCTIONS,
      }),
      client: {
        name: typeof clientInfo.name === 'string' ? clientInfo.name : null,
        version: typeof clientInfo.version === 'string' ? clientInfo.version : null,
        urlElicitation: declaresUrlElicitation(params['capabilities']),
      },
    };
  }

  /**
   * A `tools/call` in its `tool.call` span: the tool, its outcome and issue codes, never its arguments. A trace the
   * client named in `_meta.traceparent` that is not the HTTP request's own is linked.
   */
  private callTool(
    request: JsonRpcRequest,
    params: Record<string, unknown>,
    server: ServedServer,
    context: DispatchContext,
  ): Promise<Dispatched> {
    const named = context.message.trace ? parseTraceparent(context.message.trace.traceparent) : null;
    const links =
      named && named.traceId !== activeSpan().spanContext().traceId ? [{ context: named }] : undefined;
    return inSpan(SPANS.toolCall, { links }, async (span) => {
      const dispatched = await this.runToolCall(request, params, server, context);
      if (span.isRecording()) describeToolCall(span, server, params, dispatched);
      return dispatched;
    });
  }

  private async runToolCall(
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
    const generation = context.message.protocol.generation;
    const meta = server.selection.progressive && isMetaTool(name);
    if (generation === 'modern' && !meta && !this.catalog.tools.has(name)) {
      // 2026-07-28 makes an unknown tool a protocol error; a known tool this URL does not allow stays FORBIDDEN.
      return { response: rpcError(request.id, ErrorCode.InvalidParams, `Unknown tool: ${name}`), tool: name };
    }
    const paused = this.pauses.refusalFor(server);
    if (paused) {
      const refused = failEnvelope([{ code: 'FORBIDDEN', message: paused }]);
      return {
        response: rpcResult(request.id, this.toolResult(refused, generation)),
        tool: name,
        arguments: args ?? {},
        envelope: refused,
        refusal: paused,
      };
    }
    if (meta) {
      // tool_search, tool_describe, or a tool_call whose arguments could not name a tool: answered from the
      // server's selection, without ClickUp.
      const answered = metaToolCall(name, args, server.selection, this.catalog.tools);
      return {
        response: rpcResult(request.id, this.toolResult(answered, generation)),
        tool: name,
        arguments: args ?? {},
        envelope: answered,
      };
    }
    let envelope: Envelope;
    let jobId: string | null = null;
    let clickupUserId: number | null = null;
    const taskable = takesTasks(context.message.meta);
    if (server.selection.names.has(name)) {
      const outcome = await this.calls.run(
        server,
        name,
        (args ?? {}) as Record<string, unknown>,
        context.origin,
        {
          onProgress: context.onProgress,
          detached: taskable,
        },
      );
      ({ envelope, jobId, clickupUserId } = outcome);
      // A client that takes URL-mode elicitations is told in the protocol's own way; the audit row still reads the
      // envelope, so both answers are recorded alike.
      if (outcome.accountLink && context.elicitsUrls) {
        return {
          response: urlElicitationRequired(request.id, outcome.accountLink),
          tool: name,
          arguments: args ?? {},
          envelope,
          jobId: null,
          clickupUserId: null,
        };
      }
    } else {
      envelope = {
        ok: false,
        result: null,
        issues: [{ code: 'FORBIDDEN', message: `The tool ${name} is not available on this MCP server.` }],
      };
    }
    // A queued call, or one held for approval, is a task for a client that takes tasks; the envelope still tells the
    // audit row what happened.
    const follower = followerOf(server.id, context.origin);
    const task =
      taskable && jobId
        ? isHeld(envelope)
          ? await this.tasks.heldForApproval(follower, jobId)
          : isQueued(envelope)
            ? await this.tasks.created(follower, jobId)
            : null
        : null;
    return {
      response: rpcResult(
        request.id,
        task ? this.modern.object(task) : this.toolResult(envelope, generation),
      ),
      tool: name,
      arguments: args ?? {},
      envelope,
      jobId,
      clickupUserId,
    };
  }

  /** A request of the tasks extension, its result naming the server in `_meta` as every 2026-07-28 result does. */
  private async task(
    request: JsonRpcRequest,
    server: ServedServer,
    context: DispatchContext,
  ): Promise<Dispatched> {
    const dispatched = await this.tasks.dispatch(
      request as JsonRpcRequest & { method: TaskMethod },
      followerOf(server.id, context.origin),
      context.message.meta,
    );
    const { response } = dispatched;
    if (!('result' in response)) return dispatched;
    return { ...dispatched, response: rpcResult(response.id, this.modern.object(response.result as object)) };
  }

  /** The envelope as text and as structured content (its `outputSchema`), with `isError` when it is not ok. */
  private toolResult(envelope: Envelope, generation: Generation): JsonText {
    if (generation === 'legacy') return toolResultText(envelope);
    const json = this.modern.result(callToolResultJson(envelope));
    return new JsonText(json, () => JSON.parse(json));
  }

  /**
   * `subscriptions/listen`: the gateway has tools only, so it agrees to `toolsListChanged` and to nothing else.
   * The response is held back; it is the result sent when the gateway ends the subscription itself.
   */
  private listen(
    request: JsonRpcRequest,
    params: Record<string, unknown>,
    server: ServedServer,
    context: DispatchContext,
  ): Dispatched {
    // A paused server keeps no stream open (open ones are closed by NotificationStreams).
    const paused = this.pauses.refusalFor(server);
    if (paused) return { response: rpcError(request.id, ErrorCode.InvalidRequest, paused), status: 403 };
    const filter = params['notifications'];
    if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
      return {
        response: rpcError(
          request.id,
          ErrorCode.InvalidParams,
          'subscriptions/listen needs params.notifications (an object)',
        ),
      };
    }
    // Task status notifications are the tasks extension's; they are not sent (tasks are polled), so a declaring
    // client is acknowledged without task ids, and the extension asks that any other be told what it lacks.
    if ('taskIds' in filter && !takesTasks(context.message.meta)) {
      return { response: missingTasksCapability(request.id, 'subscriptions/listen with taskIds') };
    }
    const wanted = (filter as Record<string, unknown>)['toolsListChanged'] === true;
    const closing = this.modern.result('{}', { [SUBSCRIPTION_ID_META]: request.id });
    return {
      response: rpcResult(request.id, new JsonText(closing, () => JSON.parse(closing))),
      subscription: { id: request.id, notifications: wanted ? { toolsListChanged: true } : {} },
    };
  }
}

/**
 * A progressive server's `tool_call {name, arguments}` as the call of the named tool, made before anything reads the
 * request: the selection, the pause, the guards, approvals, the queue and the audit row all see the real tool, as if
 * the agent had called it directly. A `tool_call` whose arguments name no tool is left as it is (and refused).
 */
export function unwrapProgressiveCall(request: JsonRpcRequest, server: ServedServer): JsonRpcRequest {
  const params = request.params;
  if (request.method !== 'tools/call' || !server.selection.progressive || params?.['name'] !== TOOL_CALL) {
    return request;
  }
  const call = unwrapToolCall(params['arguments']);
  return call ? { ...request, params: { ...params, name: call.name, arguments: call.arguments } } : request;
}

const isQueued = (envelope: Envelope) => envelope.issues.some((issue) => issue.queued === true);
const isHeld = (envelope: Envelope) => envelope.issues.some((issue) => issue.code === 'APPROVAL_REQUIRED');

/**
 * What a `tool.call` span says: the tool, the server, the outcome as the audit row reads it (`ok`, `error`, `denied`,
 * `queued`), the issue codes and the retry job a queued call went to. A call refused as a protocol error (no tool
 * name, arguments not an object) is an `error` with the JSON-RPC error code.
 */
function describeToolCall(
  span: Span,
  server: ServedServer,
  params: Record<string, unknown>,
  dispatched: Dispatched,
): void {
  const tool = dispatched.tool ?? (typeof params['name'] === 'string' ? params['name'] : '');
  span.setAttributes({
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': tool.slice(0, 128),
    'mcp.server.id': server.id,
  });
  if (!dispatched.envelope) {
    const code = 'error' in dispatched.response ? dispatched.response.error.code : 0;
    span.setAttributes({ 'gateway.tool.outcome': 'error', 'rpc.jsonrpc.error_code': code });
    markError(span, 'invalid_request');
    return;
  }
  const outcome = outcomeOf(dispatched.envelope);
  span.setAttributes({
    'gateway.tool.outcome': outcome.outcome,
    'gateway.tool.issue_codes': outcome.issueCodes,
  });
  // The retry job the call went to, even one that finished within the call's budget.
  const jobId = dispatched.jobId ?? outcome.jobId;
  if (jobId) span.setAttribute('gateway.job.id', jobId);
  if (outcome.upstreamStatus !== null) span.setAttribute('clickup.upstream_status', outcome.upstreamStatus);
  if (outcome.outcome === 'error') markError(span, outcome.issueCodes[0] ?? 'error');
}
