export const auditSinkKeys = {
  all: ['audit-sinks'] as const,
  list: () => [...auditSinkKeys.all, 'list'] as const,
};
