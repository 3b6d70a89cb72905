import { apiFetch } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';
import type { LoginInput, LoginResponse, Session } from './auth.types';

/** The signed-in session, or null when the api answers 401. */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    return await apiFetch<Session>('/api/v1/auth/me', { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function login(input: LoginInput): Promise<LoginResponse> {
  return apiFetch<LoginResponse>('/api/v1/auth/login', { method: 'POST', body: input });
}

export function logout(): Promise<void> {
  return apiFetch<void>('/api/v1/auth/logout', { method: 'POST' });
}
