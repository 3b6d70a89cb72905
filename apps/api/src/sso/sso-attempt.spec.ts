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
    // A character in the middle of the ciphertext (the last one may carry padding bits only).
    const at = cookie.length - 20;
    const changed = cookie[at] === 'A' ? 'B' : 'A';
    expect(openAttempt(b, `${cookie.slice(0, at)}${changed}${cookie.slice(at + 1)}`)).toBeNull();
    expect(openAttempt(b, 'nonsense')).toBeNull();
    expect(openAttempt(b, undefined)).toBeNull();
  });
});
