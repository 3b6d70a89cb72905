import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

const between = (min: number, max: number) => ({ message: `must be an integer from ${min} to ${max}` });

/** The retry queue and the shared ClickUp request budget (CONTRACTS §6). */
export class RetryConfig {
  @EnvVar({
    name: 'RETRY_CALL_BUDGET_MS',
    description:
      'How long a tool call waits for ClickUp (rate limit, retries, its queued job) before it answers `queued: true` with a `job_id`.',
    default: '20000',
  })
  @Type(() => Number)
  @IsInt(between(1000, 300000))
  @Min(1000, between(1000, 300000))
  @Max(300000, between(1000, 300000))
  callBudgetMs = 20000;

  @EnvVar({
    name: 'RETRY_MAX_ATTEMPTS',
    description:
      'Attempts of a queued call before it is dead-lettered (then visible in `/api/v1/retry-jobs?state=failed`).',
    default: '8',
  })
  @Type(() => Number)
  @IsInt(between(1, 50))
  @Min(1, between(1, 50))
  @Max(50, between(1, 50))
  maxAttempts = 8;

  @EnvVar({
    name: 'RETRY_BASE_DELAY_MS',
    description:
      'Backoff after a ClickUp failure: attempt n waits a random time up to base × 2^(n−1) (full jitter).',
    default: '1000',
  })
  @Type(() => Number)
  @IsInt(between(10, 600000))
  @Min(10, between(10, 600000))
  @Max(600000, between(10, 600000))
  baseDelayMs = 1000;

  @EnvVar({
    name: 'RETRY_MAX_DELAY_MS',
    description: 'The longest backoff between two attempts.',
    default: '300000',
  })
  @Type(() => Number)
  @IsInt(between(100, 3600000))
  @Min(100, between(100, 3600000))
  @Max(3600000, between(100, 3600000))
  maxDelayMs = 300000;

  @EnvVar({
    name: 'RETRY_WORKER_CONCURRENCY',
    description: 'Queued calls one worker runs at once (most of them wait for the rate limit).',
    default: '100',
  })
  @Type(() => Number)
  @IsInt(between(1, 1000))
  @Min(1, between(1, 1000))
  @Max(1000, between(1, 1000))
  workerConcurrency = 100;

  @EnvVar({
    name: 'CLICKUP_DEFAULT_RATE_LIMIT',
    description:
      "Requests per minute assumed for a ClickUp token until ClickUp's `X-RateLimit-Limit` says otherwise.",
    default: '100',
  })
  @Type(() => Number)
  @IsInt(between(1, 1000000))
  @Min(1, between(1, 1000000))
  @Max(1000000, between(1, 1000000))
  defaultRateLimit = 100;
}
