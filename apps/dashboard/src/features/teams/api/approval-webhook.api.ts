import { apiFetch } from '@/lib/api-client';
import type {
  ApprovalWebhook,
  ApprovalWebhookInput,
  DeliveryState,
  SavedApprovalWebhook,
  WebhookDelivery,
} from './approval-webhook.types';

const base = (teamId: string) => `/api/v1/teams/${encodeURIComponent(teamId)}/approval-webhook`;

export const fetchApprovalWebhook = (teamId: string, signal?: AbortSignal) =>
  apiFetch<ApprovalWebhook>(base(teamId), { signal });
export const saveApprovalWebhook = (teamId: string, body: ApprovalWebhookInput) =>
  apiFetch<SavedApprovalWebhook>(base(teamId), { method: 'PUT', body });
export const removeApprovalWebhook = (teamId: string) => apiFetch<void>(base(teamId), { method: 'DELETE' });
export const sendTestNotification = (teamId: string) =>
  apiFetch<WebhookDelivery>(`${base(teamId)}/test`, { method: 'POST' });
export const fetchWebhookDeliveries = (
  teamId: string,
  state: DeliveryState | undefined,
  signal?: AbortSignal,
) =>
  apiFetch<{ items: WebhookDelivery[] }>(
    `${base(teamId)}/deliveries${state ? `?state=${encodeURIComponent(state)}` : ''}`,
    { signal },
  ).then((r) => r.items);
export const redeliverWebhookDelivery = (teamId: string, deliveryId: string) =>
  apiFetch<WebhookDelivery>(`${base(teamId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
    method: 'POST',
  });
