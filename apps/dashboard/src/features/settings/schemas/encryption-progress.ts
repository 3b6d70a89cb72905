import type { EncryptionStatus, SealedKind } from '../api/encryption';
import { runInProgress } from '../api/encryption';

export const KIND_LABELS: Record<SealedKind, string> = {
  clickup_connection: 'ClickUp connection token',
  clickup_linked_account: 'Linked ClickUp account token',
  approval_webhook_url: 'Approval webhook URL',
  approval_webhook_secret: 'Approval webhook signing secret',
  sso_client_secret: 'SSO client secret',
  sso_refresh_token: 'SSO refresh token',
  oauth_provider_key: 'Authorization server key',
  audit_sink_secret: 'Audit sink secret',
};

/** What an owner does about an unreadable value of each kind. */
export const KIND_FIXES: Record<SealedKind, string> = {
  clickup_connection: 'delete the connection and connect the account again',
  clickup_linked_account: 'the person unlinks and links their ClickUp account again',
  approval_webhook_url: 'save the team’s approval webhook again',
  approval_webhook_secret: 'save the team’s approval webhook again',
  sso_client_secret: 'enter the SSO client secret again',
  sso_refresh_token: 'the person signs in with SSO again',
  oauth_provider_key: 'see the key-rotation section of docs/operations.md',
  audit_sink_secret: 'rotate the audit sink’s secret (or set its headers again) in Settings → Audit sinks',
};

export type RotationPhase = 'running' | 'removable' | 'pending' | 'attention' | 'single-key';

export interface RotationSummary {
  phase: RotationPhase;
  /** Share of stored secrets under the current key, 0–100, rounded down so 100 means all. */
  percent: number;
}

/** Where a key rotation stands, in the terms the card shows. */
export function rotationSummary(status: EncryptionStatus): RotationSummary {
  const percent = status.total === 0 ? 100 : Math.floor((status.under_current / status.total) * 100);
  if (runInProgress(status.job)) return { phase: 'running', percent };
  if (status.unreadable > 0) return { phase: 'attention', percent };
  if (status.previous_key_removable) return { phase: 'removable', percent };
  if (status.under_previous > 0) return { phase: 'pending', percent };
  return { phase: 'single-key', percent };
}
