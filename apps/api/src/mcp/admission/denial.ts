import type { ServedServer } from '@gw/mcp-servers';
import type { Resolution } from './registry/mcp-server-registry.service';

/** A refusal before any JSON-RPC is read: an HTTP status and a message that reveals nothing more. */
export class Denied {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly headers: Record<string, string> = {},
    /** The server the token named, when it named one (an expired or second-factor denial). */
    readonly server?: ServedServer,
  ) {}

  get issueCode(): string {
    return this.status === 404
      ? 'NOT_FOUND'
      : this.status === 401
        ? 'AUTH_ERROR'
        : this.status === 403
          ? 'FORBIDDEN'
          : this.status === 503
            ? 'UNAVAILABLE'
            : 'VALIDATION_ERROR';
  }

  /** The JSON-RPC error code the refusal is sent with. */
  get rpcCode(): number {
    return this.status === 404 || this.status === 401 ? -32001 : this.status === 503 ? -32002 : -32600;
  }
}

/** The server cache could not confirm recently enough that its grants are current: refuse rather than serve stale. */
export const unconfirmed = () =>
  new Denied(
    503,
    'The gateway cannot confirm right now that this MCP URL is still valid (its database is not answering); retry shortly',
    { 'retry-after': '1' },
  );

/** What a token's resolution means for a request: its server, or why it is refused. */
export function admissionOf(resolution: Resolution): ServedServer | Denied {
  switch (resolution.kind) {
    case 'ok':
      return resolution.server;
    case 'expired':
      return new Denied(401, 'This MCP URL has expired', {}, resolution.server);
    case 'unknown':
      return new Denied(404, 'Unknown MCP URL');
    case 'unconfirmed':
      return unconfirmed();
  }
}
