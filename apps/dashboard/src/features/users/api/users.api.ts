import { apiFetch } from '@/lib/api-client';
import type { CreatedUser, CreateUserInput, User } from './users.types';

export const fetchUsers = (signal?: AbortSignal) => apiFetch<User[]>('/api/v1/users', { signal });
export const createUser = (input: CreateUserInput) =>
  apiFetch<CreatedUser>('/api/v1/users', { method: 'POST', body: input });
