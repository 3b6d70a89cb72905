import { Injectable, NotFoundException } from '@nestjs/common';
import { JOB_QUEUES, QueueBackend } from '@gw/queue';
import type { JobStatusDto } from './dto/job.dto';

/**
 * What a BullMQ job id can look like here (ids are counters, or names made of these characters). Anything else is
 * no job, answered before the queue sees it: a NUL byte makes the PostgreSQL queue backend fail.
 */
const JOB_ID = /^[\w:.-]{1,128}$/;

/** Runs the nightly maintenance jobs on demand (the worker also schedules them). */
@Injectable()
export class MaintenanceService {
  constructor(private readonly queues: QueueBackend) {}

  async enqueueSessionCleanup(requestedBy: string): Promise<string> {
    const job = await this.queues
      .queue(JOB_QUEUES['session-cleanup'])
      .add(
        'session-cleanup',
        { requested_by: requestedBy },
        { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 7 * 86400 } },
      );
    return String(job.id);
  }

  async status(jobId: string): Promise<JobStatusDto> {
    if (!JOB_ID.test(jobId)) throw new NotFoundException('No maintenance job with that id');
    const queue = await this.queues.ready(JOB_QUEUES['session-cleanup']);
    // State first, then the job: a job read while it completes could otherwise show "completed" without its
    // result. A job that finished between the two reads shows its finish time, so its state is read again then.
    let state = await queue.getJobState(jobId);
    const job = await queue.getJob(jobId);
    if (!job) throw new NotFoundException(`No maintenance job ${jobId}`);
    if (job.finishedOn && state !== 'completed' && state !== 'failed') state = await queue.getJobState(jobId);
    return {
      id: String(job.id),
      name: job.name,
      state,
      attempts_made: job.attemptsMade,
      result: job.returnvalue ?? undefined,
      failed_reason: job.failedReason || undefined,
      created_at: new Date(job.timestamp).toISOString(),
      finished_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
    };
  }
}
