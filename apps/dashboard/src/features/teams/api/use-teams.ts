'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addTeamMember,
  createTeam,
  fetchTeam,
  fetchTeamPolicy,
  fetchTeams,
  removeTeamMember,
  setTeamPolicy,
} from './teams.api';
import type { TeamPolicyInput } from './teams.types';
import { teamKeys } from './teams.keys';

export function useTeams({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: teamKeys.list(), queryFn: ({ signal }) => fetchTeams(signal), enabled });
}

export function useTeam(id: string | undefined) {
  return useQuery({
    queryKey: teamKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchTeam(id as string, signal),
    enabled: Boolean(id),
  });
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTeam,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useTeamMembership(teamId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: teamKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['users'] }),
    ]);
  const add = useMutation({
    mutationFn: (userId: string) => addTeamMember(teamId, userId),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => removeTeamMember(teamId, userId),
    onSuccess: refresh,
  });
  return { add, remove };
}

export function useTeamPolicy(id: string | undefined) {
  return useQuery({
    queryKey: teamKeys.policy(id ?? ''),
    queryFn: ({ signal }) => fetchTeamPolicy(id as string, signal),
    enabled: Boolean(id),
  });
}

export function useSetTeamPolicy(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: TeamPolicyInput) => setTeamPolicy(id, policy),
    // Servers show whether they stay within their team's policy, and members' connection lists follow it.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
