export type Role = 'owner' | 'admin' | 'auditor' | 'member';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export interface SessionOrganization {
  id: string;
  name: string;
}

/** `GET /api/v1/auth/me`. */
export interface Session {
  user: SessionUser;
  organization: SessionOrganization;
}

/** `POST /api/v1/auth/login`; the api also sets the `gw_session` and `gw_csrf` cookies. */
export interface LoginResponse extends Session {
  csrf_token: string;
}

export interface LoginInput {
  email: string;
  password: string;
}

/** `POST /api/v1/auth/password`. */
export interface ChangePasswordInput {
  current_password: string;
  new_password: string;
}

/** `POST /api/v1/auth/password-reset`: the secret of a reset link and the new password. */
export interface CompletePasswordResetInput {
  token: string;
  new_password: string;
}
