import { randomBytes } from 'node:crypto';
import { OAUTH_STATE_TTL_MS, OAuthStateSigner } from './oauth-state';

const key = () => randomBytes(32).toString('base64');
const claims = { purpose: 'connection' as const, organizationId: 'org-1', userId: 'user-1', name: 'Acme' };

describe('OAuthStateSigner', () => {
  it('round-trips the claims and makes a different state every time', () => {
    const signer = new OAuthStateSigner(key());
    const a = signer.sign(claims);
    expect(signer.verify(a)).toMatchObject({ ok: true, claims });
    const linked = { ...claims, purpose: 'linked_account' as const, name: '' };
    expect(signer.verify(signer.sign(linked))).toMatchObject({ ok: true, claims: linked });
    expect(signer.sign(claims)).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses a state signed with another key, or with a changed payload', () => {
    const signer = new OAuthStateSigner(key());
    expect(new OAuthStateSigner(key()).verify(signer.sign(claims))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    const [, mac] = signer.sign(claims).split('.');
    const forged = Buffer.from(
      JSON.stringify({ p: 'connection', o: 'org-2', u: 'user-1', n: 'x', r: 'r', e: Date.now() + 1e6 }),
    );
    expect(signer.verify(`${forged.toString('base64url')}.${mac}`)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('names a nonce per state and its expiry, for the callback to spend it once', () => {
    const signer = new OAuthStateSigner(key());
    const now = Date.now();
    const a = signer.verify(signer.sign(claims, now));
    const b = signer.verify(signer.sign(claims, now));
    if (!a.ok || !b.ok) throw new Error('states did not verify');
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.expiresAt.getTime()).toBe(now + OAUTH_STATE_TTL_MS);
  });

  it('refuses an expired state and garbage', () => {
    const signer = new OAuthStateSigner(key());
    const state = signer.sign(claims, Date.now() - OAUTH_STATE_TTL_MS - 1);
    expect(signer.verify(state)).toEqual({ ok: false, reason: 'expired' });
    expect(signer.verify('nonsense')).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify('a.b.c')).toEqual({ ok: false, reason: 'malformed' });
  });
});
