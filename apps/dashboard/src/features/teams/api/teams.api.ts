import { apiFetch } from '@/lib/api-client';
import type { Team, TeamDetail, TeamPolicy, TeamPolicyInput } from './teams.types';

const BASE = '/api/v1/teams';

export const fetchTeams = (signal?: AbortSignal) => apiFetch<Team[]>(BASE, { signal });
export const fetchTeam = (id: string, signal?: AbortSignal) =>
  apiFetch<TeamDetail>(`${BASE}/${encodeURIComponent(id)}`, { signal });
export const createTeam = (name: string) => apiFetch<TeamDetail>(BASE, { method: 'POST', body: { name } });
export const addTeamMember = (teamId: string, userId: string) =>
  apiFetch<TeamDetail>(`${BASE}/${encodeURIComponent(teamId)}/members`, {
    method: 'POST',
    body: { user_id: userId },
  });
export const removeTeamMember = (teamId: string, userId: string) =>
  apiFetch<void>(`${BASE}/${encodeURIComponent(teamId)}/members/${encodeURIComponent(userId)}`, {
    method: 'DELETE',
  });
export const fetchTeamPolicy = (id: string, signal?: AbortSignal) =>
  apiFetch<TeamPolicy>(`${BASE}/${encodeURIComponent(id)}/policy`, { signal });
export const setTeamPolicy = (id: string, policy: TeamPolicyInput) =>
  apiFetch<TeamPolicy>(`${BASE}/${encodeURIComponent(id)}/policy`, { method: 'PUT', body: policy });
