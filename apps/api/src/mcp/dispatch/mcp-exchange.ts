import { Injectable } from '@nestjs/common';
import { activeSpan } from '@gw/tracing';
import { McpAdmission, SESSION_HEADER } from '../admission/admission';
import { Denied } from '../admission/denial';
import { admitMessage, type AdmittedMessage } from '../admission/message-admission';
import { McpServerRegistry } from '../admission/registry/mcp-server-registry.service';
import { McpAudit, type CallSession } from '../audit/mcp-audit';
import { McpMetricsRecorder } from '../audit/mcp-metrics.recorder';
import { header, type Admitted, type McpRequest } from '../mcp-request';
import { batchRefusal } from './batch-policy';
import { classify, ErrorCode, rpcError, type JsonRpcRequest, type JsonRpcResponse } from './json-rpc';
import { McpDispatcher, type Dispatched, type Subscription } from './mcp-dispatcher';
import { headerVersionRefusal, isRefusal, type ProtocolRefusal } from './protocol-versions';
import type { TraceContext } from './request-meta';
import { SessionIds, type ClientInfo } from './session-id';
import { declaresUrlElicitation } from './url-elicitation';

/** What became of the JSON-RPC messages of one POST. */
export type Exchanged =
  /**
   * Answers for the requests (none when only notifications and responses were sent); `session` is newly issued;
   * `status` is the HTTP status of a single answer that is not 200 (a 2026-07-28 refusal or unknown method).
   */
  | {
      kind: 'answered';
      responses: JsonRpcResponse[];
      session?: string;
      status?: number;
      /** The trace context the (last) request carried, for the request's log line. */
      trace?: TraceContext;
    }
  /** A `subscriptions/listen` accepted: its stream stays open; `closing` is sent when the gateway ends it. */
  | { kind: 'subscribed'; subscription: Subscription; closing: JsonRpcResponse; trace?: TraceContext }
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
  status?: number;
  subscription?: Subscription;
  trace?: TraceContext;
}

const unrecordable = (id: JsonRpcRequest['id']) =>
  rpcError(
    id,
    -32002,
    'The audit log is unavailable, so this result cannot be returned. A write may have been applied; check before retrying.',
  );

const notRun = (id: JsonRpcRequest['id']) =>
  rpcError(
    id,
    -32002,
    'The audit log is unavailable, so this call was not run and nothing was changed. Try again later.',
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
    private readonly metrics: McpMetricsRecorder,
  ) {}

  async post(
    req: McpRequest,
    admitted: Admitted,
    body: unknown,
    onProgress?: (message: string) => void,
  ): Promise<Exchanged> {
    const batch = Array.isArray(body);
    const messages: unknown[] = batch ? body : [body];
    if (batch) activeSpan().setAttribute('mcp.batch.size', messages.length);
    if (batch) {
      const version = header(req, 'mcp-protocol-version');
      const unsupported = headerVersionRefusal(version);
      const refusal = unsupported ? refusalOf(null, unsupported) : batchRefusal(messages, version);
      if (refusal) return { kind: 'refused', response: refusal };
    }
    const server = admitted.server;
    const client = this.sessions.read(header(req, SESSION_HEADER), server.id);
    // Only a session id this server signed reaches the audit log; anything else a client sends is dropped.
    let session: CallSession = { client, id: client ? header(req, SESSION_HEADER) : undefined };
    let issued: string | undefined;
    let status: number | undefined;
    let trace: TraceContext | undefined;
    const responses: JsonRpcResponse[] = [];
    let current = admitted;
    for (const [index, value] of messages.entries()) {
      if (batch) {
        const rechecked = await this.admission.recheck(req);
        if (rechecked instanceof Denied) {
          await this.refuseRest(req, admitted, messages.slice(index), rechecked, session, responses);
          break;
        }
        current = { server: rechecked, person: admitted.person };
      }
      const message = classify(value);
      if (message.kind === 'invalid') {
        responses.push(rpcError(message.id, ErrorCode.InvalidRequest, `Invalid Request: ${message.reason}`));
      } else if (message.kind === 'request') {
        const renew = (next: ClientInfo): CallSession => {
          issued = this.sessions.issue(next, current.server.id);
          return { client: next, id: issued };
        };
        const answer = await this.answer(req, current, message.message, session, renew, onProgress);
        if (!answer.recorded) return { kind: 'unrecorded', response: answer.response };
        if (answer.subscription) {
          this.registry.noteUse(server.id, answer.session.client?.name ?? null, req.ip);
          return {
            kind: 'subscribed',
            subscription: answer.subscription,
            closing: answer.response,
            trace: answer.trace,
          };
        }
        // A 2026-07-28 request is never in a batch (its header refuses them): its caller only names the use noted.
        session = answer.session;
        status = answer.status;
        trace = answer.trace ?? trace;
        responses.push(answer.response);
      }
    }
    this.registry.noteUse(server.id, session.client?.name ?? null, req.ip);
    return {
      kind: 'answered',
      responses,
      session: issued,
      ...(batch || !status ? {} : { status }),
      ...(trace ? { trace } : {}),
    };
  }

  /** One message of a legacy HTTP+SSE session: its answer, or null for a notification or a response. */
  async legacy(
    req: McpRequest,
    admitted: Admitted,
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
    const answer = await this.answer(req, admitted, message.message, session, renew, onProgress);
    this.registry.noteUse(admitted.server.id, legacy.client?.name ?? null, req.ip);
    return answer.response;
  }

  /**
   * Admits a request's protocol, dispatches it and records it; the answer is released only once its audit row is
   * committed. A request whose protocol is refused is answered with HTTP 400 and audited like any JSON-RPC error.
   */
  private async answer(
    req: McpRequest,
    admitted: Admitted,
    request: JsonRpcRequest,
    session: CallSession,
    renew: (client: ClientInfo) => CallSession,
    onProgress?: (message: string) => void,
  ): Promise<Answer> {
    const started = performance.now();
    // On the request's span: a batch's spans name the method of its last request.
    activeSpan().setAttribute('mcp.method.name', request.method.slice(0, 64));
    const message = admitMessage(req, request);
    if (isRefusal(message)) {
      return this.recorded(
        req,
        admitted,
        request,
        { response: refusalOf(request.id, message), status: 400 },
        {
          session,
          started,
          trace: null,
        },
      );
    }
    // A 2026-07-28 request names its client in its own _meta; a legacy one is its session's.
    const caller: CallSession = message.meta ? { client: message.meta.client, id: undefined } : session;
    const person = admitted.person;
    let inFlight: string | null;
    try {
      inFlight = await this.audit.opening(req, admitted, request, caller, message.trace);
    } catch {
      // Without its marker a write could go unrecorded if this process died: the call does not run at all.
      return { response: notRun(request.id), session: caller, recorded: false };
    }
    const outcome = await this.dispatch(inFlight, request, admitted.server, {
      origin: {
        client_name: caller.client?.name ?? person?.clientName ?? null,
        client_version: caller.client?.version ?? null,
        session_id: caller.id ?? null,
        request_id: req.id,
        ip: req.ip,
        user_agent: header(req, 'user-agent') ?? null,
        traceparent: message.trace?.traceparent ?? null,
        caller: person && { user_id: person.userId, email: person.email, oauth_client_id: person.clientId },
      },
      message,
      onProgress,
      elicitsUrls: message.meta
        ? declaresUrlElicitation(message.meta.capabilities)
        : caller.client?.urlElicitation === true,
    });
    return this.recorded(req, admitted, request, outcome, {
      session: outcome.client ? renew(outcome.client) : caller,
      started,
      trace: message.trace,
      inFlight,
    });
  }

  /** A dispatch that throws leaves no row of its own: its marker is given up, so the sweep records the call. */
  private async dispatch(
    inFlight: string | null,
    ...[request, server, context]: Parameters<McpDispatcher['dispatch']>
  ): Promise<Dispatched> {
    try {
      return await this.dispatcher.dispatch(request, server, context);
    } catch (error) {
      this.audit.abandoned(inFlight);
      throw error;
    }
  }

  private async recorded(
    req: McpRequest,
    admitted: Admitted,
    request: JsonRpcRequest,
    outcome: Dispatched,
    {
      session,
      started,
      trace,
      inFlight = null,
    }: { session: CallSession; started: number; trace: AdmittedMessage['trace']; inFlight?: string | null },
  ): Promise<Answer> {
    try {
      await this.audit.call(
        req,
        admitted,
        request.method,
        outcome,
        session,
        performance.now() - started,
        trace,
        inFlight,
      );
    } catch {
      this.metrics.answered(request.method, outcome, (performance.now() - started) / 1000);
      // A result is never returned without its audit row (the action may have happened; say so).
      return { response: unrecordable(request.id), session, recorded: false };
    }
    this.metrics.answered(request.method, outcome, (performance.now() - started) / 1000);
    return {
      response: outcome.response,
      session,
      recorded: true,
      status: outcome.status,
      subscription: outcome.subscription,
      trace: trace ?? undefined,
    };
  }

  /** The requests of a batch left when its server stopped admitting them: each answered and audited as denied. */
  private async refuseRest(
    req: McpRequest,
    admitted: Admitted,
    rest: unknown[],
    denial: Denied,
    session: CallSession,
    responses: JsonRpcResponse[],
  ): Promise<void> {
    for (const value of rest) {
      const message = classify(value);
      if (message.kind !== 'request') continue;
      await this.audit.refused(req, admitted, message.message.method, denial, session);
      responses.push(rpcError(message.message.id, -32001, denial.message));
    }
  }
}

const refusalOf = (id: JsonRpcRequest['id'] | null, refusal: ProtocolRefusal): JsonRpcResponse =>
  rpcError(id, refusal.code, refusal.message, refusal.data);
