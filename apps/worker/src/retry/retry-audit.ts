import { Injectable } from '@nestjs/common';
import { appendAuditRecords, type AuditRecord } from '@gw/audit-chain';
import { auditRecordOf, outcomeOf, type AuditEventInput } from '@gw/audit-recorder';
import type { ToolCallJobPayload, ToolCallJobResult } from '@gw/queue';
import { DataSource } from 'typeorm';

type Envelope = ToolCallJobResult['envelope'];

/**
 * The audit event of a queued call's outcome (CONTRACTS §7): the MCP request recorded `queued` with the job id;
 * this row, with the same job id and actor, records how it ended. It is built by the same recorder as the api's
 * rows (clipped, redacted, classified alike) and committed before the job is marked done, so a crash in between
 * can repeat the row but never lose it.
 */
@Injectable()
export class RetryAudit {
  constructor(private readonly dataSource: DataSource) {}

  completed(
    jobId: string,
    payload: ToolCallJobPayload,
    envelope: Envelope,
    details: Record<string, unknown>,
    /** The ClickUp user the call acted as: its connection's, or the signed-in caller's own. */
    clickupUserId: number | null = null,
  ): Promise<AuditRecord> {
    const { outcome, issueCodes, upstreamStatus } = outcomeOf(envelope);
    return this.record(jobId, payload, {
      action: 'retry_job.completed',
      outcome,
      issueCodes,
      upstreamStatus,
      arguments: details,
      clickupUserId,
    });
  }

  deadLettered(
    jobId: string,
    payload: ToolCallJobPayload,
    code: string,
    upstreamStatus: number | null,
    details: Record<string, unknown>,
  ): Promise<AuditRecord> {
    return this.record(jobId, payload, {
      action: 'retry_job.dead_lettered',
      outcome: 'error',
      issueCodes: [code],
      upstreamStatus,
      arguments: details,
    });
  }

  /** Cancelled at its client's request before it wrote anything: recorded as ending without a change. */
  cancelled(
    jobId: string,
    payload: ToolCallJobPayload,
    details: Record<string, unknown>,
  ): Promise<AuditRecord> {
    return this.record(jobId, payload, {
      action: 'retry_job.cancelled',
      outcome: 'ok',
      issueCodes: [],
      upstreamStatus: null,
      arguments: details,
    });
  }

  private async record(
    jobId: string,
    payload: ToolCallJobPayload,
    event: Pick<
      AuditEventInput,
      'action' | 'outcome' | 'issueCodes' | 'upstreamStatus' | 'arguments' | 'clickupUserId'
    >,
  ): Promise<AuditRecord> {
    const origin = payload.origin;
    const record = auditRecordOf({
      ...event,
      organizationId: payload.organization_id,
      serverId: payload.server_id,
      teamId: payload.team_id,
      actor: `mcp:${payload.server_id}`,
      tool: payload.tool,
      durationMs: Math.max(0, Date.now() - payload.queued_at),
      jobId,
      requestId: origin.request_id,
      // The api validated the traceparent (00-<trace id>-<parent id>-<flags>); the trace id is its 2nd field.
      traceId: origin.traceparent?.split('-')[1] ?? null,
      // The signed-in person the call was made for (a sign-in server), as the api's row of the same call names them.
      actorUserId: origin.caller?.user_id ?? null,
      actorEmail: origin.caller?.email ?? null,
      oauthClientId: origin.caller?.oauth_client_id ?? null,
      clientName: origin.client_name,
      clientVersion: origin.client_version,
      sessionId: origin.session_id,
      ip: origin.ip,
      userAgent: origin.user_agent,
    });
    const [written] = await this.dataSource.transaction((tx) => appendAuditRecords(tx, [record]));
    return written;
  }
}
