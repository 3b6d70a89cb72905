import type { Approval } from './approvals.types';

/**
 * Who asked, in words: the signed-in person and the client acting for them, or, at a secret URL that names no
 * person, the server's URL (whoever holds it).
 */
export function requesterLabel(approval: Pick<Approval, 'requested_by' | 'server'>): {
  who: string;
  via: string | null;
} {
  const { requested_by: by, server } = approval;
  const client = by.client_name ?? by.oauth_client_id;
  if (by.kind === 'person') {
    return { who: by.email ?? `User ${(by.user_id ?? '').slice(0, 8)}`, via: client };
  }
  return { who: `Secret URL of ${server.name}`, via: client };
}
