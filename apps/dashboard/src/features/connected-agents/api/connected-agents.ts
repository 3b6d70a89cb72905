'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';

/** One consent: an MCP client acting for a person on a sign-in MCP server, until revoked. */
export interface ConnectedAgent {
  grant_id: string;
  user_id: string;
  user_email: string | null;
  client_id: string;
  /** The name the client gave itself: untrusted text. */
  client_name: string | null;
  server_id: string | null;
  server_name: string | null;
  scopes: string[];
  connected_at: string;
  first_used_at: string | null;
  last_used_at: string | null;
}

/** Whose agents a view shows: the signed-in person's own, or (admins) one person's of the organization. */
export type AgentsScope = { kind: 'mine' } | { kind: 'person'; userId: string };

const base = (scope: AgentsScope) =>
  scope.kind === 'mine' ? '/api/v1/me/connected-agents' : '/api/v1/connected-agents';

export const connectedAgentKeys = {
  all: ['connected-agents'] as const,
  list: (scope: AgentsScope) =>
    [...connectedAgentKeys.all, scope.kind === 'mine' ? 'mine' : scope.userId] as const,
};

export function useConnectedAgents(scope: AgentsScope) {
  return useQuery({
    queryKey: connectedAgentKeys.list(scope),
    queryFn: ({ signal }) =>
      apiFetch<ConnectedAgent[]>(
        scope.kind === 'mine' ? base(scope) : `${base(scope)}?user_id=${encodeURIComponent(scope.userId)}`,
        { signal },
      ),
  });
}

/** Revokes one agent: every token its client holds stops working at once. */
export function useRevokeConnectedAgent(scope: AgentsScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) =>
      apiFetch<void>(`${base(scope)}/${encodeURIComponent(grantId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectedAgentKeys.all }),
  });
}
