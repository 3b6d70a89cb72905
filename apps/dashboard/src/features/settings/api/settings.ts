'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

/** `GET /api/v1/settings`. */
export interface OrganizationSettings {
  organization_id: string;
  organization_name: string;
  audit_retention_days: number;
  /** The shortest retention the api accepts (`AUDIT_RETENTION_MIN_DAYS`). */
  audit_retention_min_days: number;
}

/** `PATCH /api/v1/settings`: shortening the retention repeats the new period in `confirm_audit_retention_days`. */
export interface SettingsUpdate {
  audit_retention_days: number;
  confirm_audit_retention_days?: number;
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
    mutationFn: (body: SettingsUpdate) => apiFetch<OrganizationSettings>(BASE, { method: 'PATCH', body }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.all, settings),
  });
  const runRetention = useMutation({
    mutationFn: () => apiFetch<{ job_id: string }>(`${BASE}/audit-retention/run`, { method: 'POST' }),
  });
  return { update, runRetention };
}
