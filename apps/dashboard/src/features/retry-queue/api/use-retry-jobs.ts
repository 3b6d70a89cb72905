'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { parseRetryJob, parseRetryJobs } from './retry-jobs';

const BASE = '/api/v1/retry-jobs';

export const retryJobKeys = {
  all: ['retry-jobs'] as const,
  list: (state: string) => [...retryJobKeys.all, 'list', state] as const,
  detail: (id: string) => [...retryJobKeys.all, 'detail', id] as const,
};

export function useRetryJobs(state: string) {
  return useQuery({
    queryKey: retryJobKeys.list(state),
    queryFn: async ({ signal }) =>
      parseRetryJobs(await apiFetch<unknown>(`${BASE}?state=${encodeURIComponent(state)}`, { signal })),
    refetchInterval: 10_000,
  });
}

export function useRetryJob(id: string) {
  return useQuery({
    queryKey: retryJobKeys.detail(id),
    queryFn: async ({ signal }) =>
      parseRetryJob(await apiFetch<unknown>(`${BASE}/${encodeURIComponent(id)}`, { signal })),
    enabled: Boolean(id),
  });
}

export function useRetryJobActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: retryJobKeys.all });
  const retry = useMutation({
    mutationFn: (id: string) =>
      apiFetch<unknown>(`${BASE}/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
    onSuccess: refresh,
  });
  const discard = useMutation({
    mutationFn: (id: string) => apiFetch<void>(`${BASE}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { retry, discard };
}
