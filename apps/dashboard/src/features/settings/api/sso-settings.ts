'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@/features/auth/api/auth.types';
import { apiFetch } from '@/lib/api-client';

export interface SsoGroupRule {
  group: string;
  role: Role | null;
  team_ids: string[];
}

export type PasswordSignInMode = 'everyone' | 'break_glass_owners';

/** `GET /api/v1/settings/sso`: the client secret is never sent, only whether one is stored. */
export interface SsoSettings {
  source: 'env' | 'settings' | 'none';
  issuer_url: string | null;
  client_id: string | null;
  client_secret_set: boolean;
  groups_claim: string;
  button_label: string | null;
  effective_button_label: string | null;
  scopes: string;
  redirect_uri: string;
  group_rules: SsoGroupRule[];
  password_sign_in: PasswordSignInMode;
  break_glass_user_ids: string[];
}

/** `PUT /api/v1/settings/sso`: absent fields stay; an absent secret keeps the stored one. */
export interface SsoProviderUpdate {
  issuer_url?: string;
  client_id?: string;
  client_secret?: string;
  groups_claim: string;
  button_label: string | null;
  scopes: string;
}

const BASE = '/api/v1/settings/sso';
export const ssoSettingsKeys = { all: ['settings', 'sso'] as const };

export function useSsoSettings() {
  return useQuery({
    queryKey: ssoSettingsKeys.all,
    queryFn: ({ signal }) => apiFetch<SsoSettings>(BASE, { signal }),
  });
}

export function useSsoSettingsActions() {
  const queryClient = useQueryClient();
  const saved = (settings: SsoSettings) => {
    queryClient.setQueryData(ssoSettingsKeys.all, settings);
    // The sign-in page's button follows the provider.
    void queryClient.invalidateQueries({ queryKey: ['auth', 'sso'] });
  };
  return {
    updateProvider: useMutation({
      mutationFn: (body: SsoProviderUpdate) => apiFetch<SsoSettings>(BASE, { method: 'PUT', body }),
      onSuccess: saved,
    }),
    removeProvider: useMutation({
      mutationFn: () => apiFetch<SsoSettings>(BASE, { method: 'DELETE' }),
      onSuccess: saved,
    }),
    updateGroupRules: useMutation({
      mutationFn: (rules: SsoGroupRule[]) =>
        apiFetch<SsoSettings>(`${BASE}/group-rules`, { method: 'PUT', body: { rules } }),
      onSuccess: saved,
    }),
    updatePasswordSignIn: useMutation({
      mutationFn: (body: { mode: PasswordSignInMode; break_glass_user_ids: string[] }) =>
        apiFetch<SsoSettings>(`${BASE}/password-sign-in`, { method: 'PUT', body }),
      onSuccess: saved,
    }),
  };
}
