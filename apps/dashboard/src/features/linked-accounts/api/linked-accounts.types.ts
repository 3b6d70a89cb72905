export interface ClickUpUser {
  id: number;
  username: string | null;
  email: string | null;
}

export interface Workspace {
  id: string;
  name: string;
}

/** `GET /api/v1/me/clickup-account`: the signed-in person's own ClickUp account; never its token. */
export interface MyClickUpAccount {
  linked: boolean;
  clickup_user: ClickUpUser | null;
  workspaces: Workspace[];
  linked_at: string | null;
  last_used_at: string | null;
}

/** `GET /api/v1/clickup-accounts`: who has linked an account, for admins. */
export interface LinkedAccount {
  user_id: string;
  user_email: string;
  user_name: string;
  clickup_user: ClickUpUser;
  workspaces: Workspace[];
  linked_at: string;
  last_used_at: string | null;
}
