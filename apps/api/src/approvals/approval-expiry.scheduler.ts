import { Injectable, Logger } from '@nestjs/common';
import {
  answeredWithin,
  expireApprovalJobId,
  JOB_QUEUES,
  QUEUE_ANSWER_TIMEOUT_MS,
  type JobPayload,
  QueueBackend,
} from '@gw/queue';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Schedules the worker's `expire-approval` job at a request's expiry. Reads already show a pending request past its
 * expiry as expired and refuse to approve it, so the job is what marks the row and records `approval.expired`: if
 * the queue store is down the request still waits, and the failure is logged.
 */
@Injectable()
export class ApprovalExpiryScheduler {
  private readonly logger = new Logger(ApprovalExpiryScheduler.name);

  constructor(private readonly queues: QueueBackend) {}

  async schedule(approvalId: string, expiresAt: Date): Promise<void> {
    try {
      // On the agent's call path: a queue store that does not answer must not hold the call.
      await answeredWithin(
        this.add(approvalId, expiresAt),
        QUEUE_ANSWER_TIMEOUT_MS,
        () => new Error('the maintenance queue did not answer'),
      );
    } catch (error) {
      this.logger.warn(
        { approval_id: approvalId, err: (error as Error).message },
        'could not schedule the expiry job; the request still reads as expired once its time is up',
      );
    }
  }

  private async add(approvalId: string, expiresAt: Date): Promise<void> {
    const queue = await this.queues.ready(JOB_QUEUES['expire-approval']);
    const payload: JobPayload<'expire-approval'> = { approval_id: approvalId };
    await queue.add('expire-approval', payload, {
      jobId: expireApprovalJobId(approvalId),
      delay: Math.max(0, expiresAt.getTime() - Date.now()),
      attempts: 10,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: DAY_MS / 1000 },
      removeOnFail: { age: (30 * DAY_MS) / 1000 },
    });
  }
}
