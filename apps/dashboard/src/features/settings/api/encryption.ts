'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

export type SealedKind =
  | 'clickup_connection'
  | 'clickup_linked_account'
  | 'approval_webhook_url'
  | 'approval_webhook_secret'
  | 'sso_client_secret'
  | 'sso_refresh_token'
  | 'oauth_provider_key'
  | 'audit_sink_secret';

export interface UnreadableValue {
  kind: SealedKind;
  id: string;
  key_id: string | null;
  reason: 'unknown_key' | 'does_not_open';
}

export interface RekeyJob {
  state: string;
  started_at: string | null;
  finished_at: string | null;
  done: number;
  total: number;
  error: string | null;
}

/** `GET /api/v1/settings/encryption`: stored secrets by the key that opens them; no value is ever sent. */
export interface EncryptionStatus {
  current_key_id: string;
  previous_key_configured: boolean;
  previous_key_id: string | null;
  total: number;
  under_current: number;
  under_previous: number;
  unreadable: number;
  unreadable_values: UnreadableValue[];
  previous_key_removable: boolean;
  job: RekeyJob | null;
}

const BASE = '/api/v1/settings/encryption';
export const encryptionKeys = { all: ['settings', 'encryption'] as const };

/** A run that has not ended yet: `waiting`, `active`, `delayed` (between attempts), `prioritized`. */
export function runInProgress(job: RekeyJob | null): boolean {
  return job !== null && job.state !== 'completed' && job.state !== 'failed';
}

export function useEncryptionStatus() {
  return useQuery({
    queryKey: encryptionKeys.all,
    queryFn: ({ signal }) => apiFetch<EncryptionStatus>(BASE, { signal }),
    // Follow a run closely; otherwise look again now and then (a worker start may begin one).
    refetchInterval: (query) => (runInProgress(query.state.data?.job ?? null) ? 1500 : 30_000),
  });
}

export function useRekey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ job_id: string; started: boolean }>(`${BASE}/rekey`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: encryptionKeys.all }),
  });
}
