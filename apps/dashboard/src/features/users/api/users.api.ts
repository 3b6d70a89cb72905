import { apiFetch } from '@/lib/api-client';
import type { CreatedUser, CreateUserInput, PasswordResetLink, UpdateUserInput, User } from './users.types';

export const fetchUsers = (signal?: AbortSignal) => apiFetch<User[]>('/api/v1/users', { signal });
export const createUser = (input: CreateUserInput) =>
  apiFetch<CreatedUser>('/api/v1/users', { method: 'POST', body: input });
export const updateUser = ({ id, ...input }: UpdateUserInput & { id: string }) =>
  apiFetch<User>(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
export const createPasswordReset = (id: string) =>
  apiFetch<PasswordResetLink>(`/api/v1/users/${encodeURIComponent(id)}/password-reset`, { method: 'POST' });
