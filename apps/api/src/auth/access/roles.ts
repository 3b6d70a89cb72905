import type { Role } from '@gw/db';
import type { Principal } from '../principal';

/** Roles that manage everything of their organization. */
export const MANAGER_ROLES: readonly Role[] = ['owner', 'admin'];

export function isManager(principal: Pick<Principal, 'role'>): boolean {
  return MANAGER_ROLES.includes(principal.role);
}

/**
 * The roles a principal may hand out (to a user it creates or an API token it mints). Roles are not a line:
 * an auditor reads more than a member but changes nothing, so each role grants only what it holds itself.
 */
const GRANTABLE: Record<Role, readonly Role[]> = {
  owner: ['owner', 'admin', 'auditor', 'member'],
  admin: ['admin', 'auditor', 'member'],
  auditor: ['auditor'],
  member: ['member'],
};

export function canGrant(granter: Role, role: Role): boolean {
  return GRANTABLE[granter].includes(role);
}

/**
 * The role an API token acts with while its creator holds `creatorRole`: its own while the creator could still grant
 * it; the creator's when a demotion left the creator with a part of the token's powers (an admin token of a creator
 * now a member acts as a member); none when the creator's role is not within the token's (a member token of a creator
 * now an auditor), since the token would otherwise keep powers its creator lost or gain ones it never had.
 */
export function tokenRoleUnder(creatorRole: Role, tokenRole: Role): Role | null {
  if (canGrant(creatorRole, tokenRole)) return tokenRole;
  if (canGrant(tokenRole, creatorRole)) return creatorRole;
  return null;
}
