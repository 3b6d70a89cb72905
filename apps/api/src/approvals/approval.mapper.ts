import { approvalStateAt, type ApprovalEntity } from '@gw/db';
import type { ApprovalDto } from './dto/approval.dto';

/** A request as the console shows it, with whether the caller may decide it (and why not). */
export function toApprovalDto(
  approval: ApprovalEntity,
  server: { id: string; name: string },
  whyNot: string | null,
  now = Date.now(),
): ApprovalDto {
  const state = approvalStateAt(approval, now);
  const pendingNow = state === 'pending';
  const reason = pendingNow ? whyNot : `This request is ${state}; it can no longer be decided.`;
  return {
    id: approval.id,
    state,
    server: { id: server.id, name: server.name },
    team_id: approval.teamId,
    tool: approval.tool,
    arguments: approval.arguments,
    requested_by: {
      kind: approval.requesterUserId ? 'person' : 'server',
      user_id: approval.requesterUserId,
      email: approval.requesterEmail,
      oauth_client_id: approval.requesterOauthClientId,
      client_name: approval.requesterClientName,
    },
    preview: approval.preview,
    approvals_required: approval.approvalsRequired,
    approvers: approval.approvers,
    decisions: approval.decisions.map((d) => ({ ...d })),
    comment: approval.comment ?? (state === 'expired' ? expiredComment(approval) : null),
    created_at: approval.createdAt.toISOString(),
    expires_at: approval.expiresAt.toISOString(),
    decided_at: approval.decidedAt?.toISOString() ?? null,
    executed_at: approval.executedAt?.toISOString() ?? null,
    result: approval.result,
    can_decide: reason === null,
    ...(reason === null ? {} : { why_not: reason }),
  };
}

/** Why an expired request ended, when its row has not been marked yet. */
export function expiredComment(approval: Pick<ApprovalEntity, 'expiresAt'>): string {
  return `Nobody decided before it expired at ${approval.expiresAt.toISOString()}.`;
}
