import type { AuditFilters } from './audit-filters';

export const auditKeys = {
  all: ['audit'] as const,
  page: (filters: AuditFilters, cursor: string) => [...auditKeys.all, 'page', filters, cursor] as const,
  event: (id: string) => [...auditKeys.all, 'event', id] as const,
  verify: () => [...auditKeys.all, 'verify'] as const,
  checkpoints: () => [...auditKeys.all, 'checkpoints'] as const,
};
