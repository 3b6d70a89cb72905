import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { REPO_ROOT } from '@gw/testing';
import {
  callTool,
  connectClient,
  connectSandbox,
  createServer,
  sandboxIds,
  type Envelope,
  type ProvisionedServer,
} from '../support/mcp';
import { connectModernClient, MODERN, type WireExchange } from '../support/mcp-2026';
import { Stack } from '../support/stack';
import { runToolWorkflow } from '../support/tool-workflow';
import { node22, NO_NODE_22 } from '../support/node22';

const bin = (path: string) => join(REPO_ROOT, 'node_modules', path);

describe('real MCP clients against a provisioned /mcp/{token} URL', () => {
  const stack = new Stack('embedded', { sandbox: true, worker: false });
  let server: ProvisionedServer;
  let taskId: string;

  beforeAll(async () => {
    await stack.start();
    const ids = await sandboxIds(stack);
    taskId = ids.engineeringTask;
    const connection = await connectSandbox(stack);
    server = await createServer(stack, connection, { workspace_id: ids.acme });
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('serves the SDK client over Streamable HTTP', async () => {
    const client = await connectClient(server.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['member_list', 'user_me']));
    const me = await callTool<{ username: string }>(client, 'user_me');
    expect(me).toMatchObject({ ok: true, result: { username: 'Alex Rivera' } });
    await client.close();
  });

  it('runs the same tool workflow for the SDK 1.x client over 2025-11-25 and the SDK v2 client over 2026-07-28', async () => {
    const legacy = await connectClient(server.url);
    const wire: WireExchange[] = [];
    const modern = await connectModernClient(server.url, wire);
    expect(legacy.getServerVersion()?.name).toBe('clickup-mcp-gateway');
    expect(modern.getProtocolEra()).toBe('modern');
    expect(modern.getNegotiatedProtocolVersion()).toBe(MODERN);

    const legacyRun = await runToolWorkflow(
      {
        toolNames: async () => (await legacy.listTools()).tools.map((t) => t.name),
        call: <T>(name: string, args: Record<string, unknown>) => callTool<T>(legacy, name, args),
      },
      taskId,
      'SDK 1.x',
    );
    const modernRun = await runToolWorkflow(
      {
        toolNames: async () => (await modern.listTools()).tools.map((t) => t.name),
        call: async <T>(name: string, args: Record<string, unknown>) =>
          (await modern.callTool({ name, arguments: args })).structuredContent as unknown as Envelope<T>,
      },
      taskId,
      'SDK v2',
    );
    expect(legacyRun).toEqual({
      tools: expect.arrayContaining(['user_me', 'task_get', 'comment_create', 'comment_list']),
      me: 'Alex Rivera',
      task: taskId,
      commented: true,
      found: true,
    });
    expect(modernRun).toEqual(legacyRun);

    // Stateless on the wire: no initialize, no session id either way, every POST naming its method and version.
    expect(wire.map((w) => w.body?.['method'])).not.toContain('initialize');
    expect(wire.every((w) => w.method === 'POST')).toBe(true);
    for (const exchange of wire) {
      expect(exchange.requestHeaders).toMatchObject({ 'mcp-protocol-version': MODERN });
      expect(exchange.requestHeaders['mcp-method']).toBe(exchange.body?.['method']);
      expect(exchange.requestHeaders['mcp-session-id']).toBeUndefined();
      expect(exchange.responseHeaders['mcp-session-id']).toBeUndefined();
    }
    await legacy.close();
    await modern.close();
  });

  it('serves the SDK client over the older HTTP+SSE transport', async () => {
    const client = await connectClient(server.url, { legacySse: true });
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    expect((await callTool(client, 'member_list')).ok).toBe(true);
    await client.close();
  });

  it('answers the MCP Inspector CLI (tools/list and tools/call)', () => {
    const inspector = (args: string[]) =>
      spawnSync(
        process.execPath,
        [
          bin('@modelcontextprotocol/inspector/clients/launcher/build/index.js'),
          '--cli',
          server.url,
          '--transport',
          'http',
          ...args,
        ],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
    const list = inspector(['--method', 'tools/list']);
    expect(list.status).toBe(0);
    expect((JSON.parse(list.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name)).toContain(
      'user_me',
    );
    const call = inspector(['--method', 'tools/call', '--tool-name', 'user_me']);
    expect(call.status).toBe(0);
    expect(call.stdout).toContain('Alex Rivera');
  });

  it('works through mcp-remote, the stdio bridge Claude Desktop uses', async () => {
    const client = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [bin('mcp-remote/dist/proxy.js'), server.url, '--transport', 'http-only'],
        stderr: 'ignore',
      }),
    );
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(await callTool(client, 'user_me')).toMatchObject({ ok: true });
    await client.close();
  });

  const node = node22();
  if (!node) console.warn(`skipping the MCP conformance suite: ${NO_NODE_22}`);
  (node ? it.each : it.skip.each)(['2026-07-28', '2025-11-25'])(
    'passes the MCP conformance suite at %s, apart from its committed baseline of scenarios that cannot apply',
    (version) => {
      const run = spawnSync(
        node as string,
        [
          bin('@modelcontextprotocol/conformance/dist/index.js'),
          'server',
          '--url',
          server.url,
          '--suite',
          'all',
          '--spec-version',
          version,
          '--expected-failures',
          join(REPO_ROOT, `test/mcp/conformance-baseline-${version}.yml`),
        ],
        { encoding: 'utf8', timeout: 240_000 },
      );
      expect(run.stdout).toContain('Baseline check passed');
      expect(run.status).toBe(0);
    },
    260_000,
  );
});
