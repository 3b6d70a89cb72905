import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { waitFor } from '@gw/testing';
import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { modernRpc, type CallEnvelope } from './support/mcp-calls';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

interface Server {
  id: string;
  url: string;
  config: { catalog: string };
}
interface AuditRow {
  action: string;
  outcome: string;
  tool: string | null;
  issue_codes: string[];
}
interface Found {
  name: string;
  title: string;
  summary: string;
  method: string;
  tags: string[];
  needs_approval?: boolean;
}
interface Described {
  name: string;
  description: string;
  inputSchema: { properties: Record<string, unknown> };
  outputSchema: Record<string, unknown>;
}

const SPRINT_42 = '901400000001';

/**
 * A server with `config.catalog: "progressive"`, driven by the MCP SDK's client over the api's real HTTP endpoint:
 * its tools/list holds the meta tools only, and search → describe → tool_call reaches the ClickUp tools of its own
 * selection, through the same checks, approvals and audit rows as a direct call.
 */
describe('a progressive catalog', () => {
  let sandbox: Sandbox;
  let api: ApiUnderTest;
  let owner: ApiClient;
  let connectionId: string;
  let server: Server;
  let client: Client;
  let taskId: string;

  const call = async <T = Record<string, unknown>>(name: string, args: Record<string, unknown>) => {
    const answer = await client.callTool({ name, arguments: args });
    return answer.structuredContent as unknown as CallEnvelope<T>;
  };
  const auditRows = async () =>
    (
      await owner.get<{ items: AuditRow[] }>('/api/v1/audit-events', {
        query: { server_id: server.id, limit: '100' },
      })
    ).body.items;

  beforeAll(async () => {
    sandbox = await Sandbox.start();
    api = await ApiUnderTest.start(sandbox);
    owner = await api.signIn();
    connectionId = (
      await owner.post<{ id: string }>('/api/v1/connections', {
        name: 'Acme',
        type: 'personal_token',
        token: OWNER_TOKEN,
      })
    ).body.id;
    const created = await owner.post<Server>(`/api/v1/connections/${connectionId}/mcp-servers`, {
      name: 'Small-context agent',
      workspace_id: sandbox.acme.id,
      config: {
        tags: ['tasks', 'workspaces'],
        catalog: 'progressive',
        approval: { mode: 'tools', tools: ['task_delete'] },
      },
    });
    expect(created.status).toBe(201);
    server = created.body;
    const res = await fetch(`${sandbox.url}/api/v2/list/${SPRINT_42}/task`, {
      method: 'POST',
      headers: { authorization: OWNER_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Progressive catalog task' }),
    });
    taskId = ((await res.json()) as { id: string }).id;
    client = new Client({ name: 'progressive-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await api?.stop();
    await sandbox?.stop();
  });

  it('is a server setting, full by default, validated', async () => {
    expect(server.config.catalog).toBe('progressive');
    const full = await owner.post<Server>(`/api/v1/connections/${connectionId}/mcp-servers`, {
      name: 'Full',
      workspace_id: sandbox.acme.id,
    });
    expect(full.body.config.catalog).toBe('full');
    const bad = await owner.post<{ message: string[] }>(`/api/v1/connections/${connectionId}/mcp-servers`, {
      name: 'Bad',
      workspace_id: sandbox.acme.id,
      config: { catalog: 'lazy' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('config.catalog must be one of full, progressive');
    const patched = await owner.patch<Server>(`/api/v1/mcp-servers/${full.body.id}`, {
      config: { catalog: 'progressive' },
    });
    expect(patched.body.config.catalog).toBe('progressive');
  });

  it('lists only the meta tools, in a small listing, and tells the agent how to use them', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['tool_search', 'tool_describe', 'tool_call']);
    expect(Buffer.byteLength(JSON.stringify({ tools }))).toBeLessThan(2_000);
    expect(client.getInstructions()).toContain('tool_search');
  });

  it('finds, describes and calls a tool of its selection, and audits the call as that tool', async () => {
    const found = await call<{ tools: Found[] }>('tool_search', { query: 'get task' });
    expect(found.ok).toBe(true);
    const taskGet = found.result?.tools.find((t) => t.name === 'task_get');
    expect(taskGet).toMatchObject({ method: 'get', tags: ['tasks'] });
    expect(taskGet?.summary.length).toBeLessThan(200);
    const byTag = await call<{ tools: Found[] }>('tool_search', { tag: 'workspaces' });
    expect(byTag.result?.tools.map((t) => t.name).sort()).toEqual([
      'workspace_find',
      'workspace_hierarchy',
      'workspace_list',
    ]);
    // The approval policy shows in the index as it does in a full listing's descriptions.
    const deletes = await call<{ tools: Found[] }>('tool_search', { query: 'delete task' });
    expect(deletes.result?.tools.find((t) => t.name === 'task_delete')?.needs_approval).toBe(true);

    const described = await call<{ tools: Described[]; unknown: string[] }>('tool_describe', {
      names: ['task_get', 'goal_list', 'no_such_tool'],
    });
    expect(described.result?.tools.map((t) => t.name)).toEqual(['task_get']);
    expect(described.result?.unknown).toEqual(['goal_list', 'no_such_tool']);
    expect(Object.keys(described.result?.tools[0].inputSchema.properties ?? {})).toContain('task_id');

    const got = await call<{ id: string; name: string }>('tool_call', {
      name: 'task_get',
      arguments: { task_id: taskId },
    });
    expect(got).toMatchObject({ ok: true, result: { id: taskId, name: 'Progressive catalog task' } });
    // A direct call of a selected tool works too, though it is not listed.
    const direct = await call<{ id: string }>('task_get', { task_id: taskId });
    expect(direct.result?.id).toBe(taskId);

    const rows = await waitFor(
      async () => {
        const items = await auditRows();
        return items.filter((r) => r.action === 'tools/call').length >= 6 && items;
      },
      { timeoutMs: 10_000, what: 'the audit rows of the calls' },
    );
    const calls = rows.filter((r) => r.action === 'tools/call').map((r) => [r.tool, r.outcome]);
    expect(calls).toEqual(
      expect.arrayContaining([
        ['task_get', 'ok'],
        ['tool_search', 'ok'],
        ['tool_describe', 'ok'],
      ]),
    );
    expect(calls.filter(([tool]) => tool === 'task_get')).toHaveLength(2);
    expect(calls.some(([tool]) => tool === 'tool_call')).toBe(false);
  });

  it('unwraps tool_call for 2026-07-28 clients too, whose Mcp-Name header names tool_call', async () => {
    const listed = await modernRpc(server.url, 'tools/list', {});
    expect((listed.result?.['tools'] as { name: string }[]).map((t) => t.name)).toEqual([
      'tool_search',
      'tool_describe',
      'tool_call',
    ]);
    const got = await modernRpc(server.url, 'tools/call', {
      name: 'tool_call',
      arguments: { name: 'task_get', arguments: { task_id: taskId } },
    });
    expect(got.result?.structuredContent).toMatchObject({ ok: true, result: { id: taskId } });
    const discovered = await modernRpc(server.url, 'server/discover', {});
    expect(discovered.result?.['instructions']).toEqual(expect.stringContaining('tool_search'));
  });

  it('refuses through tool_call what it refuses directly, and holds what needs approval', async () => {
    const outside = await call('tool_call', { name: 'goal_list', arguments: {} });
    expect(outside).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
    const invalid = await call('tool_call', { name: 'task_get', arguments: { task_id: '' } });
    expect(invalid).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'task_id' }] });
    const nested = await call('tool_call', { name: 'tool_call', arguments: { name: 'task_get' } });
    expect(nested).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });
    const unnamed = await call('tool_call', { arguments: {} });
    expect(unnamed).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });

    const held = await call('tool_call', { name: 'task_delete', arguments: { task_id: taskId } });
    expect(held).toMatchObject({ ok: false, issues: [{ code: 'APPROVAL_REQUIRED' }] });
    const approvals = await owner.get<{ items: { tool: string }[] }>('/api/v1/approvals', {
      query: { server_id: server.id },
    });
    expect(approvals.body.items.map((a) => a.tool)).toEqual(['task_delete']);
    const still = await fetch(`${sandbox.url}/api/v2/task/${taskId}`, {
      headers: { authorization: OWNER_TOKEN },
    });
    expect(still.status).toBe(200);

    const rows = await waitFor(
      async () => {
        const items = await auditRows();
        return items.some((r) => r.tool === 'goal_list') && items;
      },
      { timeoutMs: 10_000, what: 'the refused call’s audit row' },
    );
    expect(rows.find((r) => r.tool === 'goal_list')).toMatchObject({
      outcome: 'denied',
      issue_codes: ['FORBIDDEN'],
    });
  });
});
