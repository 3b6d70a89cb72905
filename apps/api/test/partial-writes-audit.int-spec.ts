import { ApiUnderTest } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { callTool } from './support/mcp-calls';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

// A write ClickUp accepted only in part (NOT_APPLIED beside ok: true) is audited as ok with NOT_APPLIED among its
// issue codes: the console reads such a row as "partially applied".

let sandbox: Sandbox;
let api: ApiUnderTest;
let owner: ApiClient;
let serverId: string;
let serverUrl: string;
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
  const server = await owner.post<{ id: string; url: string }>(
    `/api/v1/connections/${connection.body.id}/mcp-servers`,
    { name: 'Writer', workspace_id: sandbox.acme.id },
  );
  expect(server.status).toBe(201);
  serverId = server.body.id;
  serverUrl = server.body.url;
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

const auditRows = async () => {
  // The row is written beside the answer; give it a moment rather than race it.
  for (let i = 0; i < 50; i++) {
    const rows = await api.query<{ tool: string; outcome: string; issue_codes: string[] }>(
      "SELECT tool, outcome, issue_codes FROM audit_events WHERE server_id = $1 AND action = 'tools/call' ORDER BY seq",
      [serverId],
    );
    if (rows.length >= 2) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the audit rows were not written');
};

it('audits a call ClickUp applied in part as ok with NOT_APPLIED, and a whole one as ok without', async () => {
  const partial = await callTool(serverUrl, 'task_update', { task_id: taskId, status: 'shipped to mars' });
  expect(partial).toMatchObject({ ok: true, issues: [{ code: 'NOT_APPLIED' }] });
  const whole = await callTool(serverUrl, 'task_update', { task_id: taskId, name: 'Renamed in full' });
  expect(whole).toMatchObject({ ok: true, issues: [] });

  expect(await auditRows()).toEqual([
    { tool: 'task_update', outcome: 'ok', issue_codes: ['NOT_APPLIED'] },
    { tool: 'task_update', outcome: 'ok', issue_codes: [] },
  ]);
});
