export const teamKeys = {
  all: ['teams'] as const,
  list: () => [...teamKeys.all, 'list'] as const,
  detail: (id: string) => [...teamKeys.all, 'detail', id] as const,
  policy: (id: string) => [...teamKeys.all, 'policy', id] as const,
  approvalWebhook: (id: string) => [...teamKeys.all, 'approval-webhook', id] as const,
  webhookDeliveries: (id: string, state?: string) =>
    [...teamKeys.all, 'approval-webhook-deliveries', id, ...(state ? [state] : [])] as const,
};
