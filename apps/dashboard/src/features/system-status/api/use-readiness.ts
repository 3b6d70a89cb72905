'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchReadiness } from './readiness';
import { systemStatusKeys } from './system-status.keys';

const POLL_MS = 15_000;

export function useReadiness() {
  return useQuery({
    queryKey: systemStatusKeys.readiness(),
    queryFn: ({ signal }) => fetchReadiness(signal),
    refetchInterval: POLL_MS,
    retry: false,
  });
}
