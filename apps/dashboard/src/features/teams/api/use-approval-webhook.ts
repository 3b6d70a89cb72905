'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-error';
import {
  fetchApprovalWebhook,
  fetchWebhookDeliveries,
  redeliverWebhookDelivery,
  removeApprovalWebhook,
  saveApprovalWebhook,
  sendTestNotification,
} from './approval-webhook.api';
import type { ApprovalWebhookInput, DeliveryState } from './approval-webhook.types';
import { teamKeys } from './teams.keys';

/** The team's webhook; `null` when it has none (the api answers 404). */
export function useApprovalWebhook(teamId: string) {
  return useQuery({
    queryKey: teamKeys.approvalWebhook(teamId),
    queryFn: ({ signal }) =>
      fetchApprovalWebhook(teamId, signal).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
  });
}

/** The team's deliveries: refreshed every 2 s while one is being tried, every 15 s otherwise. */
export function useWebhookDeliveries(teamId: string, state: DeliveryState | undefined, enabled: boolean) {
  return useQuery({
    queryKey: teamKeys.webhookDeliveries(teamId, state ?? 'all'),
    queryFn: ({ signal }) => fetchWebhookDeliveries(teamId, state, signal),
    enabled,
    refetchInterval: (query) => (query.state.data?.some((d) => d.state === 'pending') ? 2000 : 15_000),
  });
}

export function useApprovalWebhookActions(teamId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: teamKeys.approvalWebhook(teamId) });
  const refreshDeliveries = () =>
    queryClient.invalidateQueries({ queryKey: teamKeys.webhookDeliveries(teamId) });
  return {
    save: useMutation({
      mutationFn: (body: ApprovalWebhookInput) => saveApprovalWebhook(teamId, body),
      onSuccess: (saved) => {
        const { secret: _, ...webhook } = saved;
        queryClient.setQueryData(teamKeys.approvalWebhook(teamId), webhook);
      },
    }),
    remove: useMutation({ mutationFn: () => removeApprovalWebhook(teamId), onSuccess: refresh }),
    test: useMutation({ mutationFn: () => sendTestNotification(teamId), onSuccess: refreshDeliveries }),
    redeliver: useMutation({
      mutationFn: (deliveryId: string) => redeliverWebhookDelivery(teamId, deliveryId),
      onSuccess: refreshDeliveries,
    }),
  };
}
