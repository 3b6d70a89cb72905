import type { ClickUpCredential } from '@gw/clickup-client';
import type { ServedServer } from './served-server';

/** A person's linked ClickUp account, opened for a call to act with. */
export interface CallerAccount {
  organizationId: string;
  /** The gateway user who linked it. */
  userId: string;
  credential: ClickUpCredential;
  /** The token's key in the shared request budget: ClickUp counts each person's token on its own. */
  fingerprint: string;
  clickupUserId: number;
  clickupUsername: string;
  /** The workspaces the person authorized on ClickUp's consent page: all the token reaches. */
  workspaceIds: ReadonlySet<string>;
}

/** Why a server that acts as its caller cannot run a call for this person. */
export type CallerRefusal =
  | { refused: 'not_linked' }
  | {
      refused: 'workspace_unreachable';
      clickupUsername: string;
      workspace: { id: string; name: string | null };
    };

/** Whether a server runs its calls as the signed-in caller's own ClickUp account rather than its connection's. */
export function actsAsCaller(server: Pick<ServedServer, 'config'>): boolean {
  return server.config.clickup_account === 'caller';
}

/**
 * The server as a call runs it for one person: the same selection and scope (the server's workspace and spaces still
 * bound every call), acting with the person's token, in the person's rate budget, as the person's ClickUp user.
 */
export function asCaller(server: ServedServer, account: CallerAccount | null): ServedServer | CallerRefusal {
  if (!account || account.organizationId !== server.organizationId) return { refused: 'not_linked' };
  const workspaceId = server.scope.workspaceId;
  if (!account.workspaceIds.has(workspaceId)) {
    return {
      refused: 'workspace_unreachable',
      clickupUsername: account.clickupUsername,
      workspace: { id: workspaceId, name: server.workspaceName ?? null },
    };
  }
  return {
    ...server,
    credential: account.credential,
    fingerprint: account.fingerprint,
    clickupUserId: account.clickupUserId,
  };
}

export function isCallerRefusal(value: ServedServer | CallerRefusal): value is CallerRefusal {
  return 'refused' in value;
}
