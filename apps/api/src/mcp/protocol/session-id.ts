import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '@gw/security';

export interface ClientInfo {
  name: string | null;
  version: string | null;
}

/**
 * `Mcp-Session-Id` values that carry the client's name and version, signed so they cannot be forged. Any api
 * process can read them without a shared session store, so MCP requests are stateless across processes while
 * every audit row still names the client that made it.
 */
export class SessionIds {
  constructor(private readonly key: Buffer) {}

  issue(client: ClientInfo): string {
    const body = Buffer.from(
      JSON.stringify({
        n: clip(client.name),
        v: clip(client.version),
        r: randomBytes(9).toString('base64url'),
      }),
      'utf8',
    ).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The client behind a session id, or null for a missing, malformed or forged one. */
  read(sessionId: string | undefined): ClientInfo | null {
    if (!sessionId) return null;
    const [body, signature] = sessionId.split('.');
    if (!body || !signature || !safeEqual(signature, this.sign(body))) return null;
    try {
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        n?: unknown;
        v?: unknown;
      };
      return {
        name: typeof parsed.n === 'string' ? parsed.n : null,
        version: typeof parsed.v === 'string' ? parsed.v : null,
      };
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 32);
  }
}

const clip = (value: string | null) => (value === null ? null : value.slice(0, 100));
