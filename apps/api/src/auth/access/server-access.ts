import type { Principal } from '../principal';
import { isManager } from './roles';

/** Answers whether a user belongs to a team. */
export interface TeamMembershipLookup {
  isMember(userId: string, teamId: string): Promise<boolean>;
}

/**
 * Whether a principal may use (or manage) an MCP server: the organization's owners and admins, and the members of
 * the server's team. Never an auditor, who reads but acts on nothing, nor a member of another team.
 */
export async function mayUseServer(
  principal: Pick<Principal, 'organizationId' | 'role' | 'userId'>,
  server: { organizationId: string; teamId: string | null },
  teams: TeamMembershipLookup,
): Promise<boolean> {
  if (principal.organizationId !== server.organizationId) return false;
  if (isManager(principal)) return true;
  if (principal.role !== 'member' || !server.teamId || !principal.userId) return false;
  return teams.isMember(principal.userId, server.teamId);
}

/**
 * Whether a person may sign in to a sign-in MCP server, at consent and on every request: whoever may use it (above),
 * and the users and teams an admin listed on the server.
 */
export async function maySignInToServer(
  principal: Pick<Principal, 'organizationId' | 'role' | 'userId'>,
  server: {
    organizationId: string;
    teamId: string | null;
    config: { sign_in_user_ids?: readonly string[]; sign_in_team_ids?: readonly string[] };
  },
  teams: TeamMembershipLookup,
): Promise<boolean> {
  if (await mayUseServer(principal, server, teams)) return true;
  if (principal.organizationId !== server.organizationId || principal.role === 'auditor' || !principal.userId)
    return false;
  if (server.config.sign_in_user_ids?.includes(principal.userId)) return true;
  for (const teamId of server.config.sign_in_team_ids ?? []) {
    if (await teams.isMember(principal.userId, teamId)) return true;
  }
  return false;
}
