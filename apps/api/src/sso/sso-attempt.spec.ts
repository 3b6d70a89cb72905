import { SecretBox } from '@gw/security';
import { randomBytes } from 'node:crypto';
import { openAttempt, sealAttempt, type SsoAttempt } from './sso-attempt';

const box = () => new SecretBox(randomBytes(32).toString('base64'));
const attempt: SsoAttempt = {
  state: 'state-1',
  nonce: 'nonce-1',
  codeVerifier: 'verifier-1',
  next: '/servers',
  organizationId: 'org-1',
  issuer: 'https://idp.example.com',
  clientId: 'gateway',
  expiresAt: 1,
};

describe('the sealed sign-in attempt', () => {
  it('round-trips, and shows nothing of the verifier or nonce', () => {
    const b = box();
    const cookie = sealAttempt(b, attempt);
    expect(openAttempt(b, cookie)).toEqual(attempt);
    expect(cookie).not.toContain('verifier-1');
    expect(Buffer.from(cookie.split('.').slice(2).join('.'), 'base64url').toString()).not.toContain('nonce');
    expect(cookie).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('refuses another key, a changed byte, and garbage', () => {
    const b = box();
    const cookie = sealAttempt(b, attempt);
    expect(openAttempt(box(), cookie)).toBeNull();
    const last = cookie.at(-1) === 'A' ? 'B' : 'A';
    expect(openAttempt(b, `${cookie.slice(0, -1)}${last}`)).toBeNull();
    expect(openAttempt(b, 'nonsense')).toBeNull();
    expect(openAttempt(b, undefined)).toBeNull();
  });
});
