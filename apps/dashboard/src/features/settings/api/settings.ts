'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

/** `GET /api/v1/settings`. */
export interface OrganizationSettings {
  organization_id: string;
  organization_name: string;
  audit_retention_days: number;
}

const BASE = '/api/v1/settings';
export const settingsKeys = { all: ['settings'] as const };

export function useSettings() {
  return useQuery({
    queryKey: settingsKeys.all,
    queryFn: ({ signal }) => apiFetch<OrganizationSettings>(BASE, { signal }),
  });
}

export function useSettingsActions() {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (body: { audit_retention_days: number }) =>
      apiFetch<OrganizationSettings>(BASE, { method: 'PATCH', body }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.all, settings),
  });
  const runRetention = useMutation({
    mutationFn: () => apiFetch<{ job_id: string }>(`${BASE}/audit-retention/run`, { method: 'POST' }),
  });
  return { update, runRetention };
}
