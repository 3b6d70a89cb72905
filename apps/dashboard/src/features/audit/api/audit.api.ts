import { apiFetch } from '@/lib/api-client';
import { apiQuery, type AuditFilters } from './audit-filters';
import type { AuditEvent, AuditPage, ChainVerdict, CheckpointStatus } from './audit.types';

const BASE = '/api/v1/audit-events';
export const PAGE_SIZE = 50;

export const fetchAuditPage = (
  filters: AuditFilters,
  cursor: string,
  signal?: AbortSignal,
  limit = PAGE_SIZE,
) =>
  apiFetch<AuditPage>(
    `${BASE}?${apiQuery(filters, { limit: String(limit), ...(cursor ? { cursor } : {}) })}`,
    {
      signal,
    },
  );

export const fetchAuditEvent = (id: string, signal?: AbortSignal) =>
  apiFetch<AuditEvent>(`${BASE}/${encodeURIComponent(id)}`, { signal });

export const verifyChain = (signal?: AbortSignal) => apiFetch<ChainVerdict>(`${BASE}/verify`, { signal });

export const fetchCheckpointStatus = (signal?: AbortSignal) =>
  apiFetch<CheckpointStatus>('/api/v1/audit/checkpoints', { signal });

/** A plain link: the browser streams the file to disk with the session cookie. */
export function exportUrl(filters: AuditFilters, format: 'csv' | 'jsonl'): string {
  return `${BASE}/export?${apiQuery(filters, { format })}`;
}
