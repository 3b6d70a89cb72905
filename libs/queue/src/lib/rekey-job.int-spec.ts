import { waitFor } from '@gw/testing';
import { UnrecoverableError, type Job } from 'bullmq';
import { JOB_QUEUES } from './queue-names';
import { queueTargets } from '../testing';
import { enqueueRekey, readRekeyJob, REKEY_JOB_ID, type RekeyJobResult } from './rekey-job';

const targets = queueTargets('gw_rekey_queue');

describe.each(targets)('one re-encryption run at a time on %s', (_label, open) => {
  let target: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    target = await open();
  }, 60_000);
  afterAll(() => target?.close());

  const queue = () => target.queues.queue(JOB_QUEUES.rekey);

  it('joins the run that is waiting instead of adding another', async () => {
    expect(await readRekeyJob(queue())).toBeNull();
    expect(await enqueueRekey(queue(), { requested_by: 'user:a' })).toEqual({
      job_id: REKEY_JOB_ID,
      started: true,
    });
    expect(await enqueueRekey(queue(), { requested_by: 'user:b' })).toEqual({
      job_id: REKEY_JOB_ID,
      started: false,
    });
    expect(await queue().getJobCounts('waiting')).toMatchObject({ waiting: 1 });
    expect(await readRekeyJob(queue())).toMatchObject({
      state: 'waiting',
      started_at: null,
      done: 0,
      total: 0,
      error: null,
    });
  });

  it('reports progress and the outcome of a finished run, and starts a new one after it', async () => {
    const result: RekeyJobResult = { current_key_id: 'abcd1234', resealed: 3, unreadable: [] };
    const worker = target.queues.worker(JOB_QUEUES.rekey, async (job: Job) => {
      await job.updateProgress({ done: 3, total: 3 });
      return result;
    });
    try {
      const done = await waitFor(
        async () => {
          const view = await readRekeyJob(queue());
          return view?.state === 'completed' ? view : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100, what: 'the run to complete' },
      );
      expect(done).toMatchObject({ done: 3, total: 3, error: null, result });
      expect(done.started_at).not.toBeNull();
      expect(done.finished_at).not.toBeNull();
    } finally {
      await worker.close();
    }
    expect(await enqueueRekey(queue(), { requested_by: 'user:c' })).toEqual({
      job_id: REKEY_JOB_ID,
      started: true,
    });
    expect(await readRekeyJob(queue())).toMatchObject({ state: 'waiting', finished_at: null, result: null });
  });
  it('shows why a run failed, and lets the next request start a fresh one', async () => {
    await queue().remove(REKEY_JOB_ID);
    await enqueueRekey(queue(), { requested_by: 'user:d' });
    const worker = target.queues.worker(JOB_QUEUES.rekey, async () => {
      throw new UnrecoverableError('the worker has no ENCRYPTION_KEY: nothing can be re-encrypted');
    });
    try {
      const failed = await waitFor(
        async () => {
          const view = await readRekeyJob(queue());
          return view?.state === 'failed' ? view : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100, what: 'the run to fail' },
      );
      expect(failed).toMatchObject({
        error: 'the worker has no ENCRYPTION_KEY: nothing can be re-encrypted',
        result: null,
      });
    } finally {
      await worker.close();
    }
    expect(await enqueueRekey(queue(), { requested_by: 'user:e' })).toEqual({
      job_id: REKEY_JOB_ID,
      started: true,
    });
  });
});
