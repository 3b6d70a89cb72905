import { Injectable } from '@nestjs/common';
import { ApprovalWebhookConfig } from '@gw/config';
import {
  answeredWithin,
  QUEUE_ANSWER_TIMEOUT_MS,
  JOB_QUEUES,
  QueueBackend,
  type ApprovalNotificationJobPayload,
  type ApprovalNotificationJobResult,
} from '@gw/queue';
import type { Job, JobState } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DeliveryState, WebhookDeliveryDto } from './dto/webhook-delivery.dto';

export type NotificationJob = Job<
  ApprovalNotificationJobPayload,
  ApprovalNotificationJobResult,
  'approval-notification'
>;

const DAY_S = 86_400;
/** How long an ended delivery stays listed before BullMQ removes it. */
const KEPT_AFTER_END_S = { completed: 7 * DAY_S, failed: 30 * DAY_S } as const;
const QUEUE = JOB_QUEUES['approval-notification'];

/** Where deliveries in each state are found in BullMQ. */
const TYPES_OF: Record<DeliveryState, JobState[]> = {
  pending: ['active', 'waiting', 'prioritized', 'delayed'],
  completed: ['completed'],
  failed: ['failed'],
};

/**
 * The `notifications` queue as the api uses it: it is the delivery log. A delivery is a job whose id is its
 * delivery id; the worker keeps the last attempt's status in the job, and a failed job is a dead letter.
 */
@Injectable()
export class NotificationQueue {
  constructor(
    private readonly queues: QueueBackend,
    private readonly config: ApprovalWebhookConfig,
  ) {}

  private get queue() {
    return this.queues.producer(QUEUE);
  }

  /** Queues a delivery; when the queue does not answer in time, it may or may not have been queued. */
  async enqueue(payload: ApprovalNotificationJobPayload): Promise<WebhookDeliveryDto> {
    const job = (await answered(
      this.queue.add('approval-notification', payload, {
        jobId: randomUUID(),
        attempts: this.config.maxAttempts,
        // The worker draws each delay (exponential, or the receiver's Retry-After) and keeps it in the job.
        backoff: { type: 'webhook' },
        removeOnComplete: { age: KEPT_AFTER_END_S.completed },
        removeOnFail: { age: KEPT_AFTER_END_S.failed },
      }),
    )) as NotificationJob;
    return toDeliveryDto(job, 'pending');
  }

  /** A team's delivery, or null (unknown, or another team's). */
  async get(organizationId: string, teamId: string, id: string): Promise<WebhookDeliveryDto | null> {
    const found = await this.find(organizationId, teamId, id);
    return found && toDeliveryDto(found.job, found.state);
  }

  /** A team's newest deliveries, in one state or in all. */
  async list(
    organizationId: string,
    teamId: string,
    state: DeliveryState | undefined,
    limit: number,
  ): Promise<WebhookDeliveryDto[]> {
    const states = state ? [state] : (['pending', 'failed', 'completed'] as const);
    const out: WebhookDeliveryDto[] = [];
    for (const scan of states) {
      let found = 0;
      // Other teams' deliveries share the queue; read a few pages to fill the answer with this team's.
      for (let start = 0; found < limit && start < limit * 20; start += limit) {
        const page = (await this.queue.getJobs(
          TYPES_OF[scan],
          start,
          start + limit - 1,
          false,
        )) as NotificationJob[];
        for (const job of page) {
          if (!job || !ownedBy(job, organizationId, teamId)) continue;
          out.push(toDeliveryDto(job, scan));
          found += 1;
        }
        if (page.length < limit) break;
      }
    }
    return out.sort((a, b) => b.created_at.localeCompare(a.created_at)).slice(0, limit);
  }

  /**
   * Sends a dead letter again with a full set of attempts; null when the team has no such delivery, `false` when it
   * is not failed.
   */
  async redeliver(
    organizationId: string,
    teamId: string,
    id: string,
  ): Promise<WebhookDeliveryDto | null | false> {
    const found = await this.find(organizationId, teamId, id);
    if (!found) return null;
    if (found.state !== 'failed') return false;
    await answered(found.job.updateData({ ...found.job.data, next_delay_ms: undefined }));
    await answered(found.job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }));
    return this.get(organizationId, teamId, id);
  }

  private async find(
    organizationId: string,
    teamId: string,
    id: string,
  ): Promise<{ job: NotificationJob; state: DeliveryState } | null> {
    // The state first: a job read before it, and finishing in between, would show finished without its outcome.
    const state = deliveryState(await answered(this.queue.getJobState(id)));
    const job = (await answered(this.queue.getJob(id))) as NotificationJob | undefined;
    if (!job || !state || job.name !== 'approval-notification' || !ownedBy(job, organizationId, teamId))
      return null;
    return { job, state };
  }
}

/** The queue's answer, or an error once it is taken as unreachable, so no approval request or admin page waits on it. */
function answered<T>(work: Promise<T>): Promise<T> {
  return answeredWithin(
    work,
    QUEUE_ANSWER_TIMEOUT_MS,
    () => new Error('the notifications queue did not answer'),
  );
}

function ownedBy(job: NotificationJob, organizationId: string, teamId: string): boolean {
  return (
    job.name === 'approval-notification' &&
    job.data.organization_id === organizationId &&
    job.data.team.id === teamId
  );
}

function deliveryState(state: JobState | 'unknown'): DeliveryState | null {
  if (state === 'completed' || state === 'failed') return state;
  return state === 'unknown' ? null : 'pending';
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

export function toDeliveryDto(job: NotificationJob, state: DeliveryState): WebhookDeliveryDto {
  const data = job.data;
  const last = data.last_attempt ?? null;
  const delivered = state === 'completed' ? (job.returnvalue ?? null) : null;
  const waitingForRetry = state === 'pending' && last !== null && data.next_delay_ms !== undefined;
  return {
    id: String(job.id),
    event: data.event,
    state,
    approval_id: data.approval?.id ?? null,
    tool: data.approval?.tool ?? null,
    attempts: job.attemptsMade,
    max_attempts: job.opts.attempts ?? 1,
    last_status: delivered ? delivered.status : (last?.status ?? null),
    last_error: delivered ? null : (last?.error ?? (state === 'failed' ? job.failedReason || null : null)),
    created_at: new Date(job.timestamp).toISOString(),
    last_attempt_at: iso(delivered?.delivered_at ?? last?.at),
    next_attempt_at:
      state !== 'pending'
        ? null
        : waitingForRetry
          ? iso((last?.at ?? 0) + (data.next_delay_ms ?? 0))
          : iso(Date.now()),
    finished_at: state === 'pending' ? null : iso(job.finishedOn),
  };
}
