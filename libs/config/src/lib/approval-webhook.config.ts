import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

const between = (min: number, max: number) => ({ message: `must be an integer from ${min} to ${max}` });

/** Delivery of the teams' approval notifications: the worker posts them, the api enqueues them. */
export class ApprovalWebhookConfig {
  @EnvVar({
    name: 'APPROVAL_WEBHOOK_MAX_ATTEMPTS',
    description:
      "Attempts to deliver an approval notification to a team's webhook before it is dead-lettered (then listed as `failed` under the team's deliveries, where an admin can redeliver it).",
    default: '8',
  })
  @Type(() => Number)
  @IsInt(between(1, 20))
  @Min(1, between(1, 20))
  @Max(20, between(1, 20))
  maxAttempts = 8;

  @EnvVar({
    name: 'APPROVAL_WEBHOOK_BASE_DELAY_MS',
    description:
      "Backoff after a failed delivery (network error, timeout, 408, 429, 5xx): attempt n+1 comes base × 2^(n−1) later, or after the receiver's `Retry-After` when that is longer; never more than an hour.",
    default: '10000',
  })
  @Type(() => Number)
  @IsInt(between(10, 600000))
  @Min(10, between(10, 600000))
  @Max(600000, between(10, 600000))
  baseDelayMs = 10000;

  @EnvVar({
    name: 'APPROVAL_WEBHOOK_TIMEOUT_MS',
    description:
      'How long one delivery waits for the receiver to answer before the attempt counts as failed.',
    default: '5000',
  })
  @Type(() => Number)
  @IsInt(between(100, 30000))
  @Min(100, between(100, 30000))
  @Max(30000, between(100, 30000))
  timeoutMs = 5000;
}
