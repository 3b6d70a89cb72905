export interface Workspace {
  id: string;
  name: string;
}

/** `GET /api/v1/connections`: who a connection acts as and where; never its credential. */
export interface Connection {
  id: string;
  name: string;
  type: 'personal_token' | 'oauth';
  clickup_user: { id: number; username: string | null; email: string | null };
  workspaces: Workspace[];
  /** Teams whose members may build servers on it; a member sees only its own teams here. */
  team_ids: string[];
  created_at: string;
  updated_at: string;
}

export interface CreateConnectionInput {
  name: string;
  token: string;
}

export interface Space {
  id: string;
  name: string;
  archived: boolean;
}
