import type { ApprovalDecision, Role } from '@gw/db';

/** The person deciding, as the rules need them. */
export interface Decider {
  /** Null for an API token no person created: a decision needs a person. */
  userId: string | null;
  role: Role;
  /** The teams the person belongs to. */
  teamIds: readonly string[];
}

/** What of a request the rules read. */
export interface DecidedRequest {
  /** The signed-in person who made the call; null at a secret URL. */
  requesterUserId: string | null;
  /** Who created the server, and so holds its secret URL. */
  serverCreatorUserId: string | null;
  approvers: { team_id?: string; user_ids?: string[] } | null;
  decisions: readonly ApprovalDecision[];
}

/**
 * Why this person may not decide on this request, or null when they may. Never an auditor (read-only), never the
 * person who asked nor, for a call made at a secret URL, the server's creator who holds that URL; then the approvers
 * the server's policy named (a team's members, people), or by default the organization's owners and admins. A second
 * approval must come from someone who has not approved yet.
 */
export function whyNotDecide(decider: Decider, request: DecidedRequest): string | null {
  if (decider.role === 'auditor') return 'Auditors may read approval requests but not decide them.';
  if (decider.userId === null) {
    return 'This API token belongs to no person; a decision needs one (sign in, or use a token a person created).';
  }
  if (request.requesterUserId !== null && request.requesterUserId === decider.userId) {
    return 'You made this call; someone else must decide on it.';
  }
  if (request.requesterUserId === null && request.serverCreatorUserId === decider.userId) {
    return 'You created this MCP server and hold its URL, which made this call; someone else must decide on it.';
  }
  const named = request.approvers;
  if (named && (named.team_id || (named.user_ids ?? []).length > 0)) {
    const listed = (named.user_ids ?? []).includes(decider.userId);
    const inTeam = named.team_id !== undefined && decider.teamIds.includes(named.team_id);
    if (!listed && !inTeam)
      return 'Only the approvers named by the server’s approval policy decide on its calls.';
  } else if (decider.role !== 'owner' && decider.role !== 'admin') {
    return 'Only the organization’s owners and admins decide on this server’s calls.';
  }
  if (request.decisions.some((d) => d.user_id === decider.userId)) {
    return 'You already approved this call; a second approval must come from someone else.';
  }
  return null;
}
