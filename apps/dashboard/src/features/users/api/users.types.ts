import type { Role } from '@/features/auth/api/auth.types';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  team_ids: string[];
  disabled: boolean;
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
