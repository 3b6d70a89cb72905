import type { IncomingHttpHeaders } from 'node:http';

/** An HTTP request to `/mcp/{token}` as the stages after transport see it: no Fastify, no body. */
export interface McpRequest {
  token: string;
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

/** A header's value when it was sent once; a repeated or absent header is undefined. */
export function header(req: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
