import { GatewayMetrics, parseExposition, sampleSum } from '@gw/metrics';
import { JOB_QUEUES, type JobName } from '@gw/queue';
import { queueTargets } from '@gw/queue/testing';
import { waitFor } from '@gw/testing';
import type { Job, Worker } from 'bullmq';
import pino from 'pino';
import type { JobProcessor } from './job-processor';
import { WorkerHost } from './worker-host';

const targets = queueTargets('gw_worker_host');

const NAME: JobName = 'rekey';

/**
 * A job whose worker dies mid-attempt (its lock lapses) is failed by the queue past the stalled limit without its
 * processor running again: the processor still hears of it, once, so the job's ending is recorded.
 */
describe.each(targets)('a job its workers abandon, on %s', (_label, open) => {
  let target: Awaited<ReturnType<typeof open>>;
  let dying: Worker | undefined;

  beforeAll(async () => {
    target = await open();
  }, 60_000);
  afterAll(async () => {
    await dying?.close(true);
    await target?.close();
  }, 30_000);

  it('is handed to its processor as abandoned, once, and counted as a dead letter', async () => {
    const queueName = JOB_QUEUES[NAME];
    const queue = target.queues.queue(queueName);
    const job = await queue.add(NAME, { requested_by: 'user:test' } as never);
    // A worker that takes the job and stops without finishing it, as a killed process does: its lock lapses.
    let taken = false;
    dying = target.queues.worker(
      queueName,
      () => {
        taken = true;
        return new Promise(() => undefined);
      },
      { lockDuration: 500, stalledInterval: 500 },
    );
    await waitFor(async () => taken, { timeoutMs: 10_000, what: 'the dying worker to take the job' });
    await dying.close(true);

    const abandoned: string[] = [];
    const processed: string[] = [];
    const processor: JobProcessor<typeof NAME> = {
      name: NAME,
      queueOptions: { lockMs: 500, maxStalls: 0 },
      process: async (_payload, j: Job) => {
        processed.push(String(j.id));
        return { re_sealed: 0 } as never;
      },
      abandoned: async (_payload, j: Job) => {
        abandoned.push(String(j.id));
      },
    };
    const metrics = new GatewayMetrics('worker');
    const host = new WorkerHost(
      target.queues,
      [processor as JobProcessor<JobName>],
      pino({ level: 'silent' }),
      metrics,
    );
    host.start();

    await waitFor(async () => abandoned.length > 0, {
      timeoutMs: 15_000,
      what: 'the abandoned job to be reported',
    });
    expect(abandoned).toEqual([String(job.id)]);
    // Failed by the next worker that took it, without running it.
    expect(processed).toEqual([]);
    expect(await (await queue.getJob(String(job.id)))?.getState()).toBe('failed');
    const exposition = parseExposition(await metrics.scrape());
    expect(sampleSum(exposition, 'gateway_dead_letters_total', { queue: queueName })).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(abandoned).toHaveLength(1);
  }, 60_000);
});
