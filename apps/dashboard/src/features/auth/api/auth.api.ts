import { apiFetch } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';
import type {
  ChangePasswordInput,
  CompletePasswordResetInput,
  LoginInput,
  LoginResponse,
  Session,
} from './auth.types';

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

/** Changes the signed-in user's password; the api ends its other sessions. */
export function changePassword(input: ChangePasswordInput): Promise<void> {
  return apiFetch<void>('/api/v1/auth/password', { method: 'POST', body: input });
}

/** Spends a one-time reset link; the api ends every session of the user. */
export function completePasswordReset(input: CompletePasswordResetInput): Promise<void> {
  return apiFetch<void>('/api/v1/auth/password-reset', { method: 'POST', body: input });
}
