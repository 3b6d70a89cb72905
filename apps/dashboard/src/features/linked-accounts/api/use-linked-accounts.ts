'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  fetchLinkedAccounts,
  fetchMyClickUpAccount,
  startLink,
  unlinkMine,
  unlinkPerson,
} from './linked-accounts.api';
import { linkedAccountKeys } from './linked-accounts.keys';

export function useMyClickUpAccount() {
  return useQuery({
    queryKey: linkedAccountKeys.mine(),
    queryFn: ({ signal }) => fetchMyClickUpAccount(signal),
  });
}

export function useLinkedAccounts(enabled: boolean) {
  return useQuery({
    queryKey: linkedAccountKeys.list(),
    queryFn: ({ signal }) => fetchLinkedAccounts(signal),
    enabled,
  });
}

/** Sends the browser to ClickUp's consent page; ClickUp brings it back to this page. */
export function useStartLink() {
  return useMutation({
    mutationFn: startLink,
    onSuccess: ({ authorize_url }) => window.location.assign(authorize_url),
  });
}

export function useUnlinkMine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlinkMine,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linkedAccountKeys.all }),
  });
}

export function useUnlinkPerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlinkPerson,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linkedAccountKeys.all }),
  });
}
