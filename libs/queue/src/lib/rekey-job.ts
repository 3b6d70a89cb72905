import type { Queue } from 'bullmq';

/**
 * The one id every re-encryption run takes: BullMQ keeps a single job per id, so a request while a run waits or
 * works joins that run, and two workers never re-seal at the same time.
 */
export const REKEY_JOB_ID = 'rekey';

export interface RekeyJobPayload {
  /** `user:{id}` or `token:{id}` for a run asked through the API; `system:worker-start` when a worker started it. */
  requested_by: string;
}

/** A value no configured key opens: kind and row id, never the value. */
export interface RekeyUnreadableValue {
  kind: string;
  id: string;
  key_id: string | null;
  reason: 'unknown_key' | 'does_not_open';
}

export interface RekeyJobResult {
  current_key_id: string;
  resealed: number;
  unreadable: RekeyUnreadableValue[];
}

/** What `job.updateProgress` reports after each batch. */
export interface RekeyJobProgress {
  done: number;
  total: number;
}

/** Read back by the api while a run goes on; `state` as BullMQ names it. */
export interface RekeyJobView {
  state: string;
  started_at: string | null;
  finished_at: string | null;
  done: number;
  total: number;
  error: string | null;
  result: RekeyJobResult | null;
}

const FINISHED = new Set(['completed', 'failed']);

/**
 * Starts a run unless one is waiting or working, and returns its id either way. A finished run's job is removed
 * first so the id is free again; its outcome is in the audit log.
 */
export async function enqueueRekey(
  queue: Queue,
  payload: RekeyJobPayload,
): Promise<{ job_id: string; started: boolean }> {
  const state = await queue.getJobState(REKEY_JOB_ID);
  if (state !== 'unknown' && !FINISHED.has(state)) return { job_id: REKEY_JOB_ID, started: false };
  if (FINISHED.has(state)) {
    // Two callers may both see it finished: the second remove finds nothing, and the add below is deduplicated.
    await queue.remove(REKEY_JOB_ID).catch(() => 0);
  }
  const job = await queue.add('rekey', payload, {
    jobId: REKEY_JOB_ID,
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
  });
  return { job_id: String(job.id), started: true };
}

/** The current or last run, or null when none ran since the job was last removed. */
export async function readRekeyJob(queue: Queue): Promise<RekeyJobView | null> {
  let state = await queue.getJobState(REKEY_JOB_ID);
  const job = await queue.getJob(REKEY_JOB_ID);
  if (!job || state === 'unknown') return null;
  if (job.finishedOn && !FINISHED.has(state)) state = await queue.getJobState(REKEY_JOB_ID);
  const progress = isProgress(job.progress) ? job.progress : { done: 0, total: 0 };
  const result = (job.returnvalue as RekeyJobResult | null | undefined) ?? null;
  return {
    state,
    started_at: job.processedOn ? new Date(job.processedOn).toISOString() : null,
    finished_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    done: progress.done,
    total: progress.total,
    error: state === 'failed' ? job.failedReason || 'failed' : null,
    result: state === 'completed' ? result : null,
  };
}

function isProgress(value: unknown): value is RekeyJobProgress {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RekeyJobProgress).done === 'number' &&
    typeof (value as RekeyJobProgress).total === 'number'
  );
}
