import type { Role } from '@gw/db';
import type { Principal } from '../../auth/principal';

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
