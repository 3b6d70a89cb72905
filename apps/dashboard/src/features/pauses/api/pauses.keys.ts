export const pauseKeys = {
  all: ['pauses'] as const,
  active: () => [...pauseKeys.all, 'active'] as const,
};
