import { apiFetch } from '@/lib/api-client';
import { apiQuery, type ApprovalFilters } from './approval-filters';
import type { Approval, ApprovalPage, ApprovalSummary } from './approvals.types';

const BASE = '/api/v1/approvals';
export const PAGE_SIZE = 50;

export const fetchApprovals = (filters: ApprovalFilters, cursor: string | null, signal?: AbortSignal) =>
  apiFetch<ApprovalPage>(
    `${BASE}?${apiQuery(filters, { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) })}`,
    { signal },
  );

export const fetchApprovalSummary = (signal?: AbortSignal) =>
  apiFetch<ApprovalSummary>(`${BASE}/summary`, { signal });

export const fetchApproval = (id: string, signal?: AbortSignal) =>
  apiFetch<Approval>(`${BASE}/${encodeURIComponent(id)}`, { signal });

export const decideApproval = (id: string, decision: 'approve' | 'reject', body: { comment?: string }) =>
  apiFetch<Approval>(`${BASE}/${encodeURIComponent(id)}/${decision}`, { method: 'POST', body });
