import { isRecord } from '@/lib/api-error';

/** Why an unauthenticated request was refused, as the api names it, with the words the page shows. */
export const REASONS = [
  { value: 'mcp_unknown_token', label: 'Unknown MCP URL' },
  { value: 'mcp_forbidden_origin', label: 'MCP call from a foreign origin' },
  { value: 'mcp_bearer_missing', label: 'Sign-in MCP call without a token' },
  { value: 'mcp_invalid_bearer', label: 'Sign-in MCP call with a bad token' },
  { value: 'api_unauthenticated', label: 'Missing or rejected credentials' },
  { value: 'login_failed', label: 'Failed sign-in' },
  { value: 'login_locked', label: 'Sign-in locked' },
  { value: 'sso_failed', label: 'Failed single sign-on' },
  { value: 'sso_not_assigned', label: 'SSO account not assigned' },
  { value: 'rate_limited', label: 'Rate limited' },
  { value: 'oauth_client_metadata_refused', label: 'MCP client metadata refused' },
  { value: 'oauth_redirect_uri_mismatch', label: 'Redirect URI not in client metadata' },
  { value: 'oauth_refresh_token_replayed', label: 'Refresh token replayed' },
  { value: 'oauth_token_refused', label: 'Token request refused' },
  { value: 'oauth_registration_refused', label: 'Client registration refused' },
] as const;

export function reasonLabel(reason: string): string {
  return REASONS.find((r) => r.value === reason)?.label ?? reason;
}

/** The filters the security-events API takes; the URL uses the same names, so a view's link is its query. */
export const SECURITY_EVENT_FILTER_KEYS = ['reason', 'ip', 'from', 'to'] as const;
export type SecurityEventFilterKey = (typeof SECURITY_EVENT_FILTER_KEYS)[number];
export type SecurityEventFilters = Partial<Record<SecurityEventFilterKey, string>>;

export interface SecurityEvent {
  minute: string;
  ip: string;
  reason: string;
  count: number;
}

export interface SecurityEventPage {
  items: SecurityEvent[];
  nextCursor: string | null;
}

export function filtersFrom(params: URLSearchParams): SecurityEventFilters {
  const filters: SecurityEventFilters = {};
  for (const key of SECURITY_EVENT_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** `from` and `to` come from `datetime-local` inputs (local time, no zone) and are sent as ISO instants. */
export function apiQuery(filters: SecurityEventFilters, cursor: string): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of SECURITY_EVENT_FILTER_KEYS) {
    const value = filters[key];
    if (!value) continue;
    query.set(key, key === 'from' || key === 'to' ? toInstant(value) : value);
  }
  if (cursor) query.set('cursor', cursor);
  query.set('limit', '100');
  return query;
}

function toInstant(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

export function parseSecurityEventPage(body: unknown): SecurityEventPage {
  const list = isRecord(body) && Array.isArray(body['items']) ? body['items'] : [];
  const items = list.filter(isRecord).flatMap((row): SecurityEvent[] => {
    const { minute, ip, reason, count } = row;
    return typeof minute === 'string' && typeof ip === 'string' && typeof reason === 'string'
      ? [{ minute, ip, reason, count: typeof count === 'number' ? count : 0 }]
      : [];
  });
  const next = isRecord(body) ? body['next_cursor'] : null;
  return { items, nextCursor: typeof next === 'string' && next ? next : null };
}
