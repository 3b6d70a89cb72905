import type { ServedServer } from '@gw/mcp-servers';
import type { SecurityEventReason } from '../../security-events/security-event-reason';
import type { SignedInPerson } from '../mcp-request';
import type { Resolution } from './registry/mcp-server-registry.service';

/** How a refusal is recorded, beyond its status: whom it names, or which security event it counts as. */
export interface DenialRecord {
  /** The signed-in person a refusal names (they may not use the server, or are disabled): it goes to the audit log. */
  person?: SignedInPerson;
  /** A refusal naming no server or person: the security event it counts as (default by status). */
  securityEvent?: SecurityEventReason;
  /** Not a failure of the address: it spends none of its failure budget (a client's first, tokenless request). */
  uncharged?: boolean;
}

/** A refusal before any JSON-RPC is read: an HTTP status and a message that reveals nothing more. */
export class Denied {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly headers: Record<string, string> = {},
    /** The server the request named, when the refusal belongs in its audit log (an expiry, a second factor, a person). */
    readonly server?: ServedServer,
    readonly record: DenialRecord = {},
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

/**
 * What an address's resolution means for a request: its server, or why it is refused. An expired secret URL is a
 * 401 (its URL no longer authenticates anyone); an expired sign-in server a 403, since signing in again cannot help.
 */
export function admissionOf(resolution: Resolution, signIn = false): ServedServer | Denied {
  switch (resolution.kind) {
    case 'ok':
      return resolution.server;
    case 'expired':
      return signIn
        ? new Denied(403, 'This MCP server has expired', {}, resolution.server)
        : new Denied(401, 'This MCP URL has expired', {}, resolution.server);
    case 'unknown':
      return new Denied(404, signIn ? 'Unknown MCP server' : 'Unknown MCP URL');
    case 'unconfirmed':
      return unconfirmed();
  }
}
