import { Injectable } from '@nestjs/common';
import { auditRecordOf, outcomeOf, type AuditEventInput } from '@gw/audit-recorder';
import { ToolCatalog, type Envelope } from '@gw/mcp-tools';
import { tokenHashPrefix } from '@gw/security';
import { AuditService } from '../../audit/audit.service';
import { CallsInFlight } from '../../audit/in-flight/calls-in-flight.service';
import { INTERRUPTED, INTERRUPTED_REASON } from '../../audit/in-flight/calls-in-flight.store';
import type { JsonRpcRequest } from '../dispatch/json-rpc';
import { unwrapProgressiveCall, type Dispatched } from '../dispatch/mcp-dispatcher';
import type { TraceContext } from '../dispatch/request-meta';
import type { ClientInfo } from '../dispatch/session-id';
import { header, type Admitted, type McpRequest } from '../mcp-request';

/** The client and session a request came in, as its audit row names them. */
export interface CallSession {
  client: ClientInfo | null;
  /** A session id this server signed; anything else a client sends never reaches the audit log. */
  id: string | undefined;
}

/** Why a request was refused, as its audit row records it. */
export interface Refusal {
  message: string;
  issueCode: string;
}

/**
 * The audit rows of the MCP URLs: one per JSON-RPC request handled, one per request refused. `call` rejects when
 * its row could not be committed, because a result is never returned without its row; refusals are recorded on a
 * best-effort basis, since nothing was done. A row of a sign-in URL names the person and the OAuth client acting for
 * them; every row names the ClickUp user the server's connection acts as. A tool call that may write is `opening`
 * before it runs: should its process die before `call` commits its row, a sweeper appends the row `opening` left.
 */
@Injectable()
export class McpAudit {
  constructor(
    private readonly audit: AuditService,
    private readonly inFlight: CallsInFlight,
    private readonly catalog: ToolCatalog,
  ) {}

  /**
   * For a tools/call of a tool that may write (not annotated read-only) on this server: writes its in-flight marker,
   * the INTERRUPTED row it gets should it never be recorded, and returns the id its own row must have. Null for every
   * other request, which costs nothing. Rejects when the marker could not be written: the call must not run.
   */
  async opening(
    req: McpRequest,
    admitted: Admitted,
    request: JsonRpcRequest,
    session: CallSession,
    trace: TraceContext | null,
  ): Promise<string | null> {
    const call = this.writingCall(admitted, request);
    if (!call) return null;
    const record = auditRecordOf({
      ...this.base(req, admitted, request.method, session),
      organizationId: admitted.server.organizationId,
      tool: call.tool,
      arguments: { arguments: call.arguments, reason: INTERRUPTED_REASON },
      outcome: 'error',
      issueCodes: [INTERRUPTED],
      traceId: trace?.traceId ?? null,
    });
    return (await this.inFlight.open(record)) ? record.id : null;
  }

  /** `inFlight`: the id `opening` returned; the row takes it, and the marker goes once the row is committed. */
  async call(
    req: McpRequest,
    admitted: Admitted,
    method: string,
    outcome: Dispatched,
    session: CallSession,
    durationMs: number,
    trace: TraceContext | null = null,
    inFlight: string | null = null,
  ): Promise<void> {
    try {
      await this.audit.record({
        ...this.callEvent(req, admitted, method, outcome, session, durationMs),
        traceId: trace?.traceId ?? null,
        ...(inFlight ? { id: inFlight } : {}),
      });
    } catch (error) {
      if (inFlight) this.inFlight.abandoned(inFlight);
      throw error;
    }
    if (inFlight) this.inFlight.settled(inFlight);
  }

  /** A call `opening` marked whose dispatch threw: no row will come from `call`, so the sweep writes one. */
  abandoned(inFlight: string | null): void {
    if (inFlight) this.inFlight.abandoned(inFlight);
  }

  /** A request of a batch whose URL stopped admitting requests before it was reached. */
  async refused(
    req: McpRequest,
    admitted: Admitted,
    method: string,
    refusal: Refusal,
    session: CallSession,
  ): Promise<void> {
    await this.audit
      .record({
        ...this.base(req, admitted, method, session),
        outcome: 'denied',
        issueCodes: [refusal.issueCode],
        arguments: { reason: refusal.message },
        durationMs: 0,
      })
      .catch(() => undefined);
  }

  /**
   * A request refused at admission that named a server (an expired URL, a missing second factor) or a person (who
   * may not use the server, or is disabled).
   */
  async denied(req: McpRequest, admitted: Admitted, refusal: Refusal, client: ClientInfo | null) {
    const address = req.address;
    await this.audit
      .record({
        ...this.base(req, admitted, `http ${req.route}`, { client, id: undefined }),
        arguments:
          address.kind === 'secret_url'
            ? { token_hash_prefix: tokenHashPrefix(address.token), reason: refusal.message }
            : { reason: refusal.message },
        outcome: 'denied',
        issueCodes: [refusal.issueCode],
      })
      .catch(() => undefined);
  }

  /** The tool and arguments of a well-formed tools/call that reaches ClickUp with a tool that may write. */
  private writingCall(
    { server }: Admitted,
    request: JsonRpcRequest,
  ): { tool: string; arguments: Record<string, unknown> } | null {
    if (request.method !== 'tools/call') return null;
    const params = unwrapProgressiveCall(request, server).params;
    const name = params?.['name'];
    const args = params?.['arguments'] ?? {};
    if (typeof name !== 'string' || typeof args !== 'object' || args === null || Array.isArray(args))
      return null;
    const tool = this.catalog.tools.get(name);
    if (!tool || tool.annotations.readOnlyHint || !server.selection.names.has(name)) return null;
    return { tool: name, arguments: args as Record<string, unknown> };
  }

  private base(
    req: McpRequest,
    { server, person }: Admitted,
    action: string,
    session: CallSession,
  ): AuditEventInput {
    return {
      organizationId: server.organizationId,
      serverId: server.id,
      teamId: server.teamId,
      actor: `mcp:${server.id}`,
      action,
      outcome: 'ok',
      requestId: req.id,
      actorUserId: person?.userId ?? null,
      actorEmail: person?.email ?? null,
      oauthClientId: person?.clientId ?? null,
      clickupUserId: server.clickupUserId,
      // A client that never named itself in MCP is known by the name in its OAuth client metadata.
      clientName: session.client?.name ?? person?.clientName ?? undefined,
      clientVersion: session.client?.version,
      sessionId: session.id,
      ip: req.ip,
      userAgent: header(req, 'user-agent'),
    };
  }

  private callEvent(
    req: McpRequest,
    admitted: Admitted,
    method: string,
    outcome: Dispatched,
    session: CallSession,
    durationMs: number,
  ): AuditEventInput {
    const base = { ...this.base(req, admitted, method, session), durationMs };
    // A call that did not run for want of the caller's linked account may be answered with a JSON-RPC error
    // (URL elicitation required); its row reads the envelope, as for every other client.
    if (method === 'tools/call' && outcome.envelope)
      return this.toolCallEvent(base, outcome, outcome.envelope);
    if ('error' in outcome.response) {
      return {
        ...base,
        outcome: 'error',
        issueCodes: [`JSONRPC_${outcome.response.error.code}`],
        arguments: { error: outcome.response.error.message },
      };
    }
    if (method === 'tools/list') {
      return {
        ...base,
        arguments: {
          tools_hash: admitted.server.selection.hash,
          tool_count: admitted.server.selection.listing.length,
        },
      };
    }
    if (method === 'initialize') {
      return {
        ...base,
        clientName: outcome.client?.name ?? base.clientName,
        clientVersion: outcome.client?.version,
      };
    }
    // tasks/*: the queued call a request was about.
    if (outcome.jobId)
      return { ...base, tool: outcome.tool, arguments: outcome.arguments, jobId: outcome.jobId };
    return base;
  }

  private toolCallEvent(base: AuditEventInput, outcome: Dispatched, envelope: Envelope): AuditEventInput {
    const { outcome: result, issueCodes, upstreamStatus, jobId } = outcomeOf(envelope);
    return {
      ...base,
      tool: outcome.tool,
      // A call refused before it ran keeps why beside its arguments (the pause that stopped it, by id).
      arguments:
        outcome.refusal === undefined
          ? outcome.arguments
          : { arguments: outcome.arguments, reason: outcome.refusal },
      outcome: result,
      issueCodes,
      upstreamStatus,
      jobId: jobId ?? outcome.jobId ?? null,
      clickupUserId: outcome.clickupUserId === undefined ? base.clickupUserId : outcome.clickupUserId,
    };
  }
}
