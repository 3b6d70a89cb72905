import type { IncomingHttpHeaders } from 'node:http';
import type { ServedServer } from '@gw/mcp-servers';

/**
 * Which server a request names: a secret URL's token (`/mcp/{token}`), or a sign-in server's id
 * (`/mcp/servers/{id}`), whose caller proves who they are with an OAuth bearer token instead.
 */
export type McpAddress = { kind: 'secret_url'; token: string } | { kind: 'sign_in'; serverId: string };

/** An HTTP request to an MCP URL as the stages after transport see it: no Fastify, no body. */
export interface McpRequest {
  address: McpAddress;
  /** The request's correlation id, in logs and audit rows. */
  id: string;
  ip: string;
  /** Method and route (`POST /mcp/:token`), named in the audit row of a refusal. */
  route: string;
  headers: IncomingHttpHeaders;
  /**
   * Whether JSON-RPC messages come with it (a POST). Their protocol version is then checked per message, where
   * a refusal can carry the message's id; a GET or DELETE is checked on its header alone.
   */
  carriesMessages: boolean;
}

/** The person a request to a sign-in server acts for, and the OAuth client acting for them. */
export interface SignedInPerson {
  userId: string;
  email: string;
  /** A client metadata document URL or a registered client id. */
  clientId: string;
  /** The client's `client_name` from its metadata, when it gave one. */
  clientName: string | null;
  /** When the access token stops working (ms since the epoch): a stream it opened ends then. */
  tokenExpiresAt: number;
}

/** A request admission let through: the server it may use and, on a sign-in URL, who it acts for. */
export interface Admitted {
  server: ServedServer;
  /** Null at a secret URL, which names no person. */
  person: SignedInPerson | null;
}

/** A header's value when it was sent once; a repeated or absent header is undefined. */
export function header(req: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
