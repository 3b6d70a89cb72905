import type { JobName, JobPayload, JobResult } from '@gw/queue';
import type { Job } from 'bullmq';

/** One processor per job name, with the payload and result types that name declares in @gw/queue. */
export interface JobProcessor<N extends JobName> {
  readonly name: N;
  process(payload: JobPayload<N>, job: Job<JobPayload<N>, JobResult<N>>): Promise<JobResult<N>>;
}

export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');
