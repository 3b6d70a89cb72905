/**
 * Why a single sign-on did not open a session. The dashboard's sign-in page shows a fixed sentence per code
 * (`/login?sso_error={code}`), so nothing the IdP or a crafted link says is ever put on the page.
 */
export const SSO_FAILURES = {
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
} as const;

export type SsoFailureCode = keyof typeof SSO_FAILURES;

/** A refused sign-in; `person` names the user when the refusal is about a known account of the gateway. */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoFailureCode,
    readonly person?: { id: string; email: string; organizationId: string },
    options?: ErrorOptions,
  ) {
    super(SSO_FAILURES[code], options);
    this.name = 'SsoFailure';
  }
}
