/**
 * Every queue and job of the product, with its typed payload and result. Producers (api) and processors (worker)
 * import these so a job's shape is checked on both sides.
 */
export const QUEUE_NAMES = {
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface JobTypes {
  'session-cleanup': { payload: { requested_by?: string }; result: { deleted: number } };
}
export type JobName = keyof JobTypes;
export type JobPayload<N extends JobName> = JobTypes[N]['payload'];
export type JobResult<N extends JobName> = JobTypes[N]['result'];

export const JOB_QUEUES: Record<JobName, QueueName> = {
  'session-cleanup': QUEUE_NAMES.maintenance,
};
