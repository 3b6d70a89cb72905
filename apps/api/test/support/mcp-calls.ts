/** A tools/call answer's envelope, as agents read it. */
export interface CallEnvelope<T = Record<string, unknown>> {
  ok: boolean;
  result: T | null;
  issues: {
    code: string;
    message: string;
    approval_id?: string;
    approval_url?: string;
    job_id?: string;
  }[];
}

export interface RpcAnswer {
  jsonrpc: '2.0';
  id: number | null;
  result?: Record<string, unknown> & { structuredContent?: CallEnvelope; isError?: boolean };
  error?: { code: number; message: string };
}

let nextId = 0;

/** One JSON-RPC request to an MCP URL over Streamable HTTP, answered as JSON. */
export async function rpc(
  url: string,
  method: string,
  params: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<RpcAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++nextId, method, params }),
  });
  const text = await res.text();
  if (!text) throw new Error(`${method}: HTTP ${res.status} without a body`);
  return JSON.parse(text) as RpcAnswer;
}

/** Calls a tool as a 2025-11-25 client without a session would, and returns its envelope. */
export async function callTool<T = Record<string, unknown>>(
  url: string,
  name: string,
  args: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<CallEnvelope<T>> {
  const answer = await rpc(url, 'tools/call', { name, arguments: args }, headers);
  if (!answer.result?.structuredContent) throw new Error(`${name}: ${JSON.stringify(answer)}`);
  return answer.result.structuredContent as CallEnvelope<T>;
}

export const MODERN = '2026-07-28';
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** A 2026-07-28 request: its `_meta` (protocol, client, capabilities with the tasks extension) and routing headers. */
export function modernRpc(
  url: string,
  method: string,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<RpcAnswer> {
  const name = method === 'tools/call' ? params['name'] : params['taskId'];
  return rpc(
    url,
    method,
    {
      ...params,
      _meta: {
        'io.modelcontextprotocol/protocolVersion': MODERN,
        'io.modelcontextprotocol/clientInfo': { name: 'approvals-2026', version: '1.0.0' },
        'io.modelcontextprotocol/clientCapabilities': { extensions: { [TASKS_EXTENSION]: {} } },
      },
    },
    {
      'mcp-protocol-version': MODERN,
      'mcp-method': method,
      ...(typeof name === 'string' ? { 'mcp-name': name } : {}),
      ...headers,
    },
  );
}
