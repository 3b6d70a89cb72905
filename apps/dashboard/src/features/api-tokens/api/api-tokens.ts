'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@/features/auth/api/auth.types';
import { apiFetch } from '@/lib/api-client';

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  token_prefix: string;
  state: 'active' | 'expired' | 'revoked';
  created_by_user_id: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface CreateApiTokenInput {
  name: string;
  role?: Role;
  /** null: never (owners only); absent: the api's default of 90 days. */
  expires_at?: string | null;
}

const BASE = '/api/v1/api-tokens';
export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  list: () => [...apiTokenKeys.all, 'list'] as const,
};

export function useApiTokens() {
  return useQuery({
    queryKey: apiTokenKeys.list(),
    queryFn: ({ signal }) => apiFetch<ApiToken[]>(BASE, { signal }),
  });
}

export function useApiTokenActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all });
  const create = useMutation({
    mutationFn: (input: CreateApiTokenInput) =>
      apiFetch<CreatedApiToken>(BASE, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch<void>(`${BASE}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { create, revoke };
}
