import { apiFetch } from '@/lib/api-client';
import type { Connection, CreateConnectionInput, Space } from './connections.types';

const BASE = '/api/v1/connections';

export const fetchConnections = (signal?: AbortSignal) => apiFetch<Connection[]>(BASE, { signal });

export const createConnection = (input: CreateConnectionInput) =>
  apiFetch<Connection>(BASE, { method: 'POST', body: { ...input, type: 'personal_token' } });

export const removeConnection = (id: string) => apiFetch<void>(`${BASE}/${id}`, { method: 'DELETE' });

export const setConnectionTeams = (id: string, teamIds: string[]) =>
  apiFetch<Connection>(`${BASE}/${encodeURIComponent(id)}/teams`, {
    method: 'PUT',
    body: { team_ids: teamIds },
  });

export const fetchSpaces = (connectionId: string, workspaceId: string, signal?: AbortSignal) =>
  apiFetch<Space[]>(
    `${BASE}/${encodeURIComponent(connectionId)}/workspaces/${encodeURIComponent(workspaceId)}/spaces`,
    { signal },
  );

/** A full-page navigation: the api answers with a redirect to ClickUp's consent page. */
export function oauthStartUrl(name: string): string {
  return `${BASE}/oauth/start?${new URLSearchParams({ name })}`;
}
