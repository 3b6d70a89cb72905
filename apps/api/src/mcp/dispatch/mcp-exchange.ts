import { Injectable } from '@nestjs/common';
import type { ServedServer } from '@gw/mcp-servers';
import { McpAdmission, SESSION_HEADER } from '../admission/admission';
import { Denied } from '../admission/denial';
import { McpServerRegistry } from '../admission/registry/mcp-server-registry.service';
import { McpAudit, type CallSession } from '../audit/mcp-audit';
import { header, type McpRequest } from '../mcp-request';
import { batchRefusal } from './batch-policy';
import { classify, ErrorCode, rpcError, type JsonRpcRequest, type JsonRpcResponse } from './json-rpc';
import { McpDispatcher } from './mcp-dispatcher';
import { SessionIds, type ClientInfo } from './session-id';

/** What became of the JSON-RPC messages of one POST. */
export type Exchanged =
  /** Answers for the requests (none when only notifications and responses were sent); `session` is newly issued. */
  | { kind: 'answered'; responses: JsonRpcResponse[]; session?: string }
  /** A batch refused as a whole (HTTP 400). */
  | { kind: 'refused'; response: JsonRpcResponse }
  /** A result that could not be audited, so it is not returned (HTTP 503). */
  | { kind: 'unrecorded'; response: JsonRpcResponse };

/** A legacy HTTP+SSE session: its id is the session the audit rows name; initialize sets its client. */
export interface LegacyExchange {
  readonly id: string;
  client: ClientInfo | null;
}

interface Answer {
  response: JsonRpcResponse;
  session: CallSession;
  recorded: boolean;
}

const unrecordable = (id: JsonRpcRequest['id']) =>
  rpcError(
    id,
    -32002,
    'The audit log is unavailable, so this result cannot be returned. A write may have been applied; check before retrying.',
  );

/**
 * JSON-RPC over an admitted request: the batch rules, one message after another (a batch re-checks its URL before
 * each, so a revoke stops it part-way), each request dispatched and then audited before its answer is released.
 */
@Injectable()
export class McpExchange {
  constructor(
    private readonly dispatcher: McpDispatcher,
    private readonly admission: McpAdmission,
    private readonly audit: McpAudit,
    private readonly sessions: SessionIds,
    private readonly registry: McpServerRegistry,
  ) {}

  async post(
    req: McpRequest,
    server: ServedServer,
    body: unknown,
    onProgress?: (message: string) => void,
  ): Promise<Exchanged> {
    const batch = Array.isArray(body);
    const messages: unknown[] = batch ? body : [body];
    const refusal = batch ? batchRefusal(messages, header(req, 'mcp-protocol-version')) : null;
    if (refusal) return { kind: 'refused', response: refusal };
    const client = this.sessions.read(header(req, SESSION_HEADER), server.id);
    // Only a session id this server signed reaches the audit log; anything else a client sends is dropped.
    let session: CallSession = { client, id: client ? header(req, SESSION_HEADER) : undefined };
    let issued: string | undefined;
    const responses: JsonRpcResponse[] = [];
    let current = server;
    for (const [index, value] of messages.entries()) {
      if (batch) {
        const admitted = await this.admission.recheck(req.token);
        if (admitted instanceof Denied) {
          await this.refuseRest(req, server, messages.slice(index), admitted, session, responses);
          break;
        }
        current = admitted;
      }
      const message = classify(value);
      if (message.kind === 'invalid') {
        responses.push(rpcError(message.id, ErrorCode.InvalidRequest, `Invalid Request: ${message.reason}`));
      } else if (message.kind === 'request') {
        const renew = (next: ClientInfo): CallSession => {
          issued = this.sessions.issue(next, current.id);
          return { client: next, id: issued };
        };
        const answer = await this.answer(req, current, message.message, session, renew, onProgress);
        if (!answer.recorded) return { kind: 'unrecorded', response: answer.response };
        session = answer.session;
        responses.push(answer.response);
      }
    }
    this.registry.noteUse(server.id, session.client?.name ?? null, req.ip);
    return { kind: 'answered', responses, session: issued };
  }

  /** One message of a legacy HTTP+SSE session: its answer, or null for a notification or a response. */
  async legacy(
    req: McpRequest,
    server: ServedServer,
    body: unknown,
    legacy: LegacyExchange,
    onProgress?: (message: string) => void,
  ): Promise<JsonRpcResponse | null> {
    const message = classify(body);
    if (message.kind === 'invalid')
      return rpcError(message.id, ErrorCode.InvalidRequest, `Invalid Request: ${message.reason}`);
    if (message.kind !== 'request') return null;
    const renew = (next: ClientInfo): CallSession => {
      legacy.client = next;
      return { client: next, id: legacy.id };
    };
    const session = { client: legacy.client, id: legacy.id };
    const answer = await this.answer(req, server, message.message, session, renew, onProgress);
    this.registry.noteUse(server.id, legacy.client?.name ?? null, req.ip);
    return answer.response;
  }

  /** Dispatches a request and records it; the answer is released only once its audit row is committed. */
  private async answer(
    req: McpRequest,
    server: ServedServer,
    request: JsonRpcRequest,
    session: CallSession,
    renew: (client: ClientInfo) => CallSession,
    onProgress?: (message: string) => void,
  ): Promise<Answer> {
    const started = performance.now();
    const outcome = await this.dispatcher.dispatch(request, server, {
      origin: {
        client_name: session.client?.name ?? null,
        client_version: session.client?.version ?? null,
        session_id: session.id ?? null,
        request_id: req.id,
        ip: req.ip,
        user_agent: header(req, 'user-agent') ?? null,
      },
      onProgress,
    });
    const next = outcome.client ? renew(outcome.client) : session;
    try {
      await this.audit.call(req, server, request.method, outcome, next, performance.now() - started);
    } catch {
      // A result is never returned without its audit row (the action may have happened; say so).
      return { response: unrecordable(request.id), session: next, recorded: false };
    }
    return { response: outcome.response, session: next, recorded: true };
  }

  /** The requests of a batch left when its server stopped admitting them: each answered and audited as denied. */
  private async refuseRest(
    req: McpRequest,
    server: ServedServer,
    rest: unknown[],
    denial: Denied,
    session: CallSession,
    responses: JsonRpcResponse[],
  ): Promise<void> {
    for (const value of rest) {
      const message = classify(value);
      if (message.kind !== 'request') continue;
      await this.audit.refused(req, server, message.message.method, denial, session);
      responses.push(rpcError(message.message.id, -32001, denial.message));
    }
  }
}
