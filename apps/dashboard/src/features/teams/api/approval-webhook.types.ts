/** `GET /api/v1/teams/{id}/approval-webhook`: where the team's new approval requests are announced. */
export interface ApprovalWebhook {
  team_id: string;
  url: string;
  enabled: boolean;
  /** `whsec_…` and the secret's last four characters. */
  secret_hint: string;
  secret_created_at: string;
  created_at: string;
  updated_at: string;
}

/** The answer to `PUT`: `secret` only when this call created the webhook or rotated its secret. */
export interface SavedApprovalWebhook extends ApprovalWebhook {
  secret?: string;
}

export interface ApprovalWebhookInput {
  url: string;
  enabled?: boolean;
  rotate_secret?: boolean;
}

export const DELIVERY_STATES = ['pending', 'failed', 'completed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One notification sent (or being sent) to the team's webhook. */
export interface WebhookDelivery {
  id: string;
  event: 'approval.requested' | 'webhook.test' | string;
  state: DeliveryState;
  approval_id: string | null;
  tool: string | null;
  attempts: number;
  max_attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  finished_at: string | null;
}
