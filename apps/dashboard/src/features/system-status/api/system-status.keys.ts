export const systemStatusKeys = {
  all: ['system-status'] as const,
  readiness: () => [...systemStatusKeys.all, 'readiness'] as const,
};
