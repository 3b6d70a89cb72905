'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditFilters } from './audit-filters';
import { fetchAuditEvent, fetchAuditPage, fetchCheckpointStatus, verifyChain } from './audit.api';
import { auditKeys } from './audit.keys';

export function useAuditPage(
  filters: AuditFilters,
  cursor: string,
  { live = true }: { live?: boolean } = {},
) {
  return useQuery({
    queryKey: auditKeys.page(filters, cursor),
    queryFn: ({ signal }) => fetchAuditPage(filters, cursor, signal),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    // The newest page follows new events; older pages do not move.
    refetchInterval: live && !cursor ? 15_000 : false,
  });
}

export function useAuditEvent(id: string) {
  return useQuery({
    queryKey: auditKeys.event(id),
    queryFn: ({ signal }) => fetchAuditEvent(id, signal),
    enabled: Boolean(id),
    staleTime: Infinity,
  });
}

/** Walks the whole chain on the server; run once the first rows are on screen, and kept for a few minutes. */
export function useChainVerdict(enabled: boolean) {
  return useQuery({
    queryKey: auditKeys.verify(),
    queryFn: ({ signal }) => verifyChain(signal),
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Whether the worker signs the chain, and its newest checkpoint; refreshed like the newest page. */
export function useCheckpointStatus(enabled: boolean) {
  return useQuery({
    queryKey: auditKeys.checkpoints(),
    queryFn: ({ signal }) => fetchCheckpointStatus(signal),
    enabled,
    staleTime: 30_000,
    refetchInterval: 60_000,
    retry: false,
  });
}
