import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Stack } from './stack';

export interface ProvisionedServer {
  id: string;
  url: string;
  token: string;
}

export interface Envelope<T = unknown> {
  ok: boolean;
  result: T | null;
  issues: { code: string; message: string; path?: string }[];
}

/** Seeded sandbox names → ids, read the way an admin script would. */
export async function sandboxIds(stack: Stack) {
  const get = async <T>(path: string, token = 'pk_sandbox_owner'): Promise<T> =>
    (await (
      await fetch(`${stack.sandboxUrl}/api/v2${path}`, { headers: { authorization: token } })
    ).json()) as T;
  const teams = await get<{ teams: { id: string; name: string }[] }>('/team');
  const acme = teams.teams.find((t) => t.name === 'Acme Corp')?.id as string;
  const spaces = await get<{ spaces: { id: string; name: string }[] }>(`/team/${acme}/space`);
  const space = (name: string) => spaces.spaces.find((s) => s.name === name)?.id as string;
  const tasks = await get<{ tasks: { id: string; name: string; space: { id: string } }[] }>(
    `/team/${acme}/task?include_closed=true`,
  );
  const taskIn = (spaceName: string) =>
    tasks.tasks.find((t) => t.space.id === space(spaceName))?.id as string;
  const globexTeams = await get<{ teams: { id: string }[] }>('/team', 'pk_sandbox_guest');
  const globex = globexTeams.teams[0].id;
  const globexTasks = await get<{ tasks: { id: string }[] }>(`/team/${globex}/task`, 'pk_sandbox_guest');
  return {
    acme,
    globex,
    engineering: space('Engineering'),
    marketing: space('Marketing'),
    engineeringTask: taskIn('Engineering'),
    marketingTask: taskIn('Marketing'),
    globexTask: globexTasks.tasks[0]?.id as string,
  };
}

/** Connects the sandbox by personal token through the REST API, as an admin would. */
export async function connectSandbox(stack: Stack, name = 'Sandbox workspace'): Promise<string> {
  const res = await stack.rest<{ id: string }>('POST', '/connections', {
    name,
    type: 'personal_token',
    token: 'pk_sandbox_owner',
  });
  if (res.status !== 201)
    throw new Error(`connection not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function createServer(
  stack: Stack,
  connectionId: string,
  body: Record<string, unknown>,
): Promise<ProvisionedServer> {
  const res = await stack.rest<ProvisionedServer>('POST', `/connections/${connectionId}/mcp-servers`, {
    name: 'e2e server',
    config: { methods: [], tags: [] },
    ...body,
  });
  if (res.status !== 201) throw new Error(`server not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A real MCP SDK client on Streamable HTTP (or the older HTTP+SSE transport). */
export async function connectClient(
  url: string,
  options: { legacySse?: boolean; headers?: Record<string, string> } = {},
): Promise<Client> {
  const client = new Client({ name: 'e2e-client', version: '1.0.0' });
  const requestInit = { headers: options.headers ?? {} };
  const transport = options.legacySse
    ? new SSEClientTransport(new URL(`${url}/sse`), { requestInit })
    : new StreamableHTTPClientTransport(new URL(url), { requestInit });
  await client.connect(transport);
  return client;
}

export async function callTool<T = unknown>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
) {
  const result = await client.callTool({ name, arguments: args });
  return result.structuredContent as unknown as Envelope<T>;
}

/** A raw JSON-RPC POST, for checks that a well-behaved client would never make. */
export async function rawPost(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
