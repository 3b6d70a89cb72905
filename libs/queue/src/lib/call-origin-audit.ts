import type { AuditEventInput } from '@gw/audit-recorder';
import type { ToolCallJobPayload } from './tool-call-job';

type CallOrigin = ToolCallJobPayload['origin'];

/**
 * The audit columns a call's MCP request gives every later row of that call (its approval request, its queued
 * outcome), so they name the same request, trace, person and client as the api's row of the request itself.
 */
export function auditColumnsOfOrigin(
  origin: CallOrigin,
): Pick<
  AuditEventInput,
  | 'requestId'
  | 'traceId'
  | 'actorUserId'
  | 'actorEmail'
  | 'oauthClientId'
  | 'clientName'
  | 'clientVersion'
  | 'sessionId'
  | 'ip'
  | 'userAgent'
> {
  return {
    requestId: origin.request_id,
    // The api validated the traceparent (00-<trace id>-<parent id>-<flags>); the trace id is its 2nd field.
    traceId: origin.traceparent?.split('-')[1] ?? null,
    // The signed-in person the call was made for (a sign-in server).
    actorUserId: origin.caller?.user_id ?? null,
    actorEmail: origin.caller?.email ?? null,
    oauthClientId: origin.caller?.oauth_client_id ?? null,
    clientName: origin.client_name,
    clientVersion: origin.client_version,
    sessionId: origin.session_id,
    ip: origin.ip,
    userAgent: origin.user_agent,
  };
}
