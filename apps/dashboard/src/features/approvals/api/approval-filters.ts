import { APPROVAL_STATES, type Approval, type ApprovalState } from './approvals.types';

/** The inbox's filters; the URL uses the api's names, so a filtered inbox can be bookmarked and shared. */
export const APPROVAL_FILTER_KEYS = ['state', 'server_id', 'team_id', 'tool'] as const;
export type ApprovalFilterKey = (typeof APPROVAL_FILTER_KEYS)[number];
export type ApprovalFilters = Partial<Record<ApprovalFilterKey, string>>;

/** The state tabs: what waits first (the default), then each outcome, then everything. */
export const STATE_TABS = [...APPROVAL_STATES, 'all'] as const;
export type StateTab = (typeof STATE_TABS)[number];

/** No `state` in the URL means pending: the inbox opens on what waits for a decision. */
export function stateTab(params: URLSearchParams): StateTab {
  const state = params.get('state');
  return (STATE_TABS as readonly string[]).includes(state ?? '') ? (state as StateTab) : 'pending';
}

export function filtersFrom(params: URLSearchParams): ApprovalFilters {
  const filters: ApprovalFilters = {};
  for (const key of APPROVAL_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && key !== 'state') filters[key] = value;
  }
  const tab = stateTab(params);
  if (tab !== 'all') filters.state = tab;
  return filters;
}

export function apiQuery(filters: ApprovalFilters, extra: Record<string, string> = {}): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of APPROVAL_FILTER_KEYS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return query;
}

const ORDER: Record<ApprovalState, number> = {
  pending: 0,
  approved: 1,
  executed: 2,
  rejected: 2,
  expired: 2,
};

/** Pending first (they wait for someone), then the rest; newest first within each. */
export function pendingFirst(items: Approval[]): Approval[] {
  return [...items].sort(
    (a, b) => ORDER[a.state] - ORDER[b.state] || b.created_at.localeCompare(a.created_at),
  );
}
