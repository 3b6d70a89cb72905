'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchSession } from './auth.api';
import { authKeys } from './auth.keys';

export function useSession() {
  return useQuery({
    queryKey: authKeys.session(),
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60_000,
  });
}
