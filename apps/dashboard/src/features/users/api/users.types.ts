import type { Role } from '@/features/auth/api/auth.types';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  team_ids: string[];
  disabled: boolean;
  /** Linked to the single sign-on provider: has signed in through it. */
  sso: boolean;
  created_at: string;
}

/** The create answer; `password` only when the api generated one (shown this once). */
export interface CreatedUser extends User {
  password?: string;
}

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password?: string;
}

/** `PATCH /api/v1/users/{id}`: a role, enabled or disabled, or both. */
export interface UpdateUserInput {
  role?: Role;
  disabled?: boolean;
}

/** A one-time link for the user to set a new password; shown this once. */
export interface PasswordResetLink {
  reset_url: string;
  expires_at: string;
}
