export const connectionKeys = {
  all: ['connections'] as const,
  list: () => [...connectionKeys.all, 'list'] as const,
  detail: (id: string) => [...connectionKeys.all, 'detail', id] as const,
  spaces: (id: string, workspaceId: string) => [...connectionKeys.all, 'spaces', id, workspaceId] as const,
};
