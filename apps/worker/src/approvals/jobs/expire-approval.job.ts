import { Injectable } from '@nestjs/common';
import { appendAuditRecords } from '@gw/audit-chain';
import { auditRecordOf } from '@gw/audit-recorder';
import { ApprovalEntity } from '@gw/db';
import type { JobPayload, JobResult } from '@gw/queue';
import { DataSource } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';

/**
 * Ends an approval request nobody decided once its expiry has passed: one conditional UPDATE (pending and past its
 * expiry), committed with its `approval.expired` row, so a decision that came first wins and nothing is recorded
 * twice. Reads in the api already show such a request as expired and refuse to approve it; this marks the row.
 */
@Injectable()
export class ExpireApprovalJob implements JobProcessor<'expire-approval'> {
  readonly name = 'expire-approval' as const;

  constructor(private readonly dataSource: DataSource) {}

  async process(payload: JobPayload<'expire-approval'>): Promise<JobResult<'expire-approval'>> {
    const id = payload.approval_id;
    return this.dataSource.transaction(async (tx) => {
      const [rows] = (await tx.query(
        `UPDATE approvals
            SET state = 'expired', decided_at = now(), updated_at = now(),
                comment = 'Nobody decided before it expired at ' ||
                  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '.'
          WHERE id = $1 AND state = 'pending' AND expires_at <= now()
          RETURNING id`,
        [id],
      )) as [{ id: string }[], number];
      const approval = await tx.getRepository(ApprovalEntity).findOneBy({ id });
      if (!approval) return { expired: false, reason: 'not-found' };
      if (rows.length === 0)
        return { expired: false, reason: approval.state === 'pending' ? 'not-due' : 'decided' };
      await appendAuditRecords(tx, [
        auditRecordOf({
          organizationId: approval.organizationId,
          serverId: approval.serverId,
          teamId: approval.teamId,
          actor: 'system:approval-expiry',
          action: 'approval.expired',
          tool: approval.tool,
          arguments: { expires_at: approval.expiresAt.toISOString(), approvals: approval.decisions.length },
          outcome: 'ok',
          jobId: approval.id,
          actorUserId: approval.requesterUserId,
          actorEmail: approval.requesterEmail,
        }),
      ]);
      return { expired: true, reason: 'expired' };
    });
  }
}
