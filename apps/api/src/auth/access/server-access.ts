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
