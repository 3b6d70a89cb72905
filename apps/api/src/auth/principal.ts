import type { Role } from '@gw/db';

/** Who is calling the REST API: a signed-in dashboard user or an API token. */
export interface Principal {
  kind: 'user' | 'token';
  id: string;
  organizationId: string;
  role: Role;
  /** The user behind the call: the signed-in user, or the user who created the token (if any). */
  userId: string | null;
  /** As written in audit rows: `user:{id}` or `token:{id}`. */
  actor: string;
  sessionId?: string;
}

export const SESSION_COOKIE = 'gw_session';
export const CSRF_COOKIE = 'gw_csrf';
export const CSRF_HEADER = 'x-csrf-token';
