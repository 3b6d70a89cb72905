import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { waitFor } from '@gw/testing';
import { allEvents } from '../audit/support';
import { connectClient } from '../support/mcp';
import { ACME, FAST_RETRIES, OWNER_TOKEN, RetryStack, SPRINT_42, type CallEnvelope } from './support';

/** A write that reached ClickUp and then failed is checked upstream before it is sent again: never twice. */
describe.each(['postgres+redis', 'embedded'] as const)('no duplicates under faults (%s)', (mode) => {
  const env = new RetryStack(mode, FAST_RETRIES);
  let client: Client;
  let server: { id: string; url: string };

  beforeAll(async () => {
    await env.start();
    ({ client, ...server } = await env.server());
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await env.stop();
  }, 60_000);

  /** The call's outcome: its own envelope if it finished within the budget, else its job's. */
  async function outcome<T>(envelope: CallEnvelope<T>): Promise<CallEnvelope<T>> {
    const jobId = envelope.issues[0]?.job_id;
    if (envelope.ok || !jobId) return envelope;
    return (await env.settled(jobId)).result as CallEnvelope<T>;
  }

  async function sent(method: string, pattern: RegExp, since: number) {
    return (await env.requests(since)).filter((r) => r.method === method && pattern.test(r.path));
  }

  it.each([
    ['a 500 after the task was created', { status: 500, after_commit: true }],
    ['a reset connection after the task was created', { reset_connection: true, after_commit: true }],
  ])('creates a task once despite %s', async (_label, fault) => {
    const name = `Dedup task ${mode} ${Date.now()}`;
    const before = (await env.requests()).at(-1)?.seq ?? 0;
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', count: 1, ...fault });
    const result = await outcome(
      await env.call<{ id: string; name: string }>(client, 'task_create', { list_id: SPRINT_42, name }),
    );
    expect(result.ok).toBe(true);
    expect(result.result?.name).toBe(name);
    const tasks = await env.tasksNamed(name);
    expect(tasks).toHaveLength(1);
    expect(result.result?.id).toBe(tasks[0].id);
    // The create went out once: the retry looked for it instead of sending it again.
    expect(await sent('POST', /^\/api\/v2\/list\/\d+\/task$/, before)).toHaveLength(1);
  });

  it('posts a comment once despite a 502 after it was posted', async () => {
    const task = (await env.read<{ tasks: { id: string }[] }>(`/list/${SPRINT_42}/task`)).tasks[0].id;
    const text = `Dedup comment ${mode} ${Date.now()}`;
    const before = (await env.requests()).at(-1)?.seq ?? 0;
    await env.fault({
      method: 'POST',
      path: `/api/v2/task/${task}/comment`,
      status: 502,
      after_commit: true,
    });
    const result = await outcome(await env.call(client, 'comment_create', { task_id: task, text }));
    expect(result.ok).toBe(true);
    const comments = await env.read<{ comments: { comment_text: string }[] }>(`/task/${task}/comment`);
    expect(comments.comments.filter((c) => c.comment_text === text)).toHaveLength(1);
    expect(await sent('POST', /\/comment$/, before)).toHaveLength(1);
  });

  it('logs a time entry once despite a 503 after it was logged', async () => {
    const task = (await env.read<{ tasks: { id: string }[] }>(`/list/${SPRINT_42}/task`)).tasks[0].id;
    const start = Date.now() - 3 * 3600_000 - Math.floor(Math.random() * 1000_000);
    const description = `Dedup time ${mode} ${start}`;
    const before = (await env.requests()).at(-1)?.seq ?? 0;
    await env.fault({
      method: 'POST',
      path: `/api/v2/team/${ACME}/time_entries`,
      status: 503,
      after_commit: true,
    });
    const result = await outcome(
      await env.call(client, 'time_entry_create', {
        task_id: task,
        start,
        duration_ms: 1_800_000,
        description,
      }),
    );
    expect(result.ok).toBe(true);
    // Time entries are their user's own: read them as the owner (no rate limit is tight here).
    const entries = await env.read<{ data: { description: string }[] }>(
      `/team/${ACME}/time_entries?start_date=${start - 1000}&end_date=${start + 3_600_000}`,
      OWNER_TOKEN,
    );
    expect(entries.data.filter((e) => e.description === description)).toHaveLength(1);
    expect(await sent('POST', /\/time_entries$/, before)).toHaveLength(1);
  });

  it('sends an update again after a 500 that left it unapplied, and reports the outcome', async () => {
    const task = (await env.read<{ tasks: { id: string }[] }>(`/list/${SPRINT_42}/task`)).tasks[1].id;
    const name = `Renamed ${mode} ${Date.now()}`;
    await env.fault({ method: 'PUT', path: `/api/v2/task/${task}`, status: 500, count: 2 });
    const first = await env.call(client, 'task_update', { task_id: task, name });
    const result = await outcome(first);
    expect(result.ok).toBe(true);
    await waitFor(async () => (await env.read<{ name: string }>(`/task/${task}`)).name === name);
  });

  it("replays a queued write without reading its list again: the api's check travels with the job", async () => {
    const incomingBugs = '901400000002';
    expect((await env.read<{ name: string }>(`/list/${incomingBugs}`)).name).toBe('Incoming Bugs');
    const bug = (await env.read<{ tasks: { id: string }[] }>(`/list/${incomingBugs}/task`)).tasks[0].id;
    const before = (await env.requests()).at(-1)?.seq ?? 0;

    // Reading a task of the list tells the api the list is in the workspace; the worker has never seen it.
    expect((await env.call(client, 'task_get', { task_id: bug })).ok).toBe(true);
    const name = `Known list ${mode} ${Date.now()}`;
    await env.fault({ method: 'POST', path: `/api/v2/list/${incomingBugs}/task`, status: 503, count: 1 });
    const answer = await env.call<{ name: string }>(client, 'task_create', { list_id: incomingBugs, name });
    expect((await outcome(answer)).result?.name).toBe(name);
    // The worker made the write (whether the call waited for its job or answered `queued`).
    const call = await waitFor(async () =>
      (await allEvents(env.stack, { server_id: server.id })).find(
        (e) => e.action === 'tools/call' && JSON.stringify(e.arguments).includes(name),
      ),
    );
    expect(call.job_id).toEqual(expect.any(String));

    const requests = await env.requests(before);
    expect(requests.filter((r) => r.path === `/api/v2/list/${incomingBugs}`)).toEqual([]);
    expect(requests.filter((r) => r.path === `/api/v2/team/${ACME}/space`)).toEqual([]);
    expect(await env.tasksNamed(name, incomingBugs)).toHaveLength(1);
  });

  it('records the queued call and its outcome in the audit log under one job id', async () => {
    const name = `Audited ${mode} ${Date.now()}`;
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 500, after_commit: true });
    const answer = await env.call(client, 'task_create', { list_id: SPRINT_42, name });
    const jobId = answer.issues[0]?.job_id ?? null;
    await outcome(answer);
    const rows = await waitFor(async () => {
      const events = (await allEvents(env.stack, { server_id: server.id })).filter((e) => e.job_id !== null);
      const mine = events.filter((e) => JSON.stringify(e.arguments).includes(name) || e.job_id === jobId);
      const call = mine.find((e) => e.action === 'tools/call');
      const done = call && events.find((e) => e.action === 'retry_job.completed' && e.job_id === call.job_id);
      return call && done ? { call, done } : undefined;
    });
    expect(rows.call.tool).toBe('task_create');
    expect(['queued', 'ok']).toContain(rows.call.outcome);
    expect(rows.done).toMatchObject({ outcome: 'ok', tool: 'task_create', actor: `mcp:${server.id}` });
  });

  it.each([
    ['Streamable HTTP', false],
    ['HTTP+SSE', true],
  ])('tells a %s client that asked for progress what its call waits for', async (_label, legacySse) => {
    const agent = await connectClient(server.url, { legacySse });
    try {
      const name = `Progress ${mode} ${legacySse} ${Date.now()}`;
      await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 1 });
      const progress: Progress[] = [];
      const result = await agent.callTool(
        { name: 'task_create', arguments: { list_id: SPRINT_42, name } },
        CallToolResultSchema,
        { onprogress: (p) => progress.push(p), resetTimeoutOnProgress: true },
      );
      const envelope = result.structuredContent as unknown as CallEnvelope;
      expect((await outcome(envelope)).ok).toBe(true);
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.map((p) => p.message).join('\n')).toMatch(/ClickUp failed \(503\).*job/);
      for (let i = 1; i < progress.length; i++)
        expect(progress[i].progress).toBeGreaterThan(progress[i - 1].progress);
      expect(await env.tasksNamed(name)).toHaveLength(1);
    } finally {
      await agent.close();
    }
  });
});
