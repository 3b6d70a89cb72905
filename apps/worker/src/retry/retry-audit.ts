import { Injectable } from '@nestjs/common';
import { appendAuditRecords, type AuditRecord } from '@gw/audit-chain';
import type { ToolCallJobPayload, ToolCallJobResult } from '@gw/queue';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

type Envelope = ToolCallJobResult['envelope'];

/**
 * The audit event of a queued call's outcome (CONTRACTS §7): the MCP request recorded `queued` with the job id;
 * this row, with the same job id and actor, records how it ended. It is committed before the job is marked done,
 * so a crash in between can repeat the row but never lose it.
 */
@Injectable()
export class RetryAudit {
  constructor(private readonly dataSource: DataSource) {}

  completed(
    jobId: string,
    payload: ToolCallJobPayload,
    envelope: Envelope,
    details: Record<string, unknown>,
  ) {
    const codes = envelope.issues.map((i) => i.code);
    const outcome: AuditRecord['outcome'] = envelope.ok
      ? 'ok'
      : codes.includes('FORBIDDEN') || codes.includes('AUTH_ERROR')
        ? 'denied'
        : 'error';
    const upstream = envelope.issues.find((i) => i.upstream_status !== undefined)?.upstream_status ?? null;
    return this.record(jobId, payload, 'retry_job.completed', outcome, codes, upstream, details);
  }

  deadLettered(
    jobId: string,
    payload: ToolCallJobPayload,
    code: string,
    upstreamStatus: number | null,
    details: Record<string, unknown>,
  ) {
    return this.record(jobId, payload, 'retry_job.dead_lettered', 'error', [code], upstreamStatus, details);
  }

  /** Cancelled at its client's request before it wrote anything: recorded as ending without a change. */
  cancelled(jobId: string, payload: ToolCallJobPayload, details: Record<string, unknown>) {
    return this.record(jobId, payload, 'retry_job.cancelled', 'ok', [], null, details);
  }

  private async record(
    jobId: string,
    payload: ToolCallJobPayload,
    action: string,
    outcome: AuditRecord['outcome'],
    issueCodes: string[],
    upstreamStatus: number | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    const origin = payload.origin;
    await this.dataSource.transaction((tx) =>
      appendAuditRecords(tx, [
        {
          id: randomUUID(),
          at: new Date().toISOString(),
          organization_id: payload.organization_id,
          server_id: payload.server_id,
          team_id: payload.team_id,
          actor: `mcp:${payload.server_id}`,
          client_name: origin.client_name,
          client_version: origin.client_version,
          session_id: origin.session_id,
          ip: origin.ip,
          user_agent: origin.user_agent,
          action,
          tool: payload.tool,
          arguments: details,
          outcome,
          issue_codes: issueCodes,
          upstream_status: upstreamStatus,
          duration_ms: Math.max(0, Date.now() - payload.queued_at),
          job_id: jobId,
          request_id: origin.request_id,
          // The api validated the traceparent (00-<trace id>-<parent id>-<flags>); the trace id is its 2nd field.
          trace_id: origin.traceparent?.split('-')[1] ?? null,
        },
      ]),
    );
  }
}
