import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '@gw/security';

export interface ClientInfo {
  name: string | null;
  version: string | null;
  /** It declared URL-mode elicitation at `initialize`, so later requests of the session may be answered -32042. */
  urlElicitation?: boolean;
}

/**
 * `Mcp-Session-Id` values that carry the client's name and version, signed so they cannot be forged. Any api
 * process can read them without a shared session store, so MCP requests are stateless across processes while
 * every audit row still names the client that made it. The signature covers the server id too: a session id is
 * valid only on the MCP server that issued it, so one URL's session cannot be replayed against another.
 */
export class SessionIds {
  constructor(private readonly key: Buffer) {}

  issue(client: ClientInfo, serverId: string): string {
    const body = Buffer.from(
      JSON.stringify({
        n: clip(client.name),
        v: clip(client.version),
        ...(client.urlElicitation ? { e: 1 } : {}),
        r: randomBytes(9).toString('base64url'),
      }),
      'utf8',
    ).toString('base64url');
    return `${body}.${this.sign(body, serverId)}`;
  }

  /** The client behind a session id of this server, or null for a missing, malformed, forged or foreign one. */
  read(sessionId: string | undefined, serverId: string): ClientInfo | null {
    if (!sessionId) return null;
    const [body, signature, extra] = sessionId.split('.');
    if (!body || !signature || extra !== undefined || !safeEqual(signature, this.sign(body, serverId)))
      return null;
    try {
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
        n?: unknown;
        v?: unknown;
        e?: unknown;
      };
      return {
        name: typeof parsed.n === 'string' ? parsed.n : null,
        version: typeof parsed.v === 'string' ? parsed.v : null,
        ...(parsed.e === 1 ? { urlElicitation: true } : {}),
      };
    } catch {
      return null;
    }
  }

  private sign(body: string, serverId: string): string {
    return createHmac('sha256', this.key).update(`${serverId}.${body}`).digest('base64url').slice(0, 32);
  }
}

const clip = (value: string | null) => (value === null ? null : value.slice(0, 100));
