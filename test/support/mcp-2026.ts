import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export const MODERN = '2026-07-28';

/** One HTTP exchange as a client sent and received it, for checks on what went over the wire. */
export interface WireExchange {
  method: string;
  requestHeaders: Record<string, string>;
  body: Record<string, unknown> | null;
  status: number;
  responseHeaders: Record<string, string>;
}

/** The SDK v2 client pinned to MCP 2026-07-28 (no `initialize`, per-request `_meta`), recording its HTTP traffic. */
export async function connectModernClient(url: string, wire: WireExchange[] = []): Promise<Client> {
  const client = new Client(
    { name: 'e2e-client-v2', version: '2.4.0' },
    { versionNegotiation: { mode: { pin: MODERN } } },
  );
  const recording = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await fetch(input, init);
    wire.push({
      method: init?.method ?? 'GET',
      requestHeaders: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null,
      status: res.status,
      responseHeaders: Object.fromEntries(res.headers.entries()),
    });
    return res;
  };
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { fetch: recording }));
  return client;
}

/** A 2026-07-28 request's `_meta`: what every request must carry, with anything given on top. */
export function modernMeta(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': MODERN,
    'io.modelcontextprotocol/clientInfo': { name: 'raw-2026', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': {},
    ...extra,
  };
}

/** The headers a 2026-07-28 client sends for a request, which a test may then change or leave out. */
export function modernHeaders(method: string, name?: string): Record<string, string> {
  return {
    'mcp-protocol-version': MODERN,
    'mcp-method': method,
    ...(name === undefined ? {} : { 'mcp-name': name }),
  };
}
