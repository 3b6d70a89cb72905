import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { AppProcess, freePort, waitFor } from '@gw/testing';
import { allEvents } from '../audit/support';
import {
  ACME,
  FAST_RETRIES,
  RetryStack,
  SPRINT_42,
  type CallEnvelope,
  type RetryJob,
  type SandboxRequest,
} from '../retry/support';
import { connectClient, createServer, rawPost, type ProvisionedServer } from '../support/mcp';
import { ADMIN } from '../support/stack';

interface Pause {
  id: string;
  queued: string;
  resumed_at: string | null;
}
interface Sample {
  process: 'a' | 'b';
  server: 'paused' | 'free';
  sentAt: number;
  refused: boolean;
}

const MODES = ['postgres+redis', 'embedded'] as const;
const CALLS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The kill switch as an admin uses it in an incident: a team's agents are paused through the REST API of one api
 * process, and every process refuses their calls within a second while other agents go on; the calls they had
 * queued (ClickUp was failing them) hold while the pause lasts, then run exactly once each when it is lifted, or
 * are discarded. PostgreSQL + Redis runs two api processes and a worker; the embedded default one api and a worker.
 */
describe.each(MODES)('the kill switch (%s)', (mode) => {
  const env = new RetryStack(mode, {
    ...FAST_RETRIES,
    RETRY_CALL_BUDGET_MS: '2000',
    RETRY_MAX_ATTEMPTS: '50',
  });
  let second: AppProcess | undefined;
  const bases: Partial<Record<'a' | 'b', string>> = {};
  let teamId: string;
  let paused: ProvisionedServer;
  let free: ProvisionedServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    await env.start();
    bases.a = env.stack.baseUrl;
    if (mode === 'postgres+redis') {
      const port = await freePort();
      second = AppProcess.start('api', { ...env.stack.env(), PORT: String(port) });
      await second.waitForLine(/^api listening on/);
      bases.b = `http://127.0.0.1:${port}`;
    }
    teamId = (await env.stack.rest<{ id: string }>('POST', '/teams', { name: 'Support agents' })).body.id;
    paused = await createServer(env.stack, env.connectionId, {
      name: 'support agent',
      workspace_id: ACME,
      team_id: teamId,
    });
    free = await createServer(env.stack, env.connectionId, { name: 'other agent', workspace_id: ACME });
    for (const base of Object.values(bases)) clients.push(await connectClient(urlOn(base, paused)));
    // A limit the test never reaches, so queued calls never wait for ClickUp's rate limit.
    await env.sandbox('PUT', '/_sandbox/rate-limit', { per_minute: 100_000 });
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await second?.stop();
    await env.stop();
  }, 60_000);

  const urlOn = (base: string, server: ProvisionedServer) => `${base}/mcp/${server.token}`;

  /** A test that fails part-way leaves no pause behind for the next. */
  afterEach(async () => {
    const active = await rest<{ items: Pause[] }>(bases.a as string, 'GET', '/pauses?active=true');
    for (const pause of active.body.items) await resume(pause, 'resume', bases.a);
    // The other process sees the resume within a poll.
    if (active.body.items.length > 0) await sleep(1200);
  });

  /** A REST call to one api process as the bootstrap owner's token. */
  async function rest<T>(base: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN.apiToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  const pauseTeam = async (reason: string) => {
    const res = await rest<Pause>(bases.a as string, 'POST', '/pauses', {
      scope: 'team',
      id: teamId,
      reason,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const resume = async (pause: Pause, queued: 'resume' | 'discard', base = bases.b ?? bases.a) => {
    const res = await rest<Pause>(base as string, 'DELETE', `/pauses/${pause.id}`, {
      reason: 'fixed',
      queued,
    });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('stops the team’s calls on every api process within a second of a pause through one, and resumes them alike', async () => {
    const samples: Sample[] = [];
    let running = true;
    // A read that never reaches ClickUp: a paused call answers FORBIDDEN, any other NOT_FOUND.
    const probe = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'retry_job_get', arguments: { job_id: 'none' } },
    };
    const hammer = async (process: 'a' | 'b', server: 'paused' | 'free') => {
      const url = urlOn(bases[process] as string, server === 'paused' ? paused : free);
      while (running) {
        const sentAt = Date.now();
        const { body } = await rawPost(url, probe);
        const envelope = (body?.['result'] as { structuredContent: CallEnvelope }).structuredContent;
        samples.push({ process, server, sentAt, refused: envelope.issues[0]?.code === 'FORBIDDEN' });
        await sleep(10);
      }
    };
    const processes = Object.keys(bases) as ('a' | 'b')[];
    const loops = processes.flatMap((p) => [hammer(p, 'paused'), hammer(p, 'paused'), hammer(p, 'free')]);
    await sleep(1000);
    const pause = await pauseTeam('an agent deletes tasks');
    const pausedAt = Date.now();
    await sleep(2500);
    const resumeSentAt = Date.now();
    await resume(pause, 'resume');
    const resumedAt = Date.now();
    await sleep(2500);
    running = false;
    await Promise.all(loops);

    const of = (process: 'a' | 'b', server: 'paused' | 'free') =>
      samples.filter((s) => s.process === process && s.server === server);
    expect(samples.filter((s) => s.server === 'free' && s.refused)).toEqual([]);
    for (const process of processes) {
      const calls = of(process, 'paused');
      expect(calls.filter((s) => s.sentAt < pausedAt - 1000 && s.refused)).toEqual([]);
      // The last call served after the pause, and the last refused after the resume, per process.
      const lastServed = Math.max(
        0,
        ...calls
          .filter((s) => s.sentAt >= pausedAt && s.sentAt < resumeSentAt && !s.refused)
          .map((s) => s.sentAt - pausedAt),
      );
      const lastRefused = Math.max(
        0,
        ...calls.filter((s) => s.sentAt >= resumedAt && s.refused).map((s) => s.sentAt - resumedAt),
      );
      console.log(
        `kill switch (${mode}) process ${process}: served until +${lastServed} ms, refused until +${lastRefused} ms after the resume`,
      );
      expect(lastServed).toBeLessThan(1000);
      expect(lastRefused).toBeLessThan(1000);
      expect(
        calls.filter((s) => s.sentAt >= pausedAt + 1000 && s.sentAt < resumeSentAt).every((s) => s.refused),
      ).toBe(true);
      expect(calls.filter((s) => s.sentAt >= resumedAt + 1000).some((s) => s.refused)).toBe(false);
      expect(
        calls.filter((s) => s.sentAt >= pausedAt + 1000 && s.sentAt < resumeSentAt).length,
      ).toBeGreaterThan(5);
    }
    // The process that paused refused from its answer on; the one that resumed served from its answer on.
    expect(
      of('a', 'paused').filter((s) => s.sentAt >= pausedAt && s.sentAt < resumeSentAt && !s.refused),
    ).toEqual([]);
    const resumer = bases.b ? 'b' : 'a';
    expect(of(resumer, 'paused').filter((s) => s.sentAt >= resumedAt && s.refused)).toEqual([]);
  }, 60_000);

  /**
   * CALLS task_create calls while ClickUp fails the requests the fault names: each is queued and retried by the
   * worker (backoffs of at most two seconds, attempts enough not to be dead-lettered during the test).
   */
  async function queueCalls(
    label: string,
    fault: Record<string, unknown>,
    on = clients,
  ): Promise<{ names: string[]; jobs: string[] }> {
    await env.fault({ ...fault, status: 503, count: 10_000 });
    const names = Array.from({ length: CALLS }, (_, i) => `Kill switch ${mode} ${label} ${i + 1}`);
    const answers = await Promise.all(
      names.map((name, i) => env.call(on[i % on.length], 'task_create', { list_id: SPRINT_42, name })),
    );
    for (const answer of answers) {
      expect(answer.issues[0]).toMatchObject({
        code: 'UPSTREAM_ERROR',
        queued: true,
        job_id: expect.any(String),
      });
    }
    return { names, jobs: answers.map((a) => a.issues[0].job_id as string) };
  }

  /** The creates ClickUp applied for these names (since a request sequence number). */
  const creates = async (names: string[], since = 0): Promise<SandboxRequest[]> =>
    (await env.requests(since)).filter(
      (r) =>
        r.method === 'POST' && r.status < 300 && names.includes((r.body as { name?: string })?.name ?? ''),
    );

  /** The queued calls as the REST API shows them, once each is held: delayed by the pause, its message naming it. */
  async function held(jobs: string[], pause: Pause): Promise<RetryJob[]> {
    let seen: RetryJob[] = [];
    try {
      return await waitFor(
        async () => {
          seen = await Promise.all(jobs.map((id) => env.job(id)));
          return seen.every((j) => j.state === 'delayed' && j.last_error?.includes(pause.id)) ? seen : false;
        },
        { timeoutMs: 20_000, intervalMs: 200, what: 'the queued calls to hold' },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify(seen)}`);
    }
  }

  it('holds the team’s queued calls while paused, spending no attempt, then runs each exactly once on resume', async () => {
    // A create that failed may have been applied: after the resume it is looked for before it is sent again.
    const { names, jobs } = await queueCalls('resumed', { method: 'POST', path: '/api/v2/list/*/task' });
    const pause = await pauseTeam('hold the queue');
    const before = await held(jobs, pause);
    // ClickUp works again, but the pause still holds the calls: nothing is sent, no attempt is spent.
    await env.sandbox('DELETE', '/_sandbox/faults');
    const seq = (await env.requests()).at(-1)?.seq ?? 0;
    await sleep(5000);
    expect(await env.requests(seq)).toEqual([]);
    const still = await Promise.all(jobs.map((id) => env.job(id)));
    expect(still.map((j) => [j.state, j.attempts])).toEqual(before.map((j) => ['delayed', j.attempts]));
    // The agent cannot look at its job meanwhile: the pause refuses every call of the team.
    const refused = await env.call(clients[0], 'retry_job_get', { job_id: jobs[0] });
    expect(refused.issues[0]).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(pause.id),
    });

    const resumedAt = Date.now();
    const resumed = await resume(pause, 'resume');
    expect(resumed.queued).toBe('resumed');
    const done = await Promise.all(jobs.map((id) => env.settled(id, 30_000)));
    console.log(
      `kill switch (${mode}): ${jobs.length} held calls done ${Date.now() - resumedAt} ms after the resume`,
    );
    expect(done.map((j) => [j.state, j.result?.ok])).toEqual(jobs.map(() => ['completed', true]));
    // Nothing lost, nothing doubled: each task exists once, and ClickUp applied one create for each.
    for (const name of names) expect(await env.tasksNamed(name)).toHaveLength(1);
    expect((await creates(names)).map((r) => (r.body as { name: string }).name).sort()).toEqual(
      [...names].sort(),
    );
    // The agent reads its job again once its own api process has seen the resume (a poll, at most a second).
    const seen = await waitFor(
      async () => {
        const got = await env.call<{ state: string }>(clients[0], 'retry_job_get', { job_id: jobs[0] });
        return got.ok && got.result;
      },
      { timeoutMs: 2000, intervalMs: 100, what: 'the agent to read its job after the resume' },
    );
    expect(seen?.state).toBe('completed');
  }, 120_000);

  it('discards the team’s queued calls on a resume that says so: cancelled, never sent, audited as cancels', async () => {
    // Only a call that has changed nothing can be discarded: here ClickUp fails the read of the list each create
    // starts with (on a new server of the team, which has not read it yet), so no create is ever sent.
    const server = await createServer(env.stack, env.connectionId, {
      name: 'new support agent',
      workspace_id: ACME,
      team_id: teamId,
    });
    const fresh = await Promise.all(Object.values(bases).map((base) => connectClient(urlOn(base, server))));
    clients.push(...fresh);
    const { names, jobs } = await queueCalls(
      'discarded',
      { method: 'GET', path: `/api/v2/list/${SPRINT_42}` },
      fresh,
    );
    const pause = await pauseTeam('drop the queue');
    await held(jobs, pause);
    await env.sandbox('DELETE', '/_sandbox/faults');

    const resumed = await resume(pause, 'discard');
    expect(resumed.queued).toBe('discarded');
    const ended = await waitFor(
      async () => {
        const seen = await Promise.all(jobs.map((id) => env.job(id)));
        return seen.every((j) => j.state === 'cancelled') ? seen : false;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: 'the queued calls to be cancelled' },
    );
    for (const job of ended) {
      expect(job.last_error).toBe(
        `Discarded when pause ${pause.id} was lifted, before it changed anything in ClickUp.`,
      );
    }
    await sleep(2000);
    expect(await creates(names)).toEqual([]);
    for (const name of names) expect(await env.tasksNamed(name)).toHaveLength(0);
    // The agent learns it, and each cancel is in the audit log under its job id, after the resume.
    const seen = await env.call<{ state: string }>(fresh[0], 'retry_job_get', { job_id: jobs[0] });
    expect(seen.result?.state).toBe('cancelled');
    const events = await allEvents(env.stack, { action: 'retry_job.cancelled' });
    expect(jobs.every((id) => events.some((e) => e.job_id === id))).toBe(true);
    const resumes = await allEvents(env.stack, { action: 'pause.resumed' });
    expect(resumes.some((e) => JSON.stringify(e.arguments).includes(pause.id))).toBe(true);
  }, 120_000);
});
