import { RetryConfig } from '@gw/config';
import { QUEUE_NAMES, type JournaledWrite, type ToolCallJobPayload } from '@gw/queue';
import { queueTargets, type QueueTarget } from '@gw/queue/testing';
import { waitFor } from '@gw/testing';
import { randomUUID } from 'node:crypto';
import { RetryQueue } from './retry-queue.service';

const targets = queueTargets('gw_retry_queue', { databases: 'all' });

const ORG = randomUUID();
const SERVER = randomUUID();

function write(state: JournaledWrite['state']): JournaledWrite {
  return {
    request: {
      operation: 'createTask',
      method: 'POST',
      version: 'v2',
      path: '/list/1/task',
      query: {},
      body: {},
    },
    first_sent_at: state === 'not_applied' ? null : Date.now(),
    state,
  };
}

function payload(writes: JournaledWrite[] = [write('not_applied')]): ToolCallJobPayload {
  return {
    organization_id: ORG,
    server_id: SERVER,
    team_id: null,
    tool: 'task_create',
    arguments: { list_id: '1', name: 'Ship it' },
    origin: {
      client_name: 'c',
      client_version: '1',
      session_id: null,
      request_id: 'r',
      ip: null,
      user_agent: null,
    },
    queued_at: Date.now(),
    reason: 'rate_limit',
    journal: { reads: [], writes },
  };
}

describe.each(targets)('cancelling a queued call on %s', (_label, open) => {
  let target: QueueTarget;
  let queue: RetryQueue;

  beforeAll(async () => {
    target = await open();
    queue = new RetryQueue(target.queues, Object.assign(new RetryConfig(), { maxAttempts: 3 }));
  }, 60_000);

  afterAll(() => target?.close());

  async function enqueue(data = payload(), delay = 0): Promise<string> {
    const id = randomUUID();
    if (delay === 0) await queue.enqueue(id, data);
    else
      await target.queues
        .queue(QUEUE_NAMES.retries)
        .add('tool-call', data, { jobId: id, delay, attempts: 3 });
    return id;
  }

  const found = async (id: string) => {
    const call = await queue.get(id);
    if (!call) throw new Error(`job ${id} not found`);
    return call;
  };
  const state = (id: string) => target.queues.queue(QUEUE_NAMES.retries).getJobState(id);

  it('asks a running attempt to stop but lets it finish: the call is never cut in the middle', async () => {
    const id = await enqueue();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const worker = target.queues.worker(QUEUE_NAMES.retries, async () => {
      await released;
      return { envelope: { ok: true, result: { id: 't1' }, issues: [] }, deduplicated: 0 };
    });
    try {
      await waitFor(async () => (await state(id)) === 'active', {
        timeoutMs: 15_000,
        what: 'the job to run',
      });
      expect(await queue.cancel(await found(id), 'mcp:s1')).toBe('requested');
      const running = await found(id);
      expect(running.view.state).toBe('active');
      expect(running.cancelRequested).toBe(true);
      release();
      await waitFor(async () => (await state(id)) === 'completed', {
        timeoutMs: 15_000,
        what: 'the job to end',
      });
      const done = await found(id);
      expect(done.view.state).toBe('completed');
      expect(done.view.result).toEqual({ ok: true, result: { id: 't1' }, issues: [] });
      expect(await queue.cancel(done, 'mcp:s1')).toBe('finished');
    } finally {
      release();
      await worker.close();
    }
  }, 60_000);

  it('cancels a waiting call that wrote nothing, for good, and shows it cancelled everywhere', async () => {
    const id = await enqueue();
    expect(await queue.cancel(await found(id), 'mcp:s1')).toBe('cancelled');
    const call = await found(id);
    expect(call.view).toMatchObject({ state: 'cancelled', next_attempt_at: null, result: null });
    expect(call.view.last_error).toMatch(/^Cancelled/);
    expect(call.cancelRequested).toBe(false);
    // Asking again changes nothing and says the same.
    expect(await queue.cancel(call, 'mcp:s1')).toBe('cancelled');
    const cancelled = await queue.list(ORG, 'cancelled', 50);
    expect(cancelled.map((c) => c.view.job_id)).toContain(id);
    expect((await queue.list(ORG, 'waiting', 50)).map((c) => c.view.job_id)).not.toContain(id);
    expect((await queue.list(ORG, undefined, 50)).find((c) => c.view.job_id === id)?.view.state).toBe(
      'cancelled',
    );
    // Another organization's list does not show it.
    expect(await queue.list(randomUUID(), 'cancelled', 50)).toEqual([]);
  });

  it('cancels a delayed call and brings it forward, so a worker ends it now rather than when it was due', async () => {
    const id = await enqueue(payload(), 600_000);
    expect(await state(id)).toBe('delayed');
    expect(await queue.cancel(await found(id), 'mcp:s1')).toBe('cancelled');
    expect(await state(id)).toBe('waiting');
    expect((await found(id)).view.state).toBe('cancelled');
  });

  it('refuses to cancel a call with a change applied, or possibly applied: it is carried to its end', async () => {
    for (const writes of [[write('done')], [write('done'), write('not_applied')], [write('unknown')]]) {
      const id = await enqueue(payload(writes));
      expect(await queue.cancel(await found(id), 'mcp:s1')).toBe('written');
      const call = await found(id);
      expect(call.view.state).toBe('waiting');
      // Kept as a request: the worker honours it only if the change turns out not to have been made.
      expect(call.cancelRequested).toBe(true);
    }
  });
});
