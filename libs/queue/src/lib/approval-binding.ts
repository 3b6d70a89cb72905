import { canonicalJson } from '@gw/audit-chain';
import { createHash } from 'node:crypto';

/** What an approval is given for: this tool with these arguments, on this server, asked by this person (or none). */
export interface ApprovedCall {
  server_id: string;
  /** The signed-in person who asked; null at a secret URL. */
  requester_user_id: string | null;
  tool: string;
  arguments: Record<string, unknown>;
}

/**
 * SHA-256 hex of the call's canonical JSON (keys sorted at every level): the api stores it with the approval, the
 * worker recomputes it from the job before running, so any change to the call needs a new approval.
 */
export function approvalCallHash(call: ApprovedCall): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        server_id: call.server_id,
        requester_user_id: call.requester_user_id,
        tool: call.tool,
        arguments: call.arguments,
      }),
    )
    .digest('hex');
}

/** The delayed job that expires an approval request nobody decided; one per approval. */
export function expireApprovalJobId(approvalId: string): string {
  return `expire-approval-${approvalId}`;
}
