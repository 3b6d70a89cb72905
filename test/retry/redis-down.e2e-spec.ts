import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { uniqueQueuePrefix, waitFor } from '@gw/testing';
import { RetryStack, SPRINT_42 } from './support';
import { TcpProxy } from './tcp-proxy';

const REDIS_PORT = Number(new URL(process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379').port || 6379);

/**
 * Production mode with Redis gone: calls that need no retry still work, a call that would need one says plainly that
 * it was not queued, /readyz reports the queue down, and a job queued before the outage completes once Redis is back.
 */
describe('Redis down in production mode', () => {
  const proxy = new TcpProxy(REDIS_PORT);
  let env: RetryStack;
  let client: Client;

  beforeAll(async () => {
    const port = await proxy.start();
    env = new RetryStack('postgres', {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      RETRY_BASE_DELAY_MS: '3000',
      RETRY_MAX_DELAY_MS: '6000',
      RETRY_MAX_ATTEMPTS: '8',
      RETRY_CALL_BUDGET_MS: '3000',
    });
    await env.start();
    ({ client } = await env.server());
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await env?.stop();
    await proxy.cut();
  }, 60_000);

  it('degrades honestly and finishes the queued work afterwards', async () => {
    const ready = async () => (await fetch(`${env.stack.baseUrl}/readyz`)).status;
    expect(await ready()).toBe(200);

    // A job queued before the outage, failing and backing off until the outage starts.
    const queuedName = `Queued before the outage ${Date.now()}`;
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 1000 });
    const queued = await env.call(client, 'task_create', { list_id: SPRINT_42, name: queuedName });
    const jobId = queued.issues[0]?.job_id as string;
    expect(queued.issues[0]).toMatchObject({ queued: true });
    await waitFor(async () => (await env.job(jobId)).attempts >= 1, { timeoutMs: 30_000 });

    await proxy.cut();
    await env.sandbox('DELETE', '/_sandbox/faults');
    await waitFor(async () => (await ready()) === 503, {
      timeoutMs: 15_000,
      what: '/readyz to report the queue',
    });
    const readiness = (await (await fetch(`${env.stack.baseUrl}/readyz`)).json()) as {
      error?: Record<string, { status: string }>;
    };
    expect(readiness.error?.['queue']?.status).toBe('down');

    // No retry needed: reads and writes work as usual.
    const read = await env.call(client, 'task_list_in_list', { list_id: SPRINT_42 });
    expect(read.ok).toBe(true);
    const plainName = `Written during the outage ${Date.now()}`;
    const plain = await env.call(client, 'task_create', { list_id: SPRINT_42, name: plainName });
    expect(plain.ok).toBe(true);

    // A retry needed: the call says it could not be queued, and that the write may have been applied.
    const failingName = `Failing during the outage ${Date.now()}`;
    await env.fault({
      method: 'POST',
      path: '/api/v2/list/*/task',
      status: 502,
      count: 1,
      after_commit: true,
    });
    const failing = await env.call(client, 'task_create', { list_id: SPRINT_42, name: failingName });
    expect(failing.ok).toBe(false);
    expect(failing.issues[0]).toMatchObject({ code: 'UPSTREAM_ERROR', upstream_status: 502 });
    expect(failing.issues[0].queued).toBeUndefined();
    expect(failing.issues[0].message).toMatch(/retry queue is unavailable.*may have been applied/);

    await proxy.restore();
    await waitFor(async () => (await ready()) === 200, { timeoutMs: 30_000, what: '/readyz to recover' });
    const done = await env.settled(jobId, 90_000);
    expect(done.state).toBe('completed');
    expect(await env.tasksNamed(queuedName)).toHaveLength(1);
    expect(await env.tasksNamed(plainName)).toHaveLength(1);
  });
});
