import { Injectable } from '@nestjs/common';
import { outcomeOf, type AuditEventInput } from '@gw/audit-recorder';
import type { Envelope } from '@gw/mcp-tools';
import { tokenHashPrefix } from '@gw/security';
import { AuditService } from '../../audit/audit.service';
import type { Dispatched } from '../dispatch/mcp-dispatcher';
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
 * them; every row names the ClickUp user the server's connection acts as.
 */
@Injectable()
export class McpAudit {
  constructor(private readonly audit: AuditService) {}

  async call(
    req: McpRequest,
    admitted: Admitted,
    method: string,
    outcome: Dispatched,
    session: CallSession,
    durationMs: number,
    trace: TraceContext | null = null,
  ): Promise<void> {
    await this.audit.record({
      ...this.callEvent(req, admitted, method, outcome, session, durationMs),
      traceId: trace?.traceId ?? null,
    });
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
