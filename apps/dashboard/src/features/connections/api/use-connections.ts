'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createConnection,
  fetchConnections,
  fetchSpaces,
  removeConnection,
  setConnectionTeams,
} from './connections.api';
import { connectionKeys } from './connections.keys';

export function useConnections() {
  return useQuery({ queryKey: connectionKeys.list(), queryFn: ({ signal }) => fetchConnections(signal) });
}

export function useSpaces(connectionId: string | undefined, workspaceId: string | undefined) {
  return useQuery({
    queryKey: connectionKeys.spaces(connectionId ?? '', workspaceId ?? ''),
    queryFn: ({ signal }) => fetchSpaces(connectionId as string, workspaceId as string, signal),
    enabled: Boolean(connectionId && workspaceId),
  });
}

export function useCreateConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createConnection,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionKeys.all }),
  });
}

export function useRemoveConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeConnection,
    // Removing a connection revokes its servers too.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useSetConnectionTeams(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (teamIds: string[]) => setConnectionTeams(id, teamIds),
    // Teams' policies list their granted connections, and servers whether they stay within them.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
