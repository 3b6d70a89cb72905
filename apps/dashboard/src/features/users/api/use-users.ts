'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePermission } from '@/features/auth/api/use-permission';
import { createUser, fetchUsers } from './users.api';

export const userKeys = { all: ['users'] as const, list: () => [...userKeys.all, 'list'] as const };

/** Users of the organization; not asked for by roles that may not list them. */
export function useUsers({ enabled = true }: { enabled?: boolean } = {}) {
  const allowed = usePermission('users:read');
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => fetchUsers(signal),
    enabled: allowed && enabled,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
