'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePermission } from '@/features/auth/api/use-permission';
import { createPasswordReset, createUser, fetchUsers, updateUser } from './users.api';

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

/** Role changes and disabling; the list is refreshed after each, as the api may refuse (last owner, oneself). */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useCreatePasswordReset() {
  return useMutation({ mutationFn: createPasswordReset });
}
