/** The filters the audit API takes; the URL uses the same names, so a view's link is its query. */
export const AUDIT_FILTER_KEYS = [
  'server_id',
  'team_id',
  'tool',
  'outcome',
  'actor',
  'actor_user_id',
  'client',
  'job_id',
  'from',
  'to',
  'q',
] as const;

export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export type AuditFilters = Partial<Record<AuditFilterKey, string>>;

export const OUTCOMES = [
  { value: 'ok', label: 'OK' },
  { value: 'denied', label: 'Denied' },
  { value: 'error', label: 'Error' },
  { value: 'queued', label: 'Queued' },
] as const;

export function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/**
 * The API's query for these filters. `from` and `to` come from `datetime-local` inputs (the user's local time,
 * no zone) and are sent as ISO instants.
 */
export function apiQuery(filters: AuditFilters, extra: Record<string, string> = {}): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (!value) continue;
    query.set(key, key === 'from' || key === 'to' ? toInstant(value) : value);
  }
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return query;
}

function toInstant(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

/**
 * Whether a row belongs to an approval request (its request, a decision, its expiry or its run): its job id is then
 * the approval's id, and the row links to it.
 */
export function isApprovalRow(event: {
  job_id: string | null;
  action: string;
  issue_codes: string[];
}): boolean {
  return (
    event.job_id !== null &&
    (/^approvals?[._]/.test(event.action) || event.issue_codes.some((code) => code.startsWith('APPROVAL_')))
  );
}

/**
 * Whether a call succeeded only in part: ClickUp answered success but kept less than it was asked (the tool said
 * NOT_APPLIED beside ok), so its row reads "partially applied" rather than OK.
 */
export function isPartiallyApplied(event: { outcome: string; issue_codes: string[] }): boolean {
  return event.outcome === 'ok' && event.issue_codes.includes('NOT_APPLIED');
}

/**
 * Whether a call's api process stopped (or could not record it) before it answered: the row was written for it by
 * another process, and ClickUp may or may not have applied the call.
 */
export function isInterrupted(event: { outcome: string; issue_codes: string[] }): boolean {
  return event.outcome === 'error' && event.issue_codes.includes('INTERRUPTED');
}

/** What an INTERRUPTED row means, for whoever reviews it. */
export const INTERRUPTED_EXPLANATION =
  'The gateway process handling this call stopped before it answered, so the agent got no result. ClickUp may have applied the change: check it in ClickUp before retrying.';

export function hasFilters(filters: AuditFilters): boolean {
  return Object.keys(filters).length > 0;
}
