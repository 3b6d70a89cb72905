/** Why an unauthenticated request was refused. A small fixed set, so the table and the metric stay bounded. */
export const SECURITY_EVENT_REASONS = [
  'mcp_unknown_token',
  'mcp_forbidden_origin',
  'mcp_bearer_missing',
  'mcp_invalid_bearer',
  'api_unauthenticated',
  'login_failed',
  'login_locked',
  'sso_failed',
  'sso_not_assigned',
  'rate_limited',
  'oauth_client_metadata_refused',
  'oauth_redirect_uri_mismatch',
  'oauth_refresh_token_replayed',
  'oauth_token_refused',
  'oauth_registration_refused',
] as const;
export type SecurityEventReason = (typeof SECURITY_EVENT_REASONS)[number];
