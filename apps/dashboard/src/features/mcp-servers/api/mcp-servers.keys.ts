import type { CatalogMode, ToolReach } from './mcp-servers.types';

export interface ServerListFilters {
  state?: string;
  team_id?: string;
  connection_id?: string;
}

export const serverKeys = {
  all: ['mcp-servers'] as const,
  list: (filters: ServerListFilters = {}) => [...serverKeys.all, 'list', filters] as const,
  detail: (id: string) => [...serverKeys.all, 'detail', id] as const,
  tools: (methods: string[], tags: string[], reach: ToolReach, catalog: CatalogMode) =>
    [
      'tools',
      { methods, tags, pinned: reach.pinned, allow: reach.pinned && reach.allowWorkspaceObjects, catalog },
    ] as const,
};
