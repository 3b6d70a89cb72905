import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { safeEqual } from '@gw/security';

/** How long the link an MCP client was given keeps naming its request. */
export const LINK_REQUEST_TTL_MS = 24 * 60 * 60 * 1000;

export type LinkRequestCheck =
  { ok: true; serverId: string } | { ok: false; reason: 'malformed' | 'other-person' | 'expired' };

interface Payload {
  /** The MCP server whose call asked for the link. */
  s: string;
  /** Expiry, epoch ms. */
  e: number;
  /** Random, so each request has its own id. */
  r: string;
}

/**
 * The `elicitationId` of a URL-mode elicitation asking a person to link their ClickUp account: `{payload}.{HMAC}`
 * in base64url, where the MAC covers the person's user id without the id carrying it (no personal data in the URL).
 * The page the URL opens verifies it against whoever is signed in, so a link made for one person's call is refused
 * when someone else opens it (the phishing case MCP's elicitation spec warns about).
 */
export class LinkRequests {
  private readonly key: Buffer;

  constructor(encryptionKeyBase64: string) {
    this.key = Buffer.from(
      hkdfSync(
        'sha256',
        Buffer.from(encryptionKeyBase64, 'base64'),
        Buffer.alloc(0),
        'gw:clickup-link-request:v1',
        32,
      ),
    );
  }

  issue(userId: string, serverId: string, nowMs = Date.now()): string {
    const payload: Payload = {
      s: serverId,
      e: nowMs + LINK_REQUEST_TTL_MS,
      r: randomBytes(9).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(userId, body)}`;
  }

  verify(id: string, userId: string, nowMs = Date.now()): LinkRequestCheck {
    const [body, mac, extra] = id.split('.');
    if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
    const payload = parse(body);
    if (!payload) return { ok: false, reason: 'malformed' };
    if (!safeEqual(mac, this.mac(userId, body))) return { ok: false, reason: 'other-person' };
    if (payload.e <= nowMs) return { ok: false, reason: 'expired' };
    return { ok: true, serverId: payload.s };
  }

  private mac(userId: string, body: string): string {
    return createHmac('sha256', this.key).update(`${userId}.${body}`).digest('base64url');
  }
}

function parse(body: string): Payload | null {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    return typeof value.s === 'string' && typeof value.r === 'string' && typeof value.e === 'number'
      ? (value as Payload)
      : null;
  } catch {
    return null;
  }
}
