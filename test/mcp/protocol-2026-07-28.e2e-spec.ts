import {
  connectSandbox,
  createServer,
  INITIALIZE,
  rawPost,
  sandboxIds,
  type ProvisionedServer,
} from '../support/mcp';
import { MODERN, modernHeaders, modernMeta } from '../support/mcp-2026';
import { Stack } from '../support/stack';

interface RpcBody {
  id?: unknown;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

interface AuditRow {
  action: string;
  tool: string | null;
  outcome: string;
  issue_codes: string[];
  client_name: string | null;
  client_version: string | null;
  session_id: string | null;
  trace_id?: string | null;
}

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const SERVER_INFO_META = 'io.modelcontextprotocol/serverInfo';

describe('MCP 2026-07-28 on /mcp/{token}, beside the initialize-based revisions', () => {
  const stack = new Stack('embedded', { sandbox: true, worker: false });
  let server: ProvisionedServer;
  let readOnly: ProvisionedServer;
  let taskId: string;

  /** A 2026-07-28 request as a conforming client sends it; `headers` change or drop (undefined) what it sends. */
  const modern = async (
    method: string,
    params: Record<string, unknown> = {},
    headers: Record<string, string | undefined> = {},
    url = server.url,
    id: number | string = 7,
  ) => {
    const name = typeof params['name'] === 'string' ? params['name'] : undefined;
    const merged = Object.fromEntries(
      Object.entries({ ...modernHeaders(method, name), ...headers }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    const res = await rawPost(
      url,
      { jsonrpc: '2.0', id, method, params: { _meta: modernMeta(), ...params } },
      merged,
    );
    return { ...res, body: res.body as RpcBody | null };
  };

  const auditRows = async (serverId: string) =>
    (await stack.rest<{ items: AuditRow[] }>('GET', `/audit-events?server_id=${serverId}&limit=50`)).body
      .items;

  beforeAll(async () => {
    await stack.start();
    const ids = await sandboxIds(stack);
    taskId = ids.engineeringTask;
    const connection = await connectSandbox(stack);
    server = await createServer(stack, connection, { workspace_id: ids.acme });
    readOnly = await createServer(stack, connection, {
      workspace_id: ids.acme,
      config: { methods: ['read'], tags: [] },
    });
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  describe('a stateless request', () => {
    it('server/discover names the versions, capabilities and identity, with caching hints and no session', async () => {
      const res = await modern('server/discover');
      expect(res.status).toBe(200);
      expect(res.headers.get('mcp-session-id')).toBeNull();
      expect(res.body?.result).toEqual({
        resultType: 'complete',
        supportedVersions: expect.arrayContaining([MODERN, '2025-11-25', '2025-06-18', '2025-03-26']),
        capabilities: { tools: { listChanged: true } },
        instructions: expect.stringContaining('workspace_hierarchy'),
        ttlMs: expect.any(Number),
        cacheScope: 'public',
        _meta: { [SERVER_INFO_META]: expect.objectContaining({ name: 'clickup-mcp-gateway' }) },
      });
    });

    it('tools/list is the same listing as for a session, marked private to the URL and cacheable', async () => {
      const res = await modern('tools/list');
      const session = await rawPost(server.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
      expect(res.body?.result).toMatchObject({
        resultType: 'complete',
        cacheScope: 'private',
        ttlMs: 60_000,
      });
      expect(res.body?.result?.['tools']).toEqual(
        (session.body?.['result'] as Record<string, unknown>)['tools'],
      );
      // A session's listing stays as 2025-11-25 and earlier define it.
      expect(session.body?.['result']).not.toHaveProperty('resultType');
      expect(session.body?.['result']).not.toHaveProperty('ttlMs');
    });

    it('tools/call answers the envelope as text and structured content, and carries its trace to ClickUp and the audit log', async () => {
      const since = await sandboxSeq();
      const res = await modern('tools/call', {
        name: 'task_get',
        arguments: { task_id: taskId },
        _meta: modernMeta({ traceparent: TRACEPARENT }),
      });
      expect(res.status).toBe(200);
      const result = res.body?.result as {
        resultType: string;
        content: { type: string; text: string }[];
        structuredContent: { ok: boolean; result: { id: string } };
        isError: boolean;
      };
      expect(result).toMatchObject({
        resultType: 'complete',
        isError: false,
        structuredContent: { ok: true },
      });
      expect(result.structuredContent.result.id).toBe(taskId);
      expect(JSON.parse(result.content[0].text)).toEqual(result.structuredContent);

      const upstream = await sandboxRequestsSince(since);
      expect(upstream.length).toBeGreaterThan(0);
      expect(upstream.every((r) => r.headers['traceparent'] === TRACEPARENT)).toBe(true);

      const row = (await auditRows(server.id)).find(
        (r) => r.action === 'tools/call' && r.tool === 'task_get',
      );
      expect(row).toMatchObject({
        outcome: 'ok',
        client_name: 'raw-2026',
        client_version: '1.0.0',
        session_id: null,
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      });
    });

    it('ignores a session id, even one this server issued, and never issues one', async () => {
      const init = await rawPost(server.url, INITIALIZE);
      const session = init.headers.get('mcp-session-id') as string;
      expect(session).toBeTruthy();
      const res = await modern(
        'tools/call',
        { name: 'user_me', arguments: {} },
        { 'mcp-session-id': session },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('mcp-session-id')).toBeNull();
      const row = (await auditRows(server.id)).find((r) => r.tool === 'user_me');
      expect(row).toMatchObject({ client_name: 'raw-2026', session_id: null });
    });

    it('refuses an unknown tool as a protocol error, and a known tool this URL does not allow as FORBIDDEN', async () => {
      const unknown = await modern('tools/call', { name: 'no_such_tool', arguments: {} });
      expect(unknown.body?.error).toMatchObject({ code: -32602, message: 'Unknown tool: no_such_tool' });
      const forbidden = await modern(
        'tools/call',
        { name: 'comment_create', arguments: { task_id: taskId, text: 'x' } },
        {},
        readOnly.url,
      );
      expect(forbidden.body?.result).toMatchObject({
        isError: true,
        structuredContent: { ok: false, issues: [{ code: 'FORBIDDEN' }] },
      });
    });
  });

  describe('refusals, each with HTTP 400 (404 for a method) and the request id', () => {
    it.each([
      ['a missing Mcp-Method header', 'tools/list', {}, { 'mcp-method': undefined }],
      ['an Mcp-Method header naming another method', 'tools/list', {}, { 'mcp-method': 'prompts/list' }],
      ['an Mcp-Method value in another letter case', 'tools/list', {}, { 'mcp-method': 'TOOLS/LIST' }],
      ['a missing Mcp-Name header', 'tools/call', { name: 'user_me' }, { 'mcp-name': undefined }],
      [
        'an Mcp-Name header naming another tool',
        'tools/call',
        { name: 'user_me' },
        { 'mcp-name': 'task_delete' },
      ],
      ['a missing MCP-Protocol-Version header', 'tools/list', {}, { 'mcp-protocol-version': undefined }],
      [
        'an MCP-Protocol-Version header that disagrees with _meta',
        'tools/list',
        {},
        { 'mcp-protocol-version': '2025-11-25' },
      ],
    ])('%s: HeaderMismatch', async (_case, method, params, headers) => {
      const res = await modern(method, params, headers, server.url, 'req-1');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ id: 'req-1', error: { code: -32020 } });
    });

    it('a version it does not speak: UnsupportedProtocolVersion listing the versions it does', async () => {
      const res = await rawPost(
        server.url,
        {
          jsonrpc: '2.0',
          id: 9,
          method: 'tools/list',
          params: { _meta: modernMeta({ 'io.modelcontextprotocol/protocolVersion': '2099-01-01' }) },
        },
        { ...modernHeaders('tools/list'), 'mcp-protocol-version': '2099-01-01' },
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        id: 9,
        error: {
          code: -32022,
          data: { requested: '2099-01-01', supported: expect.arrayContaining([MODERN]) },
        },
      });
    });

    it.each([
      ['no _meta at all', { _meta: undefined }],
      ['no client capabilities', { _meta: { 'io.modelcontextprotocol/protocolVersion': MODERN } }],
      ['malformed client info', { _meta: modernMeta({ 'io.modelcontextprotocol/clientInfo': 'me' }) }],
    ])('%s: invalid params', async (_case, params) => {
      const res = await modern('tools/list', params);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ id: 7, error: { code: -32602 } });
    });

    it.each(['initialize', 'ping', 'logging/setLevel', 'resources/subscribe', 'no/such-method'])(
      '%s, which 2026-07-28 does not have: 404 Method not found',
      async (method) => {
        const res = await modern(method);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ id: 7, error: { code: -32601 } });
      },
    );

    it('a JSON-RPC batch: Invalid Request (2026-07-28 sends one message per POST)', async () => {
      const message = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: modernMeta() } };
      const res = await rawPost(server.url, [message, { ...message, id: 2 }], modernHeaders('tools/list'));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: -32600, message: expect.stringContaining('batches') },
      });
    });

    it('a GET stream or a DELETE with the 2026-07-28 header: 405, as it only POSTs', async () => {
      for (const method of ['GET', 'DELETE']) {
        const res = await fetch(server.url, {
          method,
          headers: { accept: 'text/event-stream', 'mcp-protocol-version': MODERN },
        });
        expect(res.status).toBe(405);
        await res.text();
      }
    });

    it('records a refused request in the audit log, as an error naming its JSON-RPC code', async () => {
      await modern('tools/list', {}, { 'mcp-method': 'prompts/list' });
      const row = (await auditRows(server.id)).find((r) => r.issue_codes.includes('JSONRPC_-32020'));
      expect(row).toMatchObject({ action: 'tools/list', outcome: 'error' });
    });
  });

  describe('sessions of the older revisions, on the same URL', () => {
    it('an initialize asking for 2026-07-28 settles on 2025-11-25 and opens a session as before', async () => {
      const res = await rawPost(server.url, {
        ...INITIALIZE,
        params: { ...INITIALIZE.params, protocolVersion: MODERN },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('mcp-session-id')).toBeTruthy();
      expect(res.body?.['result']).toMatchObject({
        protocolVersion: '2025-11-25',
        serverInfo: { name: 'clickup-mcp-gateway' },
        capabilities: { tools: { listChanged: true } },
      });
    });

    it('ping and logging/setLevel still answer a 2025-11-25 session', async () => {
      for (const method of ['ping', 'logging/setLevel']) {
        const res = await rawPost(
          server.url,
          { jsonrpc: '2.0', id: 3, method, params: method === 'ping' ? {} : { level: 'info' } },
          { 'mcp-protocol-version': '2025-11-25' },
        );
        expect(res).toMatchObject({ status: 200, body: { id: 3, result: {} } });
      }
    });

    it('DELETE of a session answers 405: a signed session id holds no state that could be ended', async () => {
      const res = await fetch(server.url, {
        method: 'DELETE',
        headers: { 'mcp-protocol-version': '2025-11-25' },
      });
      expect(res.status).toBe(405);
      await res.text();
    });
  });

  describe('subscriptions/listen', () => {
    it('acknowledges first, then tags each list change with the subscription id until the client leaves', async () => {
      const controller = new AbortController();
      const res = await fetch(server.url, {
        method: 'POST',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...modernHeaders('subscriptions/listen'),
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 'listen-1',
          method: 'subscriptions/listen',
          params: {
            _meta: modernMeta(),
            notifications: { toolsListChanged: true, promptsListChanged: true },
          },
        }),
      });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const frames = sseFrames(res.body as ReadableStream<Uint8Array>);
      expect(await frames.next()).toEqual({
        jsonrpc: '2.0',
        method: 'notifications/subscriptions/acknowledged',
        params: {
          _meta: { 'io.modelcontextprotocol/subscriptionId': 'listen-1' },
          notifications: { toolsListChanged: true },
        },
      });
      const edited = await stack.rest('PATCH', `/mcp-servers/${server.id}`, {
        config: { methods: ['read'], tags: [] },
      });
      expect(edited.status).toBe(200);
      expect(await frames.next()).toEqual({
        jsonrpc: '2.0',
        method: 'notifications/tools/list_changed',
        params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 'listen-1' } },
      });
      controller.abort();
    });
  });

  async function sandboxSeq(): Promise<number> {
    const requests = await sandboxRequestsSince(0);
    return requests.at(-1)?.seq ?? 0;
  }

  async function sandboxRequestsSince(since: number) {
    const res = await fetch(`${stack.sandboxUrl}/_sandbox/requests?since=${since}`);
    return ((await res.json()) as { requests: { seq: number; headers: Record<string, string> }[] }).requests;
  }
});

/** The JSON messages of a `text/event-stream` body, one at a time. */
function sseFrames(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<unknown> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end !== -1) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('');
          if (data) return JSON.parse(data);
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}
