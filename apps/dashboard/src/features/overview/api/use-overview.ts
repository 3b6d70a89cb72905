'use client';

import { useQuery } from '@tanstack/react-query';
import { usePermission } from '@/features/auth/api/use-permission';
import { apiFetch } from '@/lib/api-client';
import type { OverviewStats } from './overview.types';

export const overviewKeys = {
  all: ['overview'] as const,
  stats: (days: number) => [...overviewKeys.all, 'stats', days] as const,
};

export function useOverviewStats(days: number) {
  const allowed = usePermission('stats:read');
  return useQuery({
    queryKey: overviewKeys.stats(days),
    queryFn: ({ signal }) => apiFetch<OverviewStats>(`/api/v1/stats/overview?days=${days}`, { signal }),
    enabled: allowed,
    // Every visit shows fresh numbers (the cached ones stay on screen while they load).
    staleTime: 0,
    refetchInterval: 30_000,
  });
}
