import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { REPO_ROOT, waitFor } from '@gw/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { allEvents } from '../audit/support';
import { rawPost } from '../support/mcp';
import { modernHeaders, modernMeta } from '../support/mcp-2026';
import {
  FAST_RETRIES,
  OWNER_TOKEN,
  RetryStack,
  SPRINT_42,
  queuedIssue,
  type CallEnvelope,
} from '../retry/support';

const TASKS = 'io.modelcontextprotocol/tasks';
/** The extension's acknowledgement: no task fields, the server named in `_meta` as in every 2026-07-28 result. */
const ACK = { resultType: 'complete', _meta: { 'io.modelcontextprotocol/serverInfo': expect.any(Object) } };

interface Task {
  resultType: string;
  taskId: string;
  status: 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number | null;
  pollIntervalMs?: number;
  result?: {
    resultType: string;
    content: { type: string; text: string }[];
    structuredContent: CallEnvelope;
    isError: boolean;
  };
}

type Answer<T> =
  | { result: T; error?: undefined }
  | { result?: undefined; error: { code: number; message: string; data?: unknown } };

/**
 * A 2026-07-28 client as it sends requests on the wire (the SDK clients leave the tasks extension to
 * `@modelcontextprotocol/ext-tasks`): protocol version, client info and capabilities in each request's `_meta`, the
 * routing headers beside them, and the tasks extension declared or not.
 */
class ModernClient {
  private id = 0;

  constructor(
    readonly url: string,
    private readonly tasks: boolean,
  ) {}

  async request<T>(method: string, params: Record<string, unknown> = {}): Promise<Answer<T>> {
    const name =
      method === 'tools/call' ? params['name'] : method.startsWith('tasks/') ? params['taskId'] : undefined;
    const capabilities = this.tasks ? { extensions: { [TASKS]: {} } } : {};
    const res = await rawPost(
      this.url,
      {
        jsonrpc: '2.0',
        id: ++this.id,
        method,
        params: {
          ...params,
          _meta: modernMeta({
            'io.modelcontextprotocol/clientInfo': { name: 'tasks-e2e', version: '1.0.0' },
            'io.modelcontextprotocol/clientCapabilities': capabilities,
          }),
        },
      },
      modernHeaders(method, typeof name === 'string' ? name : undefined),
    );
    if (!res.body) throw new Error(`${method}: HTTP ${res.status} without a body`);
    return res.body as unknown as Answer<T>;
  }

  async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const answer = await this.request<T>(method, params);
    if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
    return answer.result as T;
  }

  /** Polls tasks/get as the extension asks (at the task's pollIntervalMs) until `done` holds. */
  async until(taskId: string, done: (task: Task) => boolean, timeoutMs = 60_000): Promise<Task[]> {
    const seen: Task[] = [];
    await waitFor(
      async () => {
        const task = await this.call<Task>('tasks/get', { taskId });
        seen.push(task);
        if (done(task)) return true;
        await new Promise((r) => setTimeout(r, Math.min(task.pollIntervalMs ?? 1000, 2000)));
        return false;
      },
      { timeoutMs, intervalMs: 0, what: `task ${taskId}` },
    );
    return seen;
  }
}

/** What the reference requester saw (test/mcp/ext-tasks-requester.mjs). */
interface RequesterRun {
  kind?: 'task' | 'immediate';
  taskId?: string | null;
  statuses?: string[];
  status?: 'completed' | 'failed' | 'cancelled';
  result?: { structuredContent?: CallEnvelope; isError?: boolean } | null;
  thrown?: string;
}

/** Runs `@modelcontextprotocol/ext-tasks` (ESM only) in a child process: one tool call, followed to its end. */
async function requester(
  url: string,
  mode: 'settle' | 'cancel',
  tool: string,
  args: object,
): Promise<RequesterRun> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(REPO_ROOT, 'test/mcp/ext-tasks-requester.mjs'), url, mode, tool, JSON.stringify(args)],
    { cwd: REPO_ROOT, timeout: 90_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as RequesterRun;
}

/**
 * Issue 14 §3 with real processes: a write that ClickUp keeps failing (503) or limiting (429) past the call's budget
 * becomes a durable BullMQ job; a client that declares the tasks extension gets it as a task, follows and cancels it,
 * and only through the MCP URL that created it. A client that does not declare it keeps today's envelope.
 */
describe.each(['postgres+redis', 'embedded'] as const)('queued writes as MCP tasks (%s)', (mode) => {
  const env = new RetryStack(mode, FAST_RETRIES);
  let legacy: Client;
  let a: ModernClient;
  let b: ModernClient;
  let plain: ModernClient;
  let serverA: string;
  let urlA: string;

  beforeAll(async () => {
    await env.start();
    const first = await env.server('tasks server A');
    const second = await env.server('tasks server B');
    ({ client: legacy, id: serverA, url: urlA } = first);
    a = new ModernClient(first.url, true);
    plain = new ModernClient(first.url, false);
    b = new ModernClient(second.url, true);
  }, 180_000);
  // A test that fails part-way leaves no fault behind for the next one.
  afterEach(() => env.sandbox('DELETE', '/_sandbox/faults'));
  afterAll(async () => {
    await legacy?.close();
    await env.stop();
  }, 60_000);

  const createTask = (client: ModernClient, name: string) =>
    client.request<Task | { content: unknown[]; structuredContent: CallEnvelope }>('tools/call', {
      name: 'task_create',
      arguments: { list_id: SPRINT_42, name },
    });

  async function posts(name: string, since: number) {
    return (await env.requests(since)).filter(
      (r) =>
        r.method === 'POST' && /\/list\/\d+\/task$/.test(r.path) && JSON.stringify(r.body).includes(name),
    );
  }

  it('answers a write ClickUp keeps failing with a task, which completes with the result, the write made once', async () => {
    const name = `Task via tasks ${mode} ${Date.now()}`;
    const since = (await env.requests()).at(-1)?.seq ?? 0;
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 3 });

    const created = await createTask(a, name);
    const task = created.result as Task;
    expect(task).toMatchObject({
      resultType: 'task',
      status: 'working',
      taskId: expect.any(String),
      ttlMs: null,
    });
    expect(task.taskId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(task.createdAt)).toBeLessThanOrEqual(Date.now());
    expect(task).not.toHaveProperty('result');

    const seen = await a.until(task.taskId, (t) => t.status !== 'working');
    expect(seen[0]).toMatchObject({ resultType: 'complete', taskId: task.taskId, status: 'working' });
    const done = seen.at(-1) as Task;
    expect(done.status).toBe('completed');
    expect(done.ttlMs).toBeGreaterThan(6 * 86_400_000);
    expect(done.result?.resultType).toBe('complete');
    expect(done.result?.isError).toBe(false);
    expect(done.result?.structuredContent).toMatchObject({ ok: true, result: { name } });
    expect(JSON.parse(done.result?.content[0].text ?? '{}')).toEqual(done.result?.structuredContent);

    // Once in ClickUp, though the create went out three times (two refused with 503).
    const made = await env.tasksNamed(name);
    expect(made).toHaveLength(1);
    expect((await posts(name, since)).filter((r) => r.status === 200)).toHaveLength(1);
    // The same job as the dashboard shows it.
    expect(await env.job(task.taskId)).toMatchObject({
      state: 'completed',
      server_id: serverA,
      tool: 'task_create',
    });
    expect((await env.job(task.taskId)).result).toEqual(done.result?.structuredContent);
    // Done tasks stay readable, and cancelling one is acknowledged and changes nothing.
    expect(await a.call('tasks/cancel', { taskId: task.taskId })).toEqual(ACK);
    expect(await a.call<Task>('tasks/get', { taskId: task.taskId })).toMatchObject({ status: 'completed' });

    // Every request is in the audit log: the call as queued with its job, each tasks/* naming the job and tool.
    const rows = await allEvents(env.stack, { server_id: serverA });
    const call = rows.find((r) => r.action === 'tools/call' && r.job_id === task.taskId);
    expect(call).toMatchObject({ outcome: 'queued', tool: 'task_create', client_name: 'tasks-e2e' });
    const gets = rows.filter((r) => r.action === 'tasks/get' && r.job_id === task.taskId);
    expect(gets.length).toBe(seen.length + 1);
    expect(gets[0]).toMatchObject({
      outcome: 'ok',
      tool: 'task_create',
      arguments: { task_id: task.taskId },
    });
    expect(rows.find((r) => r.action === 'tasks/cancel' && r.job_id === task.taskId)).toMatchObject({
      arguments: { task_id: task.taskId, cancel: 'finished' },
    });
  });

  it('shows a task only through the MCP URL that created it, as if it did not exist', async () => {
    const name = `Hidden task ${mode} ${Date.now()}`;
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 2 });
    const task = (await createTask(a, name)).result as Task;
    expect(task.resultType).toBe('task');

    for (const method of ['tasks/get', 'tasks/cancel']) {
      const other = await b.request(method, { taskId: task.taskId });
      expect(other.error).toMatchObject({ code: -32602 });
      expect(other.error?.message).toContain('no task');
    }
    expect(await b.request('tasks/update', { taskId: task.taskId, inputResponses: {} })).toMatchObject({
      error: { code: -32602 },
    });
    const unknown = await b.request('tasks/get', { taskId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.error?.code).toBe(-32602);
    // The other URL's cancel did nothing: the call carries on and completes for its own URL.
    const seen = await a.until(task.taskId, (t) => t.status !== 'working');
    expect(seen.at(-1)?.status).toBe('completed');
    expect(await env.tasksNamed(name)).toHaveLength(1);
  });

  it('works with the reference Tasks requester over the SDK v2 client', async () => {
    const name = `Task via ext-tasks ${mode} ${Date.now()}`;
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 3 });
    const run = await requester(urlA, 'settle', 'task_create', { list_id: SPRINT_42, name });
    expect(run.thrown).toBeUndefined();
    expect(run).toMatchObject({ kind: 'task', status: 'completed' });
    expect(run.result?.structuredContent).toMatchObject({ ok: true, result: { name } });
    expect(await env.tasksNamed(name)).toHaveLength(1);
  });

  const WINDOW_MS = 10_000;

  /**
   * ClickUp allows the token one request per window (10 s), taken here: the next calls are answered 429 and queued.
   * A window must outlast what `work` does before its cancel lands, or the queued call runs first.
   */
  async function oneRequestPerWindow(work: () => Promise<void>, windowMs = WINDOW_MS): Promise<void> {
    await env.sandbox('PUT', '/_sandbox/rate-limit', { per_minute: 1, window_ms: windowMs });
    try {
      await env.read('/team', OWNER_TOKEN);
      await work();
    } finally {
      // Short windows still: the gateway's budget learns the new limit only from the next window's first answer.
      await env.sandbox('PUT', '/_sandbox/rate-limit', { per_minute: 100, window_ms: windowMs });
    }
  }

  it('keeps the old envelope for clients without the extension, and refuses them tasks/*', async () => {
    let jobId = '';
    await oneRequestPerWindow(async () => {
      const envelope = await env.call(legacy, 'task_create', {
        list_id: SPRINT_42,
        name: `Legacy ${mode} ${Date.now()}`,
      });
      expect(queuedIssue(envelope)).toMatchObject({ code: 'RATE_LIMIT' });
      expect(envelope.issues[0].message).toContain('retry_job_get');

      const modern = await createTask(plain, `Modern without tasks ${mode} ${Date.now()}`);
      const result = modern.result as { structuredContent: CallEnvelope; resultType?: string };
      expect(result).not.toHaveProperty('taskId');
      expect(result.resultType).not.toBe('task');
      jobId = queuedIssue(result.structuredContent).job_id;

      const listen = await plain.request('subscriptions/listen', { notifications: { taskIds: [jobId] } });
      expect(listen.error?.code).toBe(-32021);
      for (const method of ['tasks/get', 'tasks/update', 'tasks/cancel']) {
        const refused = await plain.request(method, { taskId: jobId, inputResponses: {} });
        expect(refused.error).toMatchObject({
          code: -32021,
          data: { requiredCapabilities: { extensions: { [TASKS]: {} } } },
        });
      }
    });
    // Its job is a task all the same for a request that declares the extension, on the same URL.
    const seen = await a.until(jobId, (t) => t.status !== 'working', 90_000);
    expect(seen.at(-1)).toMatchObject({ status: 'completed', result: { structuredContent: { ok: true } } });
  }, 150_000);

  it('cancels a queued write before it reaches ClickUp, and the dashboard shows it cancelled', async () => {
    const name = `Cancelled task ${mode} ${Date.now()}`;
    let taskId = '';
    let since = 0;
    await oneRequestPerWindow(async () => {
      since = (await env.requests()).at(-1)?.seq ?? 0;
      const task = (await createTask(a, name)).result as Task;
      expect(task).toMatchObject({ resultType: 'task', status: 'working' });
      taskId = task.taskId;
      expect(await a.call('tasks/cancel', { taskId })).toEqual(ACK);
      const seen = await a.until(taskId, (t) => t.status !== 'working', 45_000);
      expect(seen.at(-1)).toMatchObject({ status: 'cancelled', resultType: 'complete' });
      expect(seen.at(-1)).not.toHaveProperty('result');
    });

    // Past the window the create is still never sent (only refused), and no task of that name exists.
    await new Promise((r) => setTimeout(r, WINDOW_MS + 1000));
    expect((await posts(name, since)).filter((r) => r.status !== 429)).toEqual([]);
    expect(await env.tasksNamed(name)).toEqual([]);
    const job = await env.job(taskId);
    expect(job).toMatchObject({ state: 'cancelled', tool: 'task_create' });
    expect(job.last_error).toMatch(/^Cancelled/);
    const listed = await env.stack.rest<{ items: { id: string }[] }>('GET', '/retry-jobs?state=cancelled');
    expect(listed.body.items.map((j) => j.id)).toContain(taskId);
    const failed = await env.stack.rest<{ items: { id: string }[] }>('GET', '/retry-jobs?state=failed');
    expect(failed.body.items.map((j) => j.id)).not.toContain(taskId);
    // A cancelled job is not retried by an admin by mistake.
    expect((await env.stack.rest('POST', `/retry-jobs/${taskId}/retry`)).status).toBe(409);

    const rows = await allEvents(env.stack, { server_id: serverA });
    expect(rows.find((r) => r.action === 'tasks/cancel' && r.job_id === taskId)?.arguments).toMatchObject({
      cancel: expect.stringMatching(/^(cancelled|requested)$/),
    });
    expect(rows.find((r) => r.action === 'retry_job.cancelled' && r.job_id === taskId)).toMatchObject({
      tool: 'task_create',
    });
  }, 120_000);

  it('is cancelled by the reference Tasks requester before it reaches ClickUp', async () => {
    const name = `Cancelled via ext-tasks ${mode} ${Date.now()}`;
    let run: RequesterRun = {};
    // The requester is a process of its own, slow to start on a busy machine: a window of 20 s.
    await oneRequestPerWindow(async () => {
      run = await requester(urlA, 'cancel', 'task_create', { list_id: SPRINT_42, name });
    }, 20_000);
    expect(run.thrown).toBeUndefined();
    expect(run).toMatchObject({ kind: 'task', status: 'cancelled' });
    // The requester stops following at its cancel; the gateway ends the job before its next request to ClickUp.
    await waitFor(async () => (await env.job(run.taskId as string)).state === 'cancelled', {
      timeoutMs: 45_000,
      what: 'the job to end as cancelled',
    });
    expect(await env.tasksNamed(name)).toEqual([]);
  }, 120_000);
});
