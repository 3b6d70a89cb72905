export const linkedAccountKeys = {
  all: ['linked-accounts'] as const,
  mine: () => [...linkedAccountKeys.all, 'mine'] as const,
  list: () => [...linkedAccountKeys.all, 'list'] as const,
};
