import type { UserRec } from '../store/types';

/** Who is calling: the user, and for OAuth tokens the workspaces granted on the consent page. */
export interface Principal {
  user: UserRec;
  kind: 'personal' | 'oauth';
  /** null: every workspace the user belongs to (personal tokens). */
  grantedWorkspaceIds: ReadonlySet<string> | null;
}
