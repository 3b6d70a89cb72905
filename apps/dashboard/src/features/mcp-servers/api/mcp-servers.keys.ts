export interface ServerListFilters {
  state?: string;
  team_id?: string;
  connection_id?: string;
}

export const serverKeys = {
  all: ['mcp-servers'] as const,
  list: (filters: ServerListFilters = {}) => [...serverKeys.all, 'list', filters] as const,
  detail: (id: string) => [...serverKeys.all, 'detail', id] as const,
  tools: (methods: string[], tags: string[]) => ['tools', { methods, tags }] as const,
};
