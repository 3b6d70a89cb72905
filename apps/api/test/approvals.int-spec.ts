import { ToolCatalog } from '@gw/mcp-tools';
import { expireApprovalJobId, JOB_QUEUES, QUEUE_NAMES } from '@gw/queue';
import { AppProcess, waitFor, WebhookReceiver } from '@gw/testing';
import { createHmac } from 'node:crypto';
import { ApiUnderTest, DASHBOARD_URL, STORAGES } from './support/api-under-test';
import type { ApiClient } from './support/http-client';
import { callTool, modernRpc, type CallEnvelope } from './support/mcp-calls';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';
import { testAccessTokensModule, TestMcpAccessTokens } from './support/test-mcp-access-tokens';

interface Server {
  id: string;
  url: string;
  token: string;
}
interface Approval {
  id: string;
  state: string;
  tool: string;
  arguments: Record<string, unknown>;
  server: { id: string; name: string };
  requested_by: { kind: string; user_id: string | null; email: string | null; client_name: string | null };
  preview: { kind: string; summary: string };
  approvals_required: number;
  decisions: { email: string; decision: string; comment: string | null }[];
  comment: string | null;
  result: CallEnvelope | null;
  can_decide: boolean;
  why_not?: string;
}
interface ApprovalGet {
  approval_id: string;
  tool: string;
  state: string;
  expires_at: string;
  result: CallEnvelope | null;
  comment: string | null;
  decided_by: { email: string } | null;
}
interface AuditRow {
  action: string;
  outcome: string;
  actor: string;
  tool: string | null;
  job_id: string | null;
  issue_codes: string[];
  arguments: Record<string, unknown> | null;
}
interface Task {
  taskId: string;
  status: string;
  statusMessage?: string;
  pollIntervalMs?: number;
  result?: { structuredContent: CallEnvelope; isError: boolean };
}

const PASSWORD = 'a-long-enough-password-42';
const SPRINT_42 = '901400000001';
const CLIENT_ID = 'https://agent.example.com/oauth/client-metadata.json';

/**
 * Human approval of agent calls, end to end through the production path: an agent's call on an MCP server whose
 * policy holds it waits (nothing happens in ClickUp), people decide through the REST API, and the approved call runs
 * exactly once through the queue and the compiled worker, its result read back with `approval_get` or as a task.
 * Once on PostgreSQL + Redis, once on the embedded defaults.
 */
describe.each(STORAGES)('approvals on %s', (storage) => {
  let sandbox: Sandbox;
  let api: ApiUnderTest;
  let worker: AppProcess;
  let owner: ApiClient;
  const as: Record<'alice' | 'bob' | 'mel' | 'outsider' | 'audrey', ApiClient> = {} as never;
  const ids: Record<string, string> = {};
  let connectionId: string;
  const tokens = new TestMcpAccessTokens();

  const startWorker = async () => {
    worker = AppProcess.start('worker', { ...api.env, LOG_LEVEL: 'warn' });
    await worker.waitForLine(/worker processing jobs/, 60_000);
  };

  beforeAll(async () => {
    sandbox = await Sandbox.start();
    // The suite makes more calls in a minute than ClickUp's default 100 per token; rate limits are not its subject.
    await fetch(`${sandbox.url}/_sandbox/rate-limit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ per_minute: 100_000 }),
    });
    api = await ApiUnderTest.start(
      sandbox,
      { RETRY_BASE_DELAY_MS: '200', RETRY_MAX_DELAY_MS: '500' },
      { storage, modules: [testAccessTokensModule(tokens)] },
    );
    owner = await api.signIn();
    const people = {
      alice: 'admin',
      bob: 'admin',
      mel: 'member',
      outsider: 'member',
      audrey: 'auditor',
    } as const;
    for (const [name, role] of Object.entries(people)) {
      const res = await owner.post<{ id: string }>('/api/v1/users', {
        email: `${name}@example.com`,
        name,
        role,
        password: PASSWORD,
      });
      ids[name] = res.body.id;
      as[name as keyof typeof people] = await api.signIn(`${name}@example.com`, PASSWORD);
    }
    ids['team'] = (await owner.post<{ id: string }>('/api/v1/teams', { name: 'Support' })).body.id;
    ids['reviewers'] = (await owner.post<{ id: string }>('/api/v1/teams', { name: 'Reviewers' })).body.id;
    await owner.post(`/api/v1/teams/${ids['team']}/members`, { user_id: ids['mel'] });
    await owner.post(`/api/v1/teams/${ids['reviewers']}/members`, { user_id: ids['outsider'] });
    const connection = await owner.post<{ id: string }>('/api/v1/connections', {
      name: 'Acme',
      type: 'personal_token',
      token: OWNER_TOKEN,
    });
    connectionId = connection.body.id;
    await owner.put(`/api/v1/connections/${connectionId}/teams`, { team_ids: [ids['team']] });
    await startWorker();
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await sandbox?.stop();
  });

  const createServer = async (approval: Record<string, unknown>, config: Record<string, unknown> = {}) => {
    const res = await owner.post<Server>(`/api/v1/connections/${connectionId}/mcp-servers`, {
      name: 'Cleanup agent',
      workspace_id: sandbox.acme.id,
      team_id: ids['team'],
      config: { approval, ...config },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  /** A fresh task in Sprint 42, straight in the sandbox. */
  const newTask = async (name: string): Promise<string> => {
    const res = await fetch(`${sandbox.url}/api/v2/list/${SPRINT_42}/task`, {
      method: 'POST',
      headers: { authorization: OWNER_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    return ((await res.json()) as { id: string }).id;
  };
  const taskExists = async (taskId: string) =>
    (await fetch(`${sandbox.url}/api/v2/task/${taskId}`, { headers: { authorization: OWNER_TOKEN } }))
      .status === 200;
  /** The DELETEs ClickUp received for a task. */
  const deletesOf = async (taskId: string) => {
    const res = await fetch(`${sandbox.url}/_sandbox/requests`);
    const { requests } = (await res.json()) as { requests: { method: string; path: string }[] };
    return requests.filter((r) => r.method === 'DELETE' && r.path === `/api/v2/task/${taskId}`).length;
  };

  const held = (envelope: CallEnvelope) => {
    expect(envelope).toMatchObject({ ok: false, result: null, issues: [{ code: 'APPROVAL_REQUIRED' }] });
    return envelope.issues[0].approval_id as string;
  };
  const approvalGet = async (url: string, approvalId: string) =>
    callTool<ApprovalGet>(url, 'approval_get', { approval_id: approvalId });
  const executed = (url: string, approvalId: string) =>
    waitFor(
      async () => {
        const got = await approvalGet(url, approvalId);
        return got.result?.state === 'executed' && got.result;
      },
      { timeoutMs: 30_000, what: `approval ${approvalId} to be executed` },
    );
  const rows = (jobId: string) =>
    api.query<AuditRow>(
      `SELECT action, outcome, actor, tool, job_id, issue_codes, arguments FROM audit_events
        WHERE job_id = $1 ORDER BY seq`,
      [jobId],
    );

  describe('an agent’s task_delete on a server whose policy holds deletes', () => {
    let server: Server;
    beforeAll(async () => {
      server = await createServer({ mode: 'destructive' });
    });

    it('lists the delete tools as needing approval, and only them', async () => {
      const answer = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      const { result } = (await answer.json()) as {
        result: { tools: { name: string; description: string }[] };
      };
      const marked = result.tools.filter((t) => t.description.includes('Needs approval')).map((t) => t.name);
      const deletes = [...api.app.get(ToolCatalog).tools.values()]
        .filter((t) => t.method === 'delete')
        .map((t) => t.name);
      expect(marked).toContain('task_delete');
      expect(marked.sort()).toEqual(deletes.sort());
    });

    it('waits, runs once when another person approves, and the agent reads its result', async () => {
      const taskId = await newTask('Obsolete spike');
      const envelope = await callTool(server.url, 'task_delete', { task_id: taskId });
      const approvalId = held(envelope);
      expect(envelope.issues[0].approval_url).toBe(`${DASHBOARD_URL}/approvals/${approvalId}`);
      expect(envelope.issues[0].message).toContain('approval_get');
      expect(await taskExists(taskId)).toBe(true);
      expect(await deletesOf(taskId)).toBe(0);
      expect((await approvalGet(server.url, approvalId)).result).toMatchObject({
        approval_id: approvalId,
        tool: 'task_delete',
        state: 'pending',
        result: null,
      });

      const inbox = await as.alice.get<{ items: Approval[] }>('/api/v1/approvals', {
        query: { state: 'pending', server_id: server.id },
      });
      expect(inbox.body.items.map((a) => a.id)).toEqual([approvalId]);
      expect(inbox.body.items[0]).toMatchObject({
        tool: 'task_delete',
        arguments: { task_id: taskId },
        server: { id: server.id, name: 'Cleanup agent' },
        requested_by: { kind: 'server', user_id: null },
        preview: { kind: 'delete' },
        approvals_required: 1,
        can_decide: true,
      });
      const summary = await as.alice.get<{ pending: number; pending_for_me: number }>(
        '/api/v1/approvals/summary',
      );
      expect(summary.body.pending_for_me).toBeGreaterThanOrEqual(1);

      // The owner created the server and holds its URL, which made the call: not theirs to approve.
      const self = await owner.post<{ message: string }>(`/api/v1/approvals/${approvalId}/approve`, {});
      expect(self.status).toBe(403);
      expect(self.body.message).toContain('hold its URL');

      const approved = await as.alice.post<Approval>(`/api/v1/approvals/${approvalId}/approve`, {
        comment: 'Fine, it is a duplicate.',
      });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ state: 'approved', can_decide: false });

      const got = await executed(server.url, approvalId);
      expect(got.result).toMatchObject({ ok: true });
      expect(await taskExists(taskId)).toBe(false);
      expect(await deletesOf(taskId)).toBe(1);

      // Approving again changes nothing and runs nothing.
      expect((await as.bob.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).toBe(409);
      expect(await deletesOf(taskId)).toBe(1);

      // The audit chain links the request, the decision and the execution by the approval's id.
      const audited = (await rows(approvalId)).map((r) => [r.action, r.outcome]);
      expect(audited).toEqual([
        ['approval.requested', 'queued'],
        ['tools/call', 'queued'],
        ['approval.approve', 'denied'],
        ['approval.approve', 'ok'],
        ['retry_job.completed', 'ok'],
        ['approval.approve', 'error'],
      ]);
      // The audit view follows the call by that id.
      const linked = await as.audrey.get<{ items: AuditRow[] }>('/api/v1/audit-events', {
        query: { job_id: approvalId },
      });
      expect(linked.body.items.map((r) => r.action).reverse()).toEqual(audited.map(([action]) => action));
      const decisions = await api.query<{ server_id: string }>(
        `SELECT server_id FROM audit_events WHERE job_id = $1 AND action = 'approval.approve'`,
        [approvalId],
      );
      expect(decisions.map((d) => d.server_id)).toEqual([server.id, server.id, server.id]);
      const [requested] = await rows(approvalId);
      expect(requested.issue_codes).toEqual(['APPROVAL_REQUIRED']);
      expect(requested.arguments).toMatchObject({ approvals_required: 1, approvers: 'owners and admins' });
      expect(requested.arguments?.['summary']).toEqual(expect.any(String));
    });

    it('tells the team’s webhook of the new request, signed, with its page and what it would do', async () => {
      const receiver = await WebhookReceiver.start();
      try {
        const saved = await owner.put<{ secret: string }>(`/api/v1/teams/${ids['team']}/approval-webhook`, {
          url: receiver.url('/approvals'),
        });
        expect(saved.status).toBe(200);
        const taskId = await newTask('Announce me');
        const approvalId = held(await callTool(server.url, 'task_delete', { task_id: taskId }));

        const [delivered] = await receiver.waitForRequests(1, '/approvals');
        expect(delivered.headers['x-gateway-event']).toBe('approval.requested');
        const timestamp = delivered.headers['x-gateway-timestamp'] as string;
        const signature = createHmac('sha256', saved.body.secret).update(`${timestamp}.${delivered.body}`);
        expect(delivered.headers['x-gateway-signature']).toBe(`v1=${signature.digest('hex')}`);
        const body = JSON.parse(delivered.body) as {
          text: string;
          approval: { id: string; tool: string; summary: string; approval_url: string };
        };
        expect(body.approval).toMatchObject({
          id: approvalId,
          tool: 'task_delete',
          approval_url: `${DASHBOARD_URL}/approvals/${approvalId}`,
        });
        expect(body.approval.summary).toContain('Announce me');
        expect(body.text).toContain('task_delete');
        expect(await taskExists(taskId)).toBe(true);
      } finally {
        await owner.delete(`/api/v1/teams/${ids['team']}/approval-webhook`);
        await receiver.close();
      }
    });

    it('does not run a rejected call, and tells the agent why', async () => {
      const taskId = await newTask('Still needed');
      const approvalId = held(await callTool(server.url, 'task_delete', { task_id: taskId }));
      const bare = await as.alice.post<{ message: string[] }>(`/api/v1/approvals/${approvalId}/reject`, {});
      expect(bare.status).toBe(400);
      expect(String(bare.body.message)).toContain('comment is required to reject');
      expect((await as.alice.post(`/api/v1/approvals/${approvalId}/reject`, { comment: '   ' })).status).toBe(
        400,
      );

      const rejected = await as.alice.post<Approval>(`/api/v1/approvals/${approvalId}/reject`, {
        comment: 'This task is still in use.',
      });
      expect(rejected.body).toMatchObject({ state: 'rejected', comment: 'This task is still in use.' });
      expect((await approvalGet(server.url, approvalId)).result).toMatchObject({
        state: 'rejected',
        comment: 'This task is still in use.',
        decided_by: { email: 'alice@example.com' },
        result: null,
      });
      expect((await as.bob.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).toBe(409);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await taskExists(taskId)).toBe(true);
      expect((await rows(approvalId)).map((r) => r.action)).toContain('approval.reject');
    });

    it('expires an undecided request: the agent is told, and approving it then is refused', async () => {
      const taskId = await newTask('Forgotten');
      const approvalId = held(await callTool(server.url, 'task_delete', { task_id: taskId }));
      // Test setup: the request's hour is up now, and its expiry job (scheduled for then) is due.
      await api.query(`UPDATE approvals SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        approvalId,
      ]);
      expect((await approvalGet(server.url, approvalId)).result).toMatchObject({ state: 'expired' });
      expect((await as.alice.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).toBe(409);
      const queue = await api.runtime.queues.ready(JOB_QUEUES['expire-approval']);
      await (await queue.getJob(expireApprovalJobId(approvalId)))?.promote();
      await waitFor(
        async () =>
          (await api.query<{ state: string }>('SELECT state FROM approvals WHERE id = $1', [approvalId]))[0]
            ?.state === 'expired',
        { timeoutMs: 20_000, what: 'the expiry job to mark the request' },
      );
      const got = (await approvalGet(server.url, approvalId)).result;
      expect(got).toMatchObject({ state: 'expired', decided_by: null });
      expect(got?.comment).toContain('Nobody decided before it expired');
      expect((await rows(approvalId)).map((r) => [r.action, r.actor])).toContainEqual([
        'approval.expired',
        'system:approval-expiry',
      ]);
      expect(await taskExists(taskId)).toBe(true);
    });

    it('refuses approvers outside the policy, auditors, and members when the policy names nobody', async () => {
      const named = await createServer({ mode: 'destructive', approvers: { team_id: ids['reviewers'] } });
      const taskId = await newTask('Reviewed delete');
      const approvalId = held(await callTool(named.url, 'task_delete', { task_id: taskId }));
      const admin = await as.alice.post<{ message: string }>(`/api/v1/approvals/${approvalId}/approve`, {});
      expect(admin.status).toBe(403);
      expect(admin.body.message).toContain('approvers named');
      const auditor = await as.audrey.post<{ message: string }>(
        `/api/v1/approvals/${approvalId}/approve`,
        {},
      );
      expect(auditor.status).toBe(403);
      expect(auditor.body.message).toContain('one of the roles: owner, admin, member');
      // The auditor reads it, and is told why it may not decide.
      expect((await as.audrey.get<Approval>(`/api/v1/approvals/${approvalId}`)).body).toMatchObject({
        can_decide: false,
        why_not: expect.stringContaining('Auditors'),
      });
      // The reviewers' member decides; outside the default's owners and admins, members decide nothing.
      expect((await as.outsider.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).toBe(200);
      await executed(named.url, approvalId);
      expect(await taskExists(taskId)).toBe(false);

      const otherTask = await newTask('Member may not decide');
      const byDefault = held(await callTool(server.url, 'task_delete', { task_id: otherTask }));
      expect((await as.mel.post(`/api/v1/approvals/${byDefault}/approve`, {})).status).toBe(403);
      expect((await as.outsider.get(`/api/v1/approvals/${byDefault}`)).status).toBe(404);
    });

    it('keeps an approval to its own server and call: another server, other arguments, replays', async () => {
      const other = await createServer({ mode: 'destructive' });
      const taskId = await newTask('Replay target');
      const otherTaskId = await newTask('Replay other');
      const approvalId = held(await callTool(server.url, 'task_delete', { task_id: taskId }));
      // Another server's URL does not know the request at all.
      const elsewhere = await approvalGet(other.url, approvalId);
      expect(elsewhere).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      const task = await modernRpc(other.url, 'tasks/get', { taskId: approvalId });
      expect(task.error?.message).toContain('no task');
      // The same tool with other arguments is a new request, however close in time.
      const second = held(await callTool(server.url, 'task_delete', { task_id: otherTaskId }));
      expect(second).not.toBe(approvalId);
      await as.alice.post(`/api/v1/approvals/${approvalId}/approve`, {});
      await executed(server.url, approvalId);
      expect(await taskExists(taskId)).toBe(false);
      expect(await taskExists(otherTaskId)).toBe(true);
      expect((await approvalGet(server.url, second)).result?.state).toBe('pending');
    });

    it('runs the call once when two approvers decide at the same moment', async () => {
      const taskId = await newTask('Raced');
      const approvalId = held(await callTool(server.url, 'task_delete', { task_id: taskId }));
      const answers = await Promise.all([
        as.alice.post(`/api/v1/approvals/${approvalId}/approve`, {}),
        as.bob.post(`/api/v1/approvals/${approvalId}/approve`, {}),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      await executed(server.url, approvalId);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await deletesOf(taskId)).toBe(1);
      expect((await rows(approvalId)).filter((r) => r.action === 'retry_job.completed')).toHaveLength(1);
    });

    it('refuses a queued job whose call was changed after approval, and records it', async () => {
      const taskId = await newTask('Approved target');
      const victim = await newTask('Tampering victim');
      const approvalId = held(await callTool(server.url, 'task_delete', { task_id: taskId }));
      await worker.stop();
      try {
        expect((await as.alice.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).toBe(200);
        // Someone with write access to the queue store swaps the arguments of the approved job.
        const queue = api.runtime.queues.queue(QUEUE_NAMES.retries);
        const job = await queue.getJob(approvalId);
        expect(job?.data.arguments).toEqual({ task_id: taskId });
        await job?.updateData({ ...job.data, arguments: { task_id: victim } });
      } finally {
        await startWorker();
      }
      const got = await executed(server.url, approvalId);
      expect(got.result).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect(got.result?.issues[0].message).toContain('not the call that was approved');
      expect(await taskExists(victim)).toBe(true);
      expect(await taskExists(taskId)).toBe(true);
      expect(await deletesOf(victim)).toBe(0);
      const dead = (await rows(approvalId)).find((r) => r.action === 'retry_job.dead_lettered');
      expect(dead).toMatchObject({ outcome: 'error', issue_codes: ['APPROVAL_MISMATCH'] });
    });
  });

  it('needs two different people for the policy’s second-approver tools', async () => {
    const server = await createServer({ mode: 'destructive', second_approver_tools: ['task_delete'] });
    const taskId = await newTask('Two keys');
    const approvalId = held(await callTool(server.url, 'task_delete', { task_id: taskId }));
    const first = await as.alice.post<Approval>(`/api/v1/approvals/${approvalId}/approve`, { comment: 'ok' });
    expect(first.body).toMatchObject({
      state: 'pending',
      approvals_required: 2,
      decisions: [{ email: 'alice@example.com' }],
    });
    const again = await as.alice.post<{ message: string }>(`/api/v1/approvals/${approvalId}/approve`, {});
    expect(again.status).toBe(403);
    expect(again.body.message).toContain('someone else');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await taskExists(taskId)).toBe(true);
    const second = await as.bob.post<Approval>(`/api/v1/approvals/${approvalId}/approve`, {});
    expect(second.body).toMatchObject({ state: 'approved' });
    await executed(server.url, approvalId);
    expect(await taskExists(taskId)).toBe(false);
  });

  describe('at a sign-in URL', () => {
    let server: Server;
    const url = () => `${api.baseUrl}/mcp/servers/${server.id}`;
    const bearer = (userId: string) => ({
      authorization: `Bearer ${tokens.mint({ userId, resource: url(), clientId: CLIENT_ID })}`,
    });

    beforeAll(async () => {
      server = await createServer(
        { mode: 'tools', tools: ['task_delete'], approvers: { user_ids: [ids['mel'], ids['alice']] } },
        { access_mode: 'sign_in' },
      );
    });

    it('never lets the person who asked approve their own call, and their request is theirs alone', async () => {
      const taskId = await newTask('Mel’s call');
      const approvalId = held(await callTool(url(), 'task_delete', { task_id: taskId }, bearer(ids['mel'])));
      const own = await as.mel.get<Approval>(`/api/v1/approvals/${approvalId}`);
      expect(own.body).toMatchObject({
        requested_by: { kind: 'person', user_id: ids['mel'], email: 'mel@example.com' },
        can_decide: false,
        why_not: expect.stringContaining('You made this call'),
      });
      expect((await as.mel.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).toBe(403);
      // Another person at the same URL does not see Mel’s request.
      const alices = await callTool(url(), 'approval_get', { approval_id: approvalId }, bearer(ids['alice']));
      expect(alices).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });

      expect((await as.alice.post(`/api/v1/approvals/${approvalId}/approve`, {})).status).toBe(200);
      await waitFor(
        async () =>
          (
            await callTool<ApprovalGet>(
              url(),
              'approval_get',
              { approval_id: approvalId },
              bearer(ids['mel']),
            )
          ).result?.state === 'executed',
        { timeoutMs: 30_000, what: 'Mel’s approved call to run' },
      );
      expect(await taskExists(taskId)).toBe(false);
    });
  });

  describe('for a 2026-07-28 client that takes tasks', () => {
    let server: Server;
    beforeAll(async () => {
      server = await createServer({ mode: 'destructive' });
    });

    it('is a task that waits for the person, then follows the call to its result under the same id', async () => {
      const taskId = await newTask('Task-flow delete');
      const created = await modernRpc(server.url, 'tools/call', {
        name: 'task_delete',
        arguments: { task_id: taskId },
      });
      const task = created.result as unknown as Task & { resultType: string };
      expect(task).toMatchObject({ resultType: 'task', status: 'working', pollIntervalMs: 1000 });
      expect(task.statusMessage).toContain(`${DASHBOARD_URL}/approvals/${task.taskId}`);
      const waiting = (await modernRpc(server.url, 'tasks/get', { taskId: task.taskId }))
        .result as unknown as Task;
      expect(waiting.status).toBe('working');
      expect(await taskExists(taskId)).toBe(true);

      expect((await as.alice.post(`/api/v1/approvals/${task.taskId}/approve`, {})).status).toBe(200);
      const done = await waitFor(
        async () => {
          const got = (await modernRpc(server.url, 'tasks/get', { taskId: task.taskId }))
            .result as unknown as Task;
          return got.status === 'completed' && got;
        },
        { timeoutMs: 30_000, what: 'the task to complete' },
      );
      expect(done.result).toMatchObject({ isError: false, structuredContent: { ok: true } });
      expect(await taskExists(taskId)).toBe(false);
    });

    it('ends rejected with the approver’s comment, and tasks/cancel withdraws a pending request', async () => {
      const kept = await newTask('Rejected in a task');
      const created = await modernRpc(server.url, 'tools/call', {
        name: 'task_delete',
        arguments: { task_id: kept },
      });
      const rejectedId = (created.result as unknown as Task).taskId;
      await as.alice.post(`/api/v1/approvals/${rejectedId}/reject`, { comment: 'Keep it for the audit.' });
      const rejected = (await modernRpc(server.url, 'tasks/get', { taskId: rejectedId }))
        .result as unknown as Task;
      expect(rejected.status).toBe('completed');
      expect(rejected.result?.isError).toBe(true);
      expect(rejected.result?.structuredContent.issues[0]).toMatchObject({ code: 'APPROVAL_REJECTED' });
      expect(rejected.result?.structuredContent.issues[0].message).toContain('Keep it for the audit.');

      const withdrawnTask = await newTask('Withdrawn in a task');
      const again = await modernRpc(server.url, 'tools/call', {
        name: 'task_delete',
        arguments: { task_id: withdrawnTask },
      });
      const withdrawnId = (again.result as unknown as Task).taskId;
      const cancel = await modernRpc(server.url, 'tasks/cancel', { taskId: withdrawnId });
      expect(cancel.error).toBeUndefined();
      const after = await as.alice.get<Approval>(`/api/v1/approvals/${withdrawnId}`);
      expect(after.body).toMatchObject({ state: 'rejected', can_decide: false });
      expect(after.body.comment).toContain('Withdrawn');
      expect((await as.alice.post(`/api/v1/approvals/${withdrawnId}/approve`, {})).status).toBe(409);
      expect(await taskExists(withdrawnTask)).toBe(true);
    });
  });

  it('lists with filters and pages with a cursor', async () => {
    const server = await createServer({ mode: 'tools', tools: ['task_update'] });
    const made: string[] = [];
    for (const name of ['Page one', 'Page two', 'Page three']) {
      const taskId = await newTask(name);
      made.push(held(await callTool(server.url, 'task_update', { task_id: taskId, name: `${name}!` })));
    }
    const first = await owner.get<{ items: Approval[]; next_cursor: string | null }>('/api/v1/approvals', {
      query: { server_id: server.id, tool: 'task_update', limit: '2' },
    });
    expect(first.body.items.map((a) => a.id)).toEqual([made[2], made[1]]);
    const second = await owner.get<{ items: Approval[]; next_cursor: string | null }>('/api/v1/approvals', {
      query: { server_id: server.id, limit: '2', cursor: first.body.next_cursor as string },
    });
    expect(second.body).toMatchObject({ items: [{ id: made[0] }], next_cursor: null });
    expect((await owner.get('/api/v1/approvals', { query: { state: 'waiting' } })).status).toBe(400);
    expect((await owner.get('/api/v1/approvals', { query: { cursor: 'nonsense' } })).status).toBe(400);
    expect((await owner.get('/api/v1/approvals/not-an-id')).status).toBe(404);
    const team = await as.mel.get<{ items: Approval[] }>('/api/v1/approvals', {
      query: { server_id: server.id },
    });
    expect(team.body.items).toHaveLength(3);
  });
});
