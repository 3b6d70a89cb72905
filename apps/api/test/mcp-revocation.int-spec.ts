import { generateSecret, MCP_TOKEN_PREFIX } from '@gw/security';
import { Client as PgClient } from 'pg';
import {
  FRESHNESS_LIMIT_MS,
  McpServerRegistry,
  UNKNOWN_TOKENS_MAX,
} from '../src/mcp/admission/registry/mcp-server-registry.service';
import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface CreatedServer {
  id: string;
  url: string;
  token: string;
}
interface RpcAnswer {
  id: number | null;
  result?: { tools?: { name: string }[]; isError?: boolean };
  error?: { code: number; message: string };
}

let sandbox: Sandbox;
let api: ApiUnderTest;
let owner: ApiClient;
let connectionId: string;
let taskId: string;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  api = await ApiUnderTest.start(sandbox);
  owner = await api.signIn();
  const connection = await owner.post<{ id: string }>('/api/v1/connections', {
    name: 'Acme',
    type: 'personal_token',
    token: OWNER_TOKEN,
  });
  connectionId = connection.body.id;
  const tasks = (await (
    await fetch(`${sandbox.url}/api/v2/team/${sandbox.acme.id}/task`, {
      headers: { authorization: OWNER_TOKEN },
    })
  ).json()) as { tasks: { id: string }[] };
  taskId = tasks.tasks[0].id;
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
});

const createServer = async (body: Record<string, unknown> = {}): Promise<CreatedServer> => {
  const res = await owner.post<CreatedServer>(`/api/v1/connections/${connectionId}/mcp-servers`, {
    name: 'Server',
    workspace_id: sandbox.acme.id,
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body;
};

async function mcp(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as unknown };
}

const request = (id: number, method: string, params: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method,
  params,
});
const initialize = (name: string) =>
  request(1, 'initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name, version: '1' },
  });

/** Opens `GET /mcp/{token}` (or `/sse`); `ended` resolves with the time the gateway closed it. */
async function openStream(url: string, path = ''): Promise<{ ended: Promise<number> }> {
  const res = await fetch(`${url}${path}`, { headers: { accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const ended = (async () => {
    while (!(await reader.read()).done);
    return Date.now();
  })();
  return { ended };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);

describe('unknown tokens', () => {
  it('remembers a bounded number of unknown tokens, however many a client tries', async () => {
    const registry = api.app.get(McpServerRegistry);
    const tokens = Array.from({ length: UNKNOWN_TOKENS_MAX + 2000 }, () => generateSecret(MCP_TOKEN_PREFIX));
    for (let i = 0; i < tokens.length; i += 50) {
      const answers = await Promise.all(
        tokens.slice(i, i + 50).map((t) => registry.resolve({ kind: 'secret_url', token: t })),
      );
      expect(answers.every((a) => a.kind === 'unknown')).toBe(true);
    }
    expect(registry.size.unknownTokens).toBeLessThanOrEqual(UNKNOWN_TOKENS_MAX);
    expect((await mcp(`${api.baseUrl}/mcp/${tokens[0]}`, initialize('x'))).status).toBe(404);
  }, 60_000);
});

describe('a change made in this process', () => {
  it('stops a revoked URL on the very next request', async () => {
    const server = await createServer();
    expect((await mcp(server.url, initialize('a'))).status).toBe(200);
    expect((await owner.delete(`/api/v1/mcp-servers/${server.id}`)).status).toBe(204);
    expect((await mcp(server.url, initialize('a'))).status).toBe(404);
  });

  it('stops a rotated-away URL and narrows the tools on the very next request', async () => {
    const server = await createServer();
    expect((await mcp(server.url, initialize('a'))).status).toBe(200);
    const narrowed = await owner.patch(`/api/v1/mcp-servers/${server.id}`, {
      config: { methods: ['read'], tags: ['comments'] },
    });
    expect(narrowed.status).toBe(200);
    const listed = (await mcp(server.url, request(2, 'tools/list'))).body as RpcAnswer;
    expect(listed.result?.tools?.map((t) => t.name).sort()).toEqual(['comment_list', 'comment_reply_list']);
    const rotated = await owner.post<{ url: string }>(`/api/v1/mcp-servers/${server.id}/rotate`);
    expect((await mcp(server.url, initialize('a'))).status).toBe(404);
    expect((await mcp(rotated.body.url, initialize('a'))).status).toBe(200);
  });

  it('stops the URLs of a deleted connection on the very next request', async () => {
    const other = await owner.post<{ id: string }>('/api/v1/connections', {
      name: 'To delete',
      type: 'personal_token',
      token: OWNER_TOKEN,
    });
    const server = (
      await owner.post<CreatedServer>(`/api/v1/connections/${other.body.id}/mcp-servers`, {
        name: 'On a deleted connection',
        workspace_id: sandbox.acme.id,
      })
    ).body;
    expect((await mcp(server.url, initialize('a'))).status).toBe(200);
    expect((await owner.delete(`/api/v1/connections/${other.body.id}`)).status).toBe(204);
    expect((await mcp(server.url, initialize('a'))).status).toBe(404);
  });
});

describe('JSON-RPC batches', () => {
  it('refuses batches from 2025-06-18 clients and caps them at 20 messages for 2025-03-26 ones', async () => {
    const server = await createServer();
    const list = (id: number) => request(id, 'tools/list');
    const modern = await mcp(server.url, [list(1), list(2)], { 'mcp-protocol-version': '2025-06-18' });
    expect(modern.status).toBe(400);
    expect(modern.body).toMatchObject({ id: null, error: { code: -32600 } });
    const big = await mcp(
      server.url,
      Array.from({ length: 21 }, (_, i) => list(i + 1)),
      { 'mcp-protocol-version': '2025-03-26' },
    );
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({
      error: { code: -32600, message: expect.stringMatching(/20 messages/) },
    });
    const allowed = await mcp(server.url, [list(1), list(2)]);
    expect(allowed.status).toBe(200);
    expect((allowed.body as RpcAnswer[]).map((a) => a.id)).toEqual([1, 2]);
  });

  it('stops a batch at once when its server is revoked: no further ClickUp calls', async () => {
    const server = await createServer();
    const count = 10;
    const calls = Array.from({ length: count }, (_, i) =>
      request(i + 1, 'tools/call', { name: 'task_get', arguments: { task_id: taskId } }),
    );
    await fetch(`${sandbox.url}/_sandbox/requests`, { method: 'DELETE' });
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: `/api/v2/task/${taskId}`, delay_ms: 250, count }),
    });
    const answer = mcp(server.url, calls);
    await new Promise((r) => setTimeout(r, 600));
    expect((await owner.delete(`/api/v1/mcp-servers/${server.id}`)).status).toBe(204);
    const { status, body } = await answer;
    expect(status).toBe(200);
    const answers = body as RpcAnswer[];
    expect(answers.map((a) => a.id)).toEqual(calls.map((c) => c.id));
    const answered = answers.filter((a) => a.result).length;
    expect(answered).toBeLessThan(5);
    expect(answers.slice(answered).every((a) => a.error?.code === -32001)).toBe(true);
    const seen = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as {
      requests: { path: string }[];
    };
    expect(seen.requests.filter((r) => r.path === `/api/v2/task/${taskId}`).length).toBe(answered);
    const audit = await api.query<{ outcome: string }>(
      "SELECT outcome FROM audit_events WHERE server_id = $1 AND action = 'tools/call' ORDER BY seq",
      [server.id],
    );
    expect(audit.map((a) => a.outcome)).toEqual([
      ...Array<string>(answered).fill('ok'),
      ...Array<string>(count - answered).fill('denied'),
    ]);
  }, 30_000);
});

describe('session ids', () => {
  it('audits only a session id that this server issued', async () => {
    const [a, b] = [await createServer(), await createServer()];
    const init = await mcp(a.url, initialize('client-of-a'));
    const sessionOfA = init.headers.get('mcp-session-id') as string;
    expect(sessionOfA).toBeTruthy();
    await mcp(a.url, request(2, 'tools/list'), { 'mcp-session-id': sessionOfA });
    await mcp(b.url, request(3, 'tools/list'), { 'mcp-session-id': sessionOfA });
    await mcp(b.url, request(4, 'tools/list'), { 'mcp-session-id': 'forged-session' });
    const rows = await api.query<{
      server_id: string;
      session_id: string | null;
      client_name: string | null;
    }>(
      "SELECT server_id, session_id, client_name FROM audit_events WHERE action = 'tools/list' AND server_id = ANY($1) ORDER BY seq",
      [[a.id, b.id]],
    );
    expect(rows).toEqual([
      { server_id: a.id, session_id: sessionOfA, client_name: 'client-of-a' },
      { server_id: b.id, session_id: null, client_name: null },
      { server_id: b.id, session_id: null, client_name: null },
    ]);
  });
});

describe('open streams', () => {
  it('closes GET and legacy SSE streams of a revoked server', async () => {
    const server = await createServer();
    const streams = [await openStream(server.url), await openStream(server.url, '/sse')];
    await new Promise((r) => setTimeout(r, 200));
    const revokedAt = Date.now();
    expect((await owner.delete(`/api/v1/mcp-servers/${server.id}`)).status).toBe(204);
    for (const { ended } of streams) {
      const closedAt = await within(ended, 2000);
      expect(closedAt).not.toBe('timeout');
      expect((closedAt as number) - revokedAt).toBeLessThan(1000);
    }
  });

  it('closes a stream when its server expires', async () => {
    const expiresAt = Date.now() + 1500;
    const server = await createServer({ expires_at: new Date(expiresAt).toISOString() });
    const closedAt = await within((await openStream(server.url)).ended, 4000);
    expect(closedAt).not.toBe('timeout');
    expect(Math.abs((closedAt as number) - expiresAt)).toBeLessThan(500);
  });
});

describe('when the database stops answering the cache poll', () => {
  it('answers 503 after 5 s rather than serve a grant it cannot confirm, and recovers', async () => {
    const server = await createServer();
    expect((await mcp(server.url, request(1, 'tools/list'))).status).toBe(200);
    const blocker = new PgClient({ connectionString: api.env['DATABASE_URL'] });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      // The poll reads this table; holding it makes every poll wait, as a hung database would.
      await blocker.query('LOCK TABLE clickup_connections IN ACCESS EXCLUSIVE MODE');
      await new Promise((r) => setTimeout(r, FRESHNESS_LIMIT_MS + 700));
      const refused = await mcp(server.url, request(2, 'tools/list'));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body).toMatchObject({
        error: {
          message: expect.stringContaining('cannot confirm right now that this MCP URL is still valid'),
        },
      });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect((await mcp(server.url, request(3, 'tools/list'))).status).toBe(200);
  }, 20_000);
});
