/** Where an approval request stands: waiting, decided, or carried out (`executed`, with the call's result). */
export const APPROVAL_STATES = ['pending', 'approved', 'rejected', 'expired', 'executed'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/**
 * What a call would do, read from ClickUp when it asked for approval. Every string in it comes from ClickUp or
 * from the agent's arguments: untrusted text, shown as text only.
 */
export interface EffectPreview {
  kind: 'delete' | 'update' | 'create' | 'other';
  /** One line: `Deletes task "Fix login" with 3 subtasks and 12 comments`. */
  summary: string;
  target?: { type: string; id: string; name: string | null; url?: string | null } | null;
  changes?: { field: string; from: unknown; to: unknown }[];
  proposed?: Record<string, unknown> | null;
  location?: { type: string; id: string; name: string | null } | null;
  counts?: Record<string, number>;
  tasks_touched?: number | null;
  /** Why ClickUp could not be read; the request still waits for a decision. */
  unavailable?: string;
}

/** Who caused the request: a signed-in person (through an OAuth client), or whoever holds the server's secret URL. */
export interface ApprovalRequester {
  kind: 'person' | 'server';
  user_id: string | null;
  email: string | null;
  oauth_client_id: string | null;
  client_name: string | null;
}

export interface ApprovalDecision {
  user_id: string;
  email: string | null;
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
}

/** The envelope the approved call answered, as the agent gets it from `approval_get`. */
export interface CallEnvelope {
  ok: boolean;
  result: unknown;
  issues: { code: string; message: string }[];
}

/** `GET /api/v1/approvals/{id}`. */
export interface Approval {
  id: string;
  state: ApprovalState;
  server: { id: string; name: string };
  team_id: string | null;
  tool: string;
  arguments: unknown;
  requested_by: ApprovalRequester;
  preview: EffectPreview;
  approvals_required: 1 | 2;
  /** Who may decide, as the server's policy named them; null: the organization's owners and admins. */
  approvers: { team_id?: string; user_ids?: string[] } | null;
  decisions: ApprovalDecision[];
  comment: string | null;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  executed_at: string | null;
  result: CallEnvelope | null;
  /** Whether the signed-in person may approve or reject it now; `why_not` says why not. */
  can_decide: boolean;
  why_not?: string;
}

export interface ApprovalPage {
  items: Approval[];
  next_cursor: string | null;
}

/** `GET /api/v1/approvals/summary`: the navigation's count. */
export interface ApprovalSummary {
  pending: number;
  pending_for_me: number;
}
