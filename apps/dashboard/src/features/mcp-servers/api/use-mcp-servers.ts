'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createServer,
  fetchServer,
  fetchServers,
  fetchToolPreview,
  revokeServer,
  rotateServer,
  updateServer,
} from './mcp-servers.api';
import { serverKeys, type ServerListFilters } from './mcp-servers.keys';
import type { CatalogMode, ToolReach, UpdateServerInput } from './mcp-servers.types';

const WHOLE_WORKSPACE: ToolReach = { pinned: false, allowWorkspaceObjects: false };

export function useServers(filters: ServerListFilters = {}, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: serverKeys.list(filters),
    queryFn: ({ signal }) => fetchServers(filters, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useServer(id: string) {
  return useQuery({ queryKey: serverKeys.detail(id), queryFn: ({ signal }) => fetchServer(id, signal) });
}

/** The live preview: the catalog's answer for these filters, kept on screen while the next one loads. */
export function useToolPreview(
  methods: string[],
  tags: string[],
  {
    enabled = true,
    reach = WHOLE_WORKSPACE,
    catalog = 'full',
  }: { enabled?: boolean; reach?: ToolReach; catalog?: CatalogMode } = {},
) {
  return useQuery({
    queryKey: serverKeys.tools(methods, tags, reach, catalog),
    queryFn: ({ signal }) => fetchToolPreview(methods, tags, reach, catalog, signal),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    enabled,
  });
}

export function useCreateServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createServer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serverKeys.all }),
  });
}

export function useUpdateServer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateServerInput) => updateServer(id, body),
    onSuccess: (server) => {
      queryClient.setQueryData(serverKeys.detail(id), server);
      void queryClient.invalidateQueries({ queryKey: serverKeys.all });
    },
  });
}

export function useRevokeServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeServer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serverKeys.all }),
  });
}

export function useRotateServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateServer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serverKeys.all }),
  });
}
