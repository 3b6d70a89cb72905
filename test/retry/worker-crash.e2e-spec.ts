import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { waitFor } from '@gw/testing';
import { RetryStack, SPRINT_42, type RetryJob } from './support';

/** A job survives its worker: killed with SIGKILL during a backoff, it completes once the worker is back, once. */
describe.each(['postgres+redis', 'embedded'] as const)('worker killed during a backoff (%s)', (mode) => {
  const env = new RetryStack(mode, {
    RETRY_BASE_DELAY_MS: '4000',
    RETRY_MAX_DELAY_MS: '8000',
    RETRY_MAX_ATTEMPTS: '8',
    RETRY_CALL_BUDGET_MS: '3000',
  });
  let client: Client;

  beforeAll(async () => {
    await env.start();
    ({ client } = await env.server());
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await env.stop();
  }, 60_000);

  it('completes the job exactly once after a SIGKILL and a restart', async () => {
    const name = `Survives SIGKILL ${mode} ${Date.now()}`;
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 1000 });
    const envelope = await env.call(client, 'task_create', { list_id: SPRINT_42, name });
    const jobId = envelope.issues[0]?.job_id as string;
    expect(envelope.issues[0]).toMatchObject({ queued: true, code: 'UPSTREAM_ERROR', upstream_status: 503 });

    // Wait for a backoff with time left in it, then kill the worker in the middle of it.
    const delayed = await waitFor(
      async () => {
        const job = await env.job(jobId);
        const left = job.next_attempt_at ? Date.parse(job.next_attempt_at) - Date.now() : 0;
        return job.state === 'delayed' && left > 500 ? job : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 50, what: 'a backoff with time left' },
    );
    await env.stack.worker?.stop('SIGKILL');
    const attempts = delayed.attempts;
    expect(attempts).toBeGreaterThanOrEqual(1);

    // Nothing runs it while the worker is down, even once its backoff is over.
    const seq = (await env.requests()).at(-1)?.seq ?? 0;
    await new Promise((r) =>
      setTimeout(r, Date.parse(delayed.next_attempt_at as string) - Date.now() + 1500),
    );
    expect((await env.requests(seq)).filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(['delayed', 'waiting']).toContain((await env.job(jobId)).state);

    await env.sandbox('DELETE', '/_sandbox/faults');
    await env.stack.startWorker();
    const done: RetryJob = await env.settled(jobId);
    expect(done.state).toBe('completed');
    expect(done.result?.ok).toBe(true);
    expect(done.attempts).toBeGreaterThan(attempts);
    expect(await env.tasksNamed(name)).toHaveLength(1);
    const created = (await env.requests()).filter(
      (r) => r.method === 'POST' && /\/list\/\d+\/task$/.test(r.path) && r.status === 200,
    );
    expect(created).toHaveLength(1);
  });
});
