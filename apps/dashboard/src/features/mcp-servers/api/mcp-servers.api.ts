import { apiFetch } from '@/lib/api-client';
import type { ServerListFilters } from './mcp-servers.keys';
import type {
  CatalogMode,
  CreatedMcpServer,
  CreateServerInput,
  McpServer,
  RotatedToken,
  ToolPreview,
  ToolReach,
  UpdateServerInput,
} from './mcp-servers.types';

const BASE = '/api/v1/mcp-servers';

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]));
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

export const fetchServers = (filters: ServerListFilters, signal?: AbortSignal) =>
  apiFetch<McpServer[]>(`${BASE}${query({ ...filters })}`, { signal });

export const fetchServer = (id: string, signal?: AbortSignal) =>
  apiFetch<McpServer>(`${BASE}/${encodeURIComponent(id)}`, { signal });

export const createServer = ({ connectionId, ...body }: CreateServerInput) =>
  apiFetch<CreatedMcpServer>(`/api/v1/connections/${encodeURIComponent(connectionId)}/mcp-servers`, {
    method: 'POST',
    body,
  });

export const updateServer = (id: string, body: UpdateServerInput) =>
  apiFetch<McpServer>(`${BASE}/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const revokeServer = (id: string) =>
  apiFetch<void>(`${BASE}/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const rotateServer = (id: string) =>
  apiFetch<RotatedToken>(`${BASE}/${encodeURIComponent(id)}/rotate`, { method: 'POST' });

export const fetchToolPreview = (
  methods: string[],
  tags: string[],
  reach: ToolReach,
  catalog: CatalogMode,
  signal?: AbortSignal,
) =>
  apiFetch<ToolPreview>(
    `/api/v1/tools${query({
      catalog: catalog === 'progressive' ? catalog : undefined,
      methods: methods.join(',') || undefined,
      tags: tags.join(',') || undefined,
      pinned: reach.pinned ? 'true' : undefined,
      allow_workspace_objects: reach.pinned && reach.allowWorkspaceObjects ? 'true' : undefined,
    })}`,
    { signal },
  );
