import { Injectable } from '@nestjs/common';
import { approvalStateAt, type ApprovalEntity } from '@gw/db';
import type { ApprovalLookup, ApprovalView, Envelope } from '@gw/mcp-tools';
import { expiredComment } from '../../approvals/approval.mapper';
import { ApprovalStore } from '../../approvals/approval-store';
import { isGatewayJobId, type CallFollower } from './queued-calls.service';

/**
 * The approval requests as one MCP server (and, at a sign-in URL, one person) sees them: those its own calls made,
 * and nothing of any other server's or person's, which answers exactly like a request that does not exist. So an
 * approval id replayed on another server is not found there (`approval_get`, `tasks/*`).
 */
@Injectable()
export class FollowedApprovals {
  constructor(private readonly store: ApprovalStore) {}

  async find(follower: CallFollower, approvalId: string): Promise<ApprovalEntity | null> {
    if (!isGatewayJobId(approvalId)) return null;
    const approval = await this.store.byId(approvalId);
    if (!approval || approval.serverId !== follower.serverId) return null;
    return approval.requesterUserId === follower.callerUserId ? approval : null;
  }

  /** Its requester takes a pending request back; null when it is not the follower's. */
  async withdraw(
    follower: CallFollower,
    approvalId: string,
  ): Promise<{ approval: ApprovalEntity; withdrawn: boolean } | null> {
    const approval = await this.find(follower, approvalId);
    if (!approval) return null;
    const withdrawn = await this.store.withdraw(
      approvalId,
      'Withdrawn by the agent that asked for it (tasks/cancel) before anyone decided.',
      null,
    );
    if (withdrawn) return { approval: withdrawn, withdrawn: true };
    return { approval: (await this.store.byId(approvalId)) ?? approval, withdrawn: false };
  }

  /** `approval_get`'s view of the requests. */
  lookupFor(follower: CallFollower): ApprovalLookup {
    return {
      get: async (approvalId) => {
        const approval = await this.find(follower, approvalId);
        return approval && approvalView(approval);
      },
    };
  }
}

export function approvalView(approval: ApprovalEntity, now = Date.now()): ApprovalView {
  const state = approvalStateAt(approval, now);
  const decided = state === 'pending' || state === 'expired' ? undefined : approval.decisions.at(-1);
  const byDecision =
    decided && (state !== 'rejected' || decided.decision === 'reject') ? { email: decided.email } : null;
  return {
    approval_id: approval.id,
    tool: approval.tool,
    state,
    expires_at: approval.expiresAt.getTime(),
    result: (approval.result as Envelope | null) ?? null,
    comment: approval.comment ?? (state === 'expired' ? expiredComment(approval) : null),
    decided_by: byDecision,
  };
}

/**
 * How a request that will not run ended, as the call's own answer: rejected (with the approver's comment, or its
 * withdrawal) or expired. Null while it may still run, and once it ran (its result is the call's own envelope).
 */
export function endedWithoutRunning(approval: ApprovalEntity, now = Date.now()): Envelope | null {
  const view = approvalView(approval, now);
  if (view.state === 'rejected') {
    const by = view.decided_by ? `${view.decided_by.email} rejected the call` : 'The call was withdrawn';
    return ended('APPROVAL_REJECTED', `${by}; it did not run. ${view.comment ?? ''}`.trim(), approval.id);
  }
  if (view.state === 'expired') {
    return ended(
      'APPROVAL_EXPIRED',
      `${view.comment ?? 'Nobody decided in time.'} The call did not run; make it again to ask anew.`,
      approval.id,
    );
  }
  return null;
}

function ended(
  code: 'APPROVAL_REJECTED' | 'APPROVAL_EXPIRED',
  message: string,
  approvalId: string,
): Envelope {
  return { ok: false, result: null, issues: [{ code, message, approval_id: approvalId }] };
}
