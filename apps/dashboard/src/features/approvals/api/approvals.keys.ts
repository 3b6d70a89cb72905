import type { ApprovalFilters } from './approval-filters';

export const approvalKeys = {
  all: ['approvals'] as const,
  list: (filters: ApprovalFilters) => [...approvalKeys.all, 'list', filters] as const,
  summary: () => [...approvalKeys.all, 'summary'] as const,
  detail: (id: string) => [...approvalKeys.all, 'detail', id] as const,
};
