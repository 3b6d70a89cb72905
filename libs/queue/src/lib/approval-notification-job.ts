/** What a team's approval webhook is told: a new approval request, or a test an admin sent. */
export const APPROVAL_NOTIFICATION_EVENTS = ['approval.requested', 'webhook.test'] as const;
export type ApprovalNotificationEvent = (typeof APPROVAL_NOTIFICATION_EVENTS)[number];

/** The request a notification announces, as the receiver gets it in the body's `approval` object. */
export interface NotifiedApproval {
  id: string;
  server: { id: string; name: string };
  tool: string;
  /** One line from the effect preview: what the call would do (may quote what an agent wrote). */
  summary: string;
  /** The signed-in person's email, or the server's secret URL. */
  requested_by: string;
  /** The console's page where an approver decides. */
  approval_url: string;
  expires_at: string;
}

/**
 * One delivery to a team's approval webhook. The URL and secret are not in it: the worker reads them from the team's
 * webhook at each attempt, so a changed URL or a rotated secret applies to retries, and the queue holds neither.
 */
export interface ApprovalNotificationJobPayload {
  organization_id: string;
  team: { id: string; name: string };
  event: ApprovalNotificationEvent;
  /** Null for a test. */
  approval: NotifiedApproval | null;
  /** The console's approvals inbox, linked from every message. */
  inbox_url: string;
  /** Epoch ms. */
  queued_at: number;
  /** Who sent a test (`user:{id}` or `token:{id}`). */
  requested_by?: string;
  /** Written by the worker after a failed attempt: what the receiver answered, for the deliveries list. */
  last_attempt?: DeliveryAttempt;
  /** Written by the worker before it fails an attempt: the wait before the next one. */
  next_delay_ms?: number;
}

export interface DeliveryAttempt {
  /** Epoch ms. */
  at: number;
  /** The receiver's HTTP status; null when none came (network error, timeout). */
  status: number | null;
  /** A short line: the status line (clipped), or what went wrong. */
  error: string | null;
}

export interface ApprovalNotificationJobResult {
  /** The receiver's 2xx status. */
  status: number;
  delivered_at: number;
}
