import type { SecretBox } from '@gw/security';

/** What a sign-in carries from its start to the IdP's answer: the browser holds it, sealed, for ten minutes. */
export interface SsoAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A path of the dashboard to land on. */
  next: string;
  organizationId: string;
  issuer: string;
  clientId: string;
  /** Epoch ms. */
  expiresAt: number;
}

export const SSO_ATTEMPT_COOKIE = 'gw_sso_attempt';
export const SSO_ATTEMPT_TTL_MS = 10 * 60 * 1000;
/** The cookie goes back to the api's SSO routes only. */
export const SSO_COOKIE_PATH = '/api/v1/auth/sso';
const BINDING = 'sso-attempt:v1';

/**
 * The attempt as a cookie value: AES-256-GCM under the encryption key (`{keyId}.{ciphertext}`), so the browser can
 * neither read the PKCE verifier and nonce nor change where the sign-in lands.
 */
export function sealAttempt(box: SecretBox, attempt: SsoAttempt): string {
  const sealed = box.seal(JSON.stringify(attempt), BINDING);
  return `${sealed.keyId}.${sealed.ciphertext}`;
}

/** The attempt, or null for anything that is not a cookie this gateway sealed. Expiry is the caller's check. */
export function openAttempt(box: SecretBox, value: string | undefined): SsoAttempt | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot < 1) return null;
  try {
    const plain = box.open({ keyId: value.slice(0, dot), ciphertext: value.slice(dot + 1) }, BINDING);
    const attempt = JSON.parse(plain) as Partial<SsoAttempt>;
    const strings = [
      attempt.state,
      attempt.nonce,
      attempt.codeVerifier,
      attempt.next,
      attempt.organizationId,
      attempt.issuer,
      attempt.clientId,
    ];
    return strings.every((s) => typeof s === 'string') && typeof attempt.expiresAt === 'number'
      ? (attempt as SsoAttempt)
      : null;
  } catch {
    return null;
  }
}
