import { DEFAULT_APPROVAL_TTL_MINUTES, type ApprovalPolicy } from '@gw/db';
import type { ApprovalPolicyDto } from '../mcp-servers/dto/approval-policy.dto';

/** A stored approval policy (or none) with its defaults filled in. */
export function toApprovalPolicyDto(policy: ApprovalPolicy | null | undefined): ApprovalPolicyDto {
  const approvers = policy?.approvers;
  return {
    mode: policy?.mode ?? 'none',
    tools: [...(policy?.tools ?? [])],
    approvers:
      approvers && (approvers.team_id || approvers.user_ids?.length)
        ? { team_id: approvers.team_id ?? null, user_ids: [...(approvers.user_ids ?? [])] }
        : null,
    second_approver_tools: [...(policy?.second_approver_tools ?? [])],
    min_tasks: policy?.min_tasks ?? null,
    ttl_minutes: policy?.ttl_minutes ?? DEFAULT_APPROVAL_TTL_MINUTES,
  };
}
