import type {
  ApprovalNotificationJobPayload,
  ApprovalNotificationJobResult,
} from './approval-notification-job';
import type { RekeyJobPayload, RekeyJobResult } from './rekey-job';
import type { ToolCallJobPayload, ToolCallJobResult } from './tool-call-job';

/**
 * Every queue and job of the product, with its typed payload and result. Producers (api) and processors (worker)
 * import these so a job's shape is checked on both sides.
 */
export const QUEUE_NAMES = {
  maintenance: 'maintenance',
  mcpServers: 'mcp-servers',
  notifications: 'notifications',
  retries: 'retries',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface JobTypes {
  /**
   * Deletes expired dashboard sessions, password-reset links that expired or were used more than a day ago, and
   * expired records of the MCP authorization server.
   */
  'session-cleanup': {
    payload: { requested_by?: string };
    result: { deleted: number; reset_links_deleted: number; oauth_records_deleted: number };
  };
  /** Purges a server's token hash once its `expires_at` has passed (unless the expiry was moved since). */
  'expire-server': {
    payload: { server_id: string };
    result: { purged: boolean; reason: 'expired' | 'not-expired' | 'already-purged' | 'not-found' };
  };
  /**
   * Deletes audit events older than each organization's `audit_retention_days` (or one organization's, when named)
   * and moves its chain anchor past them, so what remains still verifies.
   */
  'audit-retention': {
    payload: { organization_id?: string; requested_by?: string };
    result: { organizations: number; purged: number };
  };
  /**
   * Signs the head of each organization's audit chain (or one organization's) when a checkpoint is due: every
   * `AUDIT_CHECKPOINT_EVERY_EVENTS` events, or `AUDIT_CHECKPOINT_EVERY_MINUTES` after the last one.
   */
  'audit-checkpoint': {
    payload: { organization_id?: string };
    result: { signing: boolean; organizations: number; written: number };
  };
  /** Deletes security events (counts of refused unauthenticated requests) older than 30 days. */
  'security-event-retention': { payload: Record<string, never>; result: { deleted: number } };
  /**
   * Ends an approval request nobody decided once its `expires_at` has passed (unless it was decided first): marks it
   * expired and records `approval.expired`.
   */
  'expire-approval': {
    payload: { approval_id: string };
    result: { expired: boolean; reason: 'expired' | 'not-due' | 'decided' | 'not-found' };
  };
  /** A tool call past its budget (rate limit, ClickUp failures), replayed until done or dead-lettered. */
  'tool-call': { payload: ToolCallJobPayload; result: ToolCallJobResult };
  /** A notification POSTed to a team's approval webhook, retried with backoff until accepted or dead-lettered. */
  'approval-notification': { payload: ApprovalNotificationJobPayload; result: ApprovalNotificationJobResult };
  /**
   * Re-seals every stored secret not under the current ENCRYPTION_KEY, batch by batch, so ENCRYPTION_KEY_PREVIOUS
   * can be dropped; values no key opens are listed, not fatal. One run at a time (`REKEY_JOB_ID`).
   */
  rekey: { payload: RekeyJobPayload; result: RekeyJobResult };
}
export type JobName = keyof JobTypes;
export type JobPayload<N extends JobName> = JobTypes[N]['payload'];
export type JobResult<N extends JobName> = JobTypes[N]['result'];

export const JOB_QUEUES: Record<JobName, QueueName> = {
  'session-cleanup': QUEUE_NAMES.maintenance,
  'expire-server': QUEUE_NAMES.mcpServers,
  'audit-retention': QUEUE_NAMES.maintenance,
  'security-event-retention': QUEUE_NAMES.maintenance,
  'audit-checkpoint': QUEUE_NAMES.maintenance,
  'expire-approval': QUEUE_NAMES.maintenance,
  'tool-call': QUEUE_NAMES.retries,
  'approval-notification': QUEUE_NAMES.notifications,
  rekey: QUEUE_NAMES.maintenance,
};

/**
 * One delayed job per (server, expiry): scheduling the same expiry twice is a no-op, and a moved expiry gets a
 * job of its own. BullMQ forbids `:` in custom ids.
 */
export function expireServerJobId(serverId: string, expiresAt: Date): string {
  return `expire-server-${serverId}-${expiresAt.getTime()}`;
}
