'use client';

import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { authKeys } from './auth.keys';

/** `GET /api/v1/auth/sso`: what the sign-in page offers, before anyone signed in. */
export interface SsoStatus {
  enabled: boolean;
  button_label: string | null;
  password_sign_in: 'everyone' | 'break_glass_owners';
}

/**
 * Why a single sign-on came back to the sign-in page (`/login?sso_error=…`). Only these fixed sentences are shown:
 * the code in the address bar picks one, and an unknown code gets the generic one.
 */
const SSO_ERRORS: Record<string, string> = {
  not_configured: 'Single sign-on is not configured on this gateway.',
  idp_unavailable: 'The identity provider could not be reached. Try again in a moment.',
  attempt_missing: 'This sign-in was not started in this browser, or it was already used. Start again.',
  attempt_expired: 'The sign-in took longer than 10 minutes. Start again.',
  state_mismatch: 'The answer from the identity provider does not belong to this sign-in. Start again.',
  replayed: 'This sign-in answer was already used. Start again.',
  provider_changed: 'The single sign-on settings changed during the sign-in. Start again.',
  idp_refused: 'The identity provider did not sign you in.',
  code_rejected: 'The identity provider did not accept the sign-in code. Start again.',
  token_invalid: 'The identity provider’s answer failed verification.',
  email_missing: 'The identity provider did not share a verified email address for your account.',
  other_organization: 'Your email address belongs to an account of another organization.',
  not_assigned:
    'Your account is not assigned to this gateway. Ask your administrator to add you to a mapped group.',
  disabled: 'Your account is disabled on this gateway.',
};

export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return SSO_ERRORS[code] ?? 'Single sign-on failed. Start again.';
}

/** The api route that sends the browser to the IdP and back to `next`. */
export function ssoStartPath(next: string): string {
  return next === '/' ? '/api/v1/auth/sso/start' : `/api/v1/auth/sso/start?next=${encodeURIComponent(next)}`;
}

export function useSsoStatus() {
  return useQuery({
    queryKey: [...authKeys.all, 'sso'] as const,
    queryFn: ({ signal }) => apiFetch<SsoStatus>('/api/v1/auth/sso', { signal }),
    staleTime: 60_000,
  });
}
