'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { retryJobKeys } from '@/features/retry-queue/api/use-retry-jobs';
import { createPause, fetchActivePauses, resumePause } from './pauses.api';
import { pauseKeys } from './pauses.keys';
import type { PauseInput, PauseScope, ResumeInput } from './pauses.types';

/** Every 5 s: a pause made elsewhere (another admin, a script) shows in every open console soon after. */
const REFRESH_MS = 5000;

export function useActivePauses() {
  return useQuery({
    queryKey: pauseKeys.active(),
    queryFn: ({ signal }) => fetchActivePauses(signal),
    refetchInterval: REFRESH_MS,
  });
}

/** The pause in force on one scope (the organization, a team, a connection), if any. */
export function useActivePause(scope: PauseScope, targetId: string | undefined) {
  const { data } = useActivePauses();
  return data?.find(
    (pause) => pause.scope === scope && (scope === 'organization' || pause.target.id === targetId),
  );
}

export function usePauseAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PauseInput) => createPause(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pauseKeys.all }),
  });
}

export function useResumeAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: ResumeInput & { id: string }) => resumePause(id, input),
    // Held calls run or are discarded: the queue page follows.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pauseKeys.all }),
        queryClient.invalidateQueries({ queryKey: retryJobKeys.all }),
      ]),
  });
}
