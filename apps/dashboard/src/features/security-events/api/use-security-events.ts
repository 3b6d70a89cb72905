'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { apiQuery, parseSecurityEventPage, type SecurityEventFilters } from './security-events';

export const securityEventKeys = {
  all: ['security-events'] as const,
  page: (filters: SecurityEventFilters, cursor: string) =>
    [...securityEventKeys.all, 'page', filters, cursor] as const,
};

export function useSecurityEvents(filters: SecurityEventFilters, cursor: string) {
  return useQuery({
    queryKey: securityEventKeys.page(filters, cursor),
    queryFn: async ({ signal }) =>
      parseSecurityEventPage(
        await apiFetch<unknown>(`/api/v1/security-events?${apiQuery(filters, cursor)}`, { signal }),
      ),
    placeholderData: keepPreviousData,
    // The newest page follows new refusals; older pages do not move.
    refetchInterval: cursor ? false : 15_000,
  });
}
