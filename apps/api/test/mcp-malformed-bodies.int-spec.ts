import { request } from 'node:http';
import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

/** Bodies Fastify itself refuses (wrong media type, bad bytes, too large) still get a JSON-RPC answer on /mcp. */
let sandbox: Sandbox;
let api: ApiUnderTest;
let owner: ApiClient;
let mcpUrl: string;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  api = await ApiUnderTest.start(sandbox);
  owner = await api.signIn();
  const connection = await owner.post<{ id: string }>('/api/v1/connections', {
    name: 'Acme',
    type: 'personal_token',
    token: OWNER_TOKEN,
  });
  const server = await owner.post<{ url: string }>(`/api/v1/connections/${connection.body.id}/mcp-servers`, {
    name: 'Server',
    workspace_id: sandbox.acme.id,
    config: { methods: [], tags: [] },
  });
  mcpUrl = server.body.url;
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await sandbox?.stop();
});

const PING = '{"jsonrpc":"2.0","id":1,"method":"ping"}';

async function post(body: string | Buffer, contentType: string) {
  const res = await fetch(mcpUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/json, text/event-stream' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const rpcError = (code: number, message: RegExp) => ({
  jsonrpc: '2.0',
  id: null,
  error: { code, message: expect.stringMatching(message) },
});

describe('POST /mcp/{token} with a body the HTTP layer cannot read', () => {
  it('answers bytes that are not UTF-8 with a JSON-RPC parse error', async () => {
    const res = await post(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'application/json');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(rpcError(-32700, /not (UTF-8 )?JSON|UTF-8/));
  });

  it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx'])(
    'answers the media type %s with 415 and a JSON-RPC error',
    async (contentType) => {
      const res = await post(PING, contentType);
      expect(res.status).toBe(415);
      expect(res.body).toEqual(rpcError(-32600, /application\/json/));
    },
  );

  it('reads a media type case-insensitively, with its parameters', async () => {
    const res = await post(PING, 'Application/JSON; charset=utf-8');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
  });

  it('answers a body over the limit with 413 and a JSON-RPC error that gives the limit', async () => {
    // The declared length alone is over the limit: the api answers before the body is sent.
    const answer = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = request(mcpUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': String(5 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.write('{"jsonrpc":"2.0",');
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual(rpcError(-32600, /4 MiB/));
  });
});

describe('POST /mcp/{token} naming a method after a property every object has', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'answers %s with Method not found, not an internal error or an audit failure',
    async (method) => {
      const res = await post(
        JSON.stringify({ jsonrpc: '2.0', id: 7, method, params: {} }),
        'application/json',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        jsonrpc: '2.0',
        id: 7,
        error: { code: -32601, message: `Method not found: ${method}` },
      });
    },
  );
});
