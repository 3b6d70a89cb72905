import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { safeEqual } from '@gw/security';

/** What a ClickUp authorization is for: a shared connection, or a person's own linked account. */
export type OAuthPurpose = 'connection' | 'linked_account';
const PURPOSES: readonly OAuthPurpose[] = ['connection', 'linked_account'];

/** What the OAuth round trip must carry from start to callback. */
export interface OAuthStateClaims {
  purpose: OAuthPurpose;
  organizationId: string;
  userId: string;
  /** The connection's name; empty for a linked account. */
  name: string;
}

/** A state that verified: its claims, and its nonce and expiry so a callback can spend it once. */
export interface VerifiedOAuthState {
  claims: OAuthStateClaims;
  nonce: string;
  expiresAt: Date;
}

export type OAuthStateCheck =
  ({ ok: true } & VerifiedOAuthState) | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

interface Payload {
  p: OAuthPurpose;
  o: string;
  u: string;
  n: string;
  /** Random, so two states for the same user and name differ. */
  r: string;
  /** Expiry, epoch ms. */
  e: number;
}

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

/**
 * The OAuth `state`: `{payload}.{HMAC-SHA256}` in base64url, keyed from the encryption key (HKDF, own label) so it
 * cannot be forged and expires. The callback is a GET reached by the browser; this signature is its CSRF guard.
 */
export class OAuthStateSigner {
  private readonly key: Buffer;

  constructor(encryptionKeyBase64: string) {
    this.key = Buffer.from(
      hkdfSync(
        'sha256',
        Buffer.from(encryptionKeyBase64, 'base64'),
        Buffer.alloc(0),
        'gw:oauth-state:v1',
        32,
      ),
    );
  }

  sign(claims: OAuthStateClaims, nowMs = Date.now()): string {
    const payload: Payload = {
      p: claims.purpose,
      o: claims.organizationId,
      u: claims.userId,
      n: claims.name,
      r: randomBytes(12).toString('base64url'),
      e: nowMs + OAUTH_STATE_TTL_MS,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(state: string, nowMs = Date.now()): OAuthStateCheck {
    const [body, mac, extra] = state.split('.');
    if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
    if (!safeEqual(mac, this.mac(body))) return { ok: false, reason: 'bad-signature' };
    const payload = parse(body);
    if (!payload) return { ok: false, reason: 'malformed' };
    if (payload.e <= nowMs) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      claims: { purpose: payload.p, organizationId: payload.o, userId: payload.u, name: payload.n },
      nonce: payload.r,
      expiresAt: new Date(payload.e),
    };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function parse(body: string): Payload | null {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    const strings = [value.o, value.u, value.n, value.r].every((v) => typeof v === 'string');
    const purpose = PURPOSES.includes(value.p as OAuthPurpose);
    return strings && purpose && typeof value.e === 'number' ? (value as Payload) : null;
  } catch {
    return null;
  }
}
