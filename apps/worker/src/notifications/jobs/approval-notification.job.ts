import { Injectable, Optional } from '@nestjs/common';
import { ApprovalWebhookConfig } from '@gw/config';
import { ApprovalWebhookEntity } from '@gw/db';
import type { DeliveryAttempt, JobPayload, JobResult } from '@gw/queue';
import { approvalWebhookAad, SecretBox, webhookSignature } from '@gw/security';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { JobProcessor, QueueRunOptions } from '../../jobs/job-processor';
import { approvalMessage } from '../approval-message';
import { backoffDelay, postWebhook } from '../webhook-delivery';

type NotificationJob = Job<JobPayload<'approval-notification'>, JobResult<'approval-notification'>>;

export const USER_AGENT = 'clickup-mcp-gateway-webhooks/1';

/**
 * POSTs an approval notification to its team's webhook, signed with the team's secret. The webhook is read at every
 * attempt, so a new URL, a rotated secret or a disabled webhook applies to retries. A failure worth retrying (no
 * answer, 408, 429, 5xx) ends the attempt with the delay before the next one; another 4xx, a redirect or a webhook
 * that is gone fails the job at once. After the last attempt the job is failed: the team's dead letter.
 */
@Injectable()
export class ApprovalNotificationJob implements JobProcessor<'approval-notification'> {
  readonly name = 'approval-notification' as const;
  readonly queueOptions: QueueRunOptions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ApprovalWebhookConfig,
    @Optional() private readonly secrets?: SecretBox,
  ) {
    this.queueOptions = {
      // Each delivery mostly waits on someone else's server.
      concurrency: 10,
      backoff: (attemptsMade, job) =>
        (job?.data as JobPayload<'approval-notification'> | undefined)?.next_delay_ms ??
        backoffDelay(attemptsMade, config.baseDelayMs, null),
    };
  }

  async process(
    payload: JobPayload<'approval-notification'>,
    job: NotificationJob,
  ): Promise<JobResult<'approval-notification'>> {
    const webhook = await this.webhookOf(payload);
    if (typeof webhook === 'string')
      return this.giveUp(job, { at: Date.now(), status: null, error: webhook });

    const body = JSON.stringify(approvalMessage(payload));
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await postWebhook(
      webhook.url,
      body,
      {
        'user-agent': USER_AGENT,
        'x-gateway-event': payload.event,
        'x-gateway-delivery': String(job.id),
        'x-gateway-timestamp': String(timestamp),
        'x-gateway-signature': webhookSignature(webhook.secret, timestamp, body),
      },
      this.config.timeoutMs,
    );
    if (outcome.kind === 'delivered') return { status: outcome.status, delivered_at: Date.now() };

    const attempt: DeliveryAttempt = { at: Date.now(), status: outcome.status, error: outcome.error };
    if (outcome.kind === 'give-up') return this.giveUp(job, attempt);
    const next_delay_ms = backoffDelay(job.attemptsMade + 1, this.config.baseDelayMs, outcome.retryAfterMs);
    await job.updateData({ ...job.data, last_attempt: attempt, next_delay_ms });
    throw new Error(outcome.error);
  }

  private async giveUp(job: NotificationJob, attempt: DeliveryAttempt): Promise<never> {
    await job.updateData({ ...job.data, last_attempt: attempt, next_delay_ms: undefined });
    throw new UnrecoverableError(attempt.error ?? 'not delivered');
  }

  /** The team's webhook, opened; or why this notification cannot go out. */
  private async webhookOf(
    payload: JobPayload<'approval-notification'>,
  ): Promise<{ url: string; secret: string } | string> {
    const row = await this.dataSource.getRepository(ApprovalWebhookEntity).findOneBy({
      teamId: payload.team.id,
      organizationId: payload.organization_id,
    });
    if (!row) return 'The team has no approval webhook any more.';
    if (!row.enabled) return "The team's approval webhook is turned off.";
    if (!this.secrets)
      return 'The worker has no encryption key (ENCRYPTION_KEY), so it cannot open the webhook.';
    try {
      return {
        url: this.secrets.open(
          { ciphertext: row.urlCiphertext, keyId: row.urlKeyId },
          approvalWebhookAad(row.teamId, 'url'),
        ),
        secret: this.secrets.open(
          { ciphertext: row.secretCiphertext, keyId: row.secretKeyId },
          approvalWebhookAad(row.teamId, 'secret'),
        ),
      };
    } catch (error) {
      return `The webhook could not be opened: ${(error as Error).message}`;
    }
  }
}
