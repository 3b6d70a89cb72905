import type { Role } from './auth.types';

/**
 * What each role may do, mirroring the api's role checks (CONTRACTS §3). The dashboard hides what a role cannot
 * do; the api refuses it anyway.
 */
const PERMISSIONS = {
  'connections:manage': ['owner', 'admin'],
  'servers:manage': ['owner', 'admin', 'member'],
  'servers:allow-workspace-objects': ['owner', 'admin'],
  'servers:list-sign-in-people': ['owner', 'admin'],
  'audit:read': ['owner', 'admin', 'auditor'],
  'stats:read': ['owner', 'admin', 'auditor'],
  'queue:read': ['owner', 'admin', 'auditor'],
  'queue:manage': ['owner', 'admin'],
  'users:read': ['owner', 'admin', 'auditor'],
  'users:manage': ['owner', 'admin'],
  'teams:manage': ['owner', 'admin'],
  'api-tokens:manage': ['owner', 'admin', 'member'],
  'settings:read': ['owner', 'admin', 'auditor'],
  'settings:manage': ['owner'],
  'audit-sinks:manage': ['owner', 'admin'],
  'sso-mapping:manage': ['owner', 'admin'],
  'security-events:read': ['owner', 'admin'],
  'clickup-accounts:manage': ['owner', 'admin'],
  'pauses:manage': ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles a user may hand out (a user it creates, a token it mints): never more than it holds. */
const GRANTABLE: Record<Role, readonly Role[]> = {
  owner: ['owner', 'admin', 'auditor', 'member'],
  admin: ['admin', 'auditor', 'member'],
  auditor: ['auditor'],
  member: ['member'],
};

export function grantableRoles(role: Role): readonly Role[] {
  return GRANTABLE[role];
}
