import type { AuditRecord, UnsequencedRecord } from '@gw/audit-chain';
import { randomUUID } from 'node:crypto';
import { redactArguments, storableText } from './redaction';

/** What a caller knows of an event; `auditRecordOf` turns it into the row that is hashed and stored. */
export interface AuditEventInput {
  /** The row's id when it was chosen ahead (a call in flight's marker names the row it will become); else a new one. */
  id?: string;
  /** Omitted for requests that cannot be tied to an organization (an unknown MCP token): the first organization. */
  organizationId?: string;
  serverId?: string | null;
  teamId?: string | null;
  actor: string;
  action: string;
  tool?: string | null;
  arguments?: unknown;
  outcome: AuditRecord['outcome'];
  issueCodes?: string[];
  upstreamStatus?: number | null;
  durationMs?: number | null;
  jobId?: string | null;
  requestId?: string | null;
  /** The W3C trace id of the request, when its client sent a trace context. */
  traceId?: string | null;
  /** The signed-in person the action was for, and the OAuth client acting for them (sign-in MCP servers). */
  actorUserId?: string | null;
  actorEmail?: string | null;
  oauthClientId?: string | null;
  /** The ClickUp user a tool call acted as. */
  clickupUserId?: string | number | null;
  clientName?: string | null;
  clientVersion?: string | null;
  sessionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Longest stored text per column. Most of it comes from the caller (client name and version, user agent, session
 * and request ids): a client must not be able to grow the log, or its export, at will.
 */
export const AUDIT_TEXT_LIMITS = {
  actor: 200,
  action: 200,
  tool: 200,
  client_name: 200,
  client_version: 100,
  session_id: 200,
  ip: 100,
  user_agent: 500,
  job_id: 200,
  request_id: 200,
  trace_id: 64,
  actor_email: 320,
  oauth_client_id: 500,
  clickup_user_id: 32,
} as const;

/**
 * The row an event becomes, in the api and in the worker alike: caller text clipped and storable, arguments
 * redacted, a new id and the current time. The caller has resolved the organization.
 */
export function auditRecordOf(
  input: AuditEventInput & { organizationId: string },
  now: Date = new Date(),
): UnsequencedRecord {
  return {
    id: input.id ?? randomUUID(),
    at: now.toISOString(),
    organization_id: input.organizationId,
    server_id: input.serverId ?? null,
    team_id: input.teamId ?? null,
    actor: clip(input.actor, AUDIT_TEXT_LIMITS.actor),
    client_name: clip(input.clientName, AUDIT_TEXT_LIMITS.client_name),
    client_version: clip(input.clientVersion, AUDIT_TEXT_LIMITS.client_version),
    session_id: clip(input.sessionId, AUDIT_TEXT_LIMITS.session_id),
    ip: clip(input.ip, AUDIT_TEXT_LIMITS.ip),
    user_agent: clip(input.userAgent, AUDIT_TEXT_LIMITS.user_agent),
    action: clip(input.action, AUDIT_TEXT_LIMITS.action),
    tool: clip(input.tool, AUDIT_TEXT_LIMITS.tool),
    arguments: input.arguments === undefined ? null : redactArguments(input.arguments),
    outcome: input.outcome,
    issue_codes: input.issueCodes ?? [],
    upstream_status: input.upstreamStatus ?? null,
    duration_ms:
      input.durationMs === undefined || input.durationMs === null ? null : Math.round(input.durationMs),
    job_id: clip(input.jobId, AUDIT_TEXT_LIMITS.job_id),
    request_id: clip(input.requestId, AUDIT_TEXT_LIMITS.request_id),
    trace_id: clip(input.traceId, AUDIT_TEXT_LIMITS.trace_id),
    actor_user_id: input.actorUserId ?? null,
    actor_email: clip(input.actorEmail, AUDIT_TEXT_LIMITS.actor_email),
    oauth_client_id: clip(input.oauthClientId, AUDIT_TEXT_LIMITS.oauth_client_id),
    clickup_user_id: clip(
      input.clickupUserId === undefined || input.clickupUserId === null ? null : String(input.clickupUserId),
      AUDIT_TEXT_LIMITS.clickup_user_id,
    ),
  };
}

/** Caller-supplied text: bounded, and storable exactly as hashed. */
function clip(value: string, max: number): string;
function clip(value: string | null | undefined, max: number): string | null;
function clip(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return storableText(value.length > max ? value.slice(0, max) : value);
}
