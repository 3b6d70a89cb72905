import { Injectable } from '@nestjs/common';
import { appendAuditRecords, type AuditRecord, type UnsequencedRecord } from '@gw/audit-chain';
import { GatewayMetrics, type QueuedCallEnding } from '@gw/metrics';
import { appendSpan, auditRecordOf, outcomeOf, type AuditEventInput } from '@gw/audit-recorder';
import { auditColumnsOfOrigin, type ToolCallJobPayload, type ToolCallJobResult } from '@gw/queue';
import { DataSource } from 'typeorm';

type Envelope = ToolCallJobResult['envelope'];

/**
 * The audit event of a queued call's outcome (CONTRACTS §7): the MCP request recorded `queued` with the job id;
 * this row, with the same job id and actor, records how it ended. It is built by the same recorder as the api's
 * rows (clipped, redacted, classified alike) and committed before the job is marked done, so a crash in between
 * can repeat the row but never lose it. A call carried out for an approval ends its approval in the same
 * transaction: `executed`, with the envelope the call ended with (its failure, when it was dead-lettered).
 */
@Injectable()
export class RetryAudit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: GatewayMetrics,
  ) {}

  completed(
    jobId: string,
    payload: ToolCallJobPayload,
    envelope: Envelope,
    details: Record<string, unknown>,
    /** The ClickUp user the call acted as: its connection's, or the signed-in caller's own. */
    clickupUserId: number | null = null,
  ): Promise<AuditRecord> {
    const { outcome, issueCodes, upstreamStatus } = outcomeOf(envelope);
    return this.record(
      jobId,
      payload,
      {
        action: 'retry_job.completed',
        outcome,
        issueCodes,
        upstreamStatus,
        arguments: details,
        clickupUserId,
      },
      envelope,
    );
  }

  deadLettered(
    jobId: string,
    payload: ToolCallJobPayload,
    code: string,
    upstreamStatus: number | null,
    details: Record<string, unknown>,
  ): Promise<AuditRecord> {
    const reason = typeof details['reason'] === 'string' ? details['reason'] : 'its last attempt failed';
    return this.record(
      jobId,
      payload,
      {
        action: 'retry_job.dead_lettered',
        outcome: 'error',
        issueCodes: [code],
        upstreamStatus,
        arguments: details,
      },
      failure(jobId, code, `The queued call failed: ${reason}`),
    );
  }

  /** Cancelled at its client's request before it wrote anything: recorded as ending without a change. */
  cancelled(
    jobId: string,
    payload: ToolCallJobPayload,
    details: Record<string, unknown>,
  ): Promise<AuditRecord> {
    const reason = typeof details['reason'] === 'string' ? details['reason'] : 'Cancelled by its client.';
    return this.record(
      jobId,
      payload,
      {
        action: 'retry_job.cancelled',
        outcome: 'ok',
        issueCodes: [],
        upstreamStatus: null,
        arguments: details,
      },
      failure(jobId, 'UPSTREAM_ERROR', reason),
    );
  }

  private async record(
    jobId: string,
    payload: ToolCallJobPayload,
    event: Pick<
      AuditEventInput,
      'action' | 'outcome' | 'issueCodes' | 'upstreamStatus' | 'arguments' | 'clickupUserId'
    >,
    /** How the call ended, for the approval it carries out (if it carries out one). */
    ended: Envelope,
  ): Promise<AuditRecord> {
    const record = auditRecordOf({
      ...event,
      organizationId: payload.organization_id,
      serverId: payload.server_id,
      teamId: payload.team_id,
      actor: `mcp:${payload.server_id}`,
      tool: payload.tool,
      durationMs: Math.max(0, Date.now() - payload.queued_at),
      jobId,
      ...auditColumnsOfOrigin(payload.origin),
    });
    const written = await appendSpan(record, () => this.append(jobId, payload, record, ended));
    this.metrics.queuedCallEnded(payload.tool, endingOf(event.action, event.outcome));
    return written;
  }

  private async append(
    jobId: string,
    payload: ToolCallJobPayload,
    record: UnsequencedRecord,
    ended: Envelope,
  ): Promise<AuditRecord> {
    const [written] = await this.metrics.timeAuditAppend(() =>
      this.dataSource.transaction(async (tx) => {
        // Only the approval given for this very job: a job claiming another's approval leaves it as it is.
        if (payload.approval?.id === jobId) {
          await tx.query(
            `UPDATE approvals SET state = 'executed', result = $2::jsonb, executed_at = now(), updated_at = now()
            WHERE id = $1 AND state = 'approved'`,
            [jobId, JSON.stringify(ended)],
          );
        }
        return appendAuditRecords(tx, [record]);
      }),
    );
    return written;
  }
}

function endingOf(action: AuditEventInput['action'], outcome: AuditEventInput['outcome']): QueuedCallEnding {
  if (action === 'retry_job.dead_lettered') return 'dead_lettered';
  if (action === 'retry_job.cancelled') return 'cancelled';
  return outcome === 'ok' || outcome === 'denied' ? outcome : 'error';
}

/** The envelope of a call that ended without its own result, as `approval_get` and the api show it. */
function failure(jobId: string, code: string, message: string): Envelope {
  // A job that is not the approved call was refused: for the agent, that is a refusal like any other; a call its
  // workers abandoned failed upstream of the agent, as far as it can tell.
  const shown = code === 'APPROVAL_MISMATCH' ? 'FORBIDDEN' : code === 'INTERRUPTED' ? 'UPSTREAM_ERROR' : code;
  return { ok: false, result: null, issues: [{ code: shown, message, job_id: jobId }] };
}
