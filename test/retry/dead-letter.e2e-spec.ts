import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { waitFor } from '@gw/testing';
import { allEvents, apiToken } from '../audit/support';
import { FAST_RETRIES, RetryStack, SPRINT_42, type CallEnvelope, type RetryJob } from './support';

/** A call that keeps failing is dead-lettered, shown to admins, and retried or discarded by them (audited). */
describe.each(['postgres+redis', 'embedded'] as const)('dead letters (%s)', (mode) => {
  const env = new RetryStack(mode, FAST_RETRIES);
  let client: Client;
  let serverId: string;
  let other: Client;

  beforeAll(async () => {
    await env.start();
    ({ client, id: serverId } = await env.server('agent server'));
    ({ client: other } = await env.server('another server'));
  }, 180_000);
  afterAll(async () => {
    await Promise.allSettled([client?.close(), other?.close()]);
    await env.stop();
  }, 60_000);

  /** A task_create against a ClickUp that answers 503 until told otherwise; resolves with its dead-lettered job. */
  async function deadLettered(name: string): Promise<{ envelope: CallEnvelope; job: RetryJob }> {
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 1000 });
    const envelope = await env.call(client, 'task_create', { list_id: SPRINT_42, name });
    const jobId = envelope.issues[0]?.job_id as string;
    expect(jobId).toEqual(expect.any(String));
    const job = await env.settled(jobId);
    await env.sandbox('DELETE', '/_sandbox/faults');
    return { envelope, job };
  }

  it('dead-letters after the attempt limit, with the error, and lists it as failed', async () => {
    const name = `Dead letter ${mode} ${Date.now()}`;
    const { envelope, job } = await deadLettered(name);
    expect(envelope.ok).toBe(false);
    expect(envelope.issues[0].code).toBe('UPSTREAM_ERROR');
    expect(job).toMatchObject({
      state: 'failed',
      tool: 'task_create',
      server_id: serverId,
      attempts: 4,
      max_attempts: 4,
    });
    expect(job.last_error).toMatch(/503/);
    expect(job.writes).toEqual([
      { operation: 'createTask', method: 'POST', path: `/list/${SPRINT_42}/task`, state: 'unknown' },
    ]);
    const failed = await env.stack.rest<{ items: RetryJob[] }>('GET', '/retry-jobs?state=failed');
    expect(failed.status).toBe(200);
    expect(failed.body.items.map((j) => j.id)).toContain(job.id);
    expect(await env.tasksNamed(name)).toHaveLength(0);

    // The agent sees the same through retry_job_get; another server does not see the job at all.
    const seen = await env.call<{ state: string; attempts: number; last_error: string }>(
      client,
      'retry_job_get',
      {
        job_id: job.id,
      },
    );
    expect(seen.result).toMatchObject({ state: 'failed', attempts: 4 });
    const hidden = await env.call(other, 'retry_job_get', { job_id: job.id });
    expect(hidden.issues[0].code).toBe('NOT_FOUND');

    // The MCP request was recorded as queued, and the dead letter as its outcome, under one job id.
    const events = await allEvents(env.stack, { server_id: serverId });
    const forJob = events.filter((e) => e.job_id === job.id);
    expect(forJob.map((e) => `${e.action} ${e.outcome}`).sort()).toEqual(
      expect.arrayContaining(['retry_job.dead_lettered error']),
    );
    expect(forJob.find((e) => e.action === 'tools/call')?.outcome).toMatch(/queued|error/);
    // The audit log's job filter finds exactly those rows, which is how the console links a job to its history.
    const filtered = await allEvents(env.stack, { job_id: job.id });
    expect(filtered.map((e) => e.id)).toEqual(
      (await allEvents(env.stack)).filter((e) => e.job_id === job.id).map((e) => e.id),
    );
    expect(filtered.length).toBeGreaterThanOrEqual(2);
  });

  it('lets an admin retry a dead letter: it runs again with its attempts reset, and creates the task once', async () => {
    const name = `Retried ${mode} ${Date.now()}`;
    const { job } = await deadLettered(name);
    const auditor = await apiToken(env.stack, 'auditor');
    expect((await env.stack.rest('GET', `/retry-jobs/${job.id}`, undefined, auditor.token)).status).toBe(200);
    expect(
      (await env.stack.rest('POST', `/retry-jobs/${job.id}/retry`, undefined, auditor.token)).status,
    ).toBe(403);

    const retried = await env.stack.rest<RetryJob>('POST', `/retry-jobs/${job.id}/retry`);
    expect(retried.status).toBe(200);
    expect(['waiting', 'active', 'completed']).toContain(retried.body.state);
    const done = await env.settled(job.id);
    expect(done.state).toBe('completed');
    expect(done.result?.ok).toBe(true);
    expect(await env.tasksNamed(name)).toHaveLength(1);
    // A completed job cannot be retried.
    expect((await env.stack.rest('POST', `/retry-jobs/${job.id}/retry`)).status).toBe(409);

    // Both admin retries are in the audit log, and the auditor's refused one as a denial.
    const mentions = (await allEvents(env.stack)).filter((e) => JSON.stringify(e.arguments).includes(job.id));
    const retries = mentions.filter((e) => e.action === 'retry_jobs.retry');
    expect(retries.map((e) => e.outcome).sort()).toEqual(['error', 'ok']);
    expect(mentions.some((e) => e.outcome === 'denied')).toBe(true);
  });

  it('lets an admin discard a dead letter: it is gone and never runs', async () => {
    const name = `Discarded ${mode} ${Date.now()}`;
    const { job } = await deadLettered(name);
    expect((await env.stack.rest('DELETE', `/retry-jobs/${job.id}`)).status).toBe(204);
    expect((await env.stack.rest('GET', `/retry-jobs/${job.id}`)).status).toBe(404);
    await waitFor(async () => (await allEvents(env.stack, { action: 'retry_jobs.discard' })).length > 0);
    const discard = (await allEvents(env.stack, { action: 'retry_jobs.discard' })).find((e) =>
      JSON.stringify(e.arguments).includes(job.id),
    );
    expect(discard?.outcome).toBe('ok');
    expect(await env.tasksNamed(name)).toHaveLength(0);
  });
});
