import { IsOptional, Matches } from 'class-validator';
import { EnvVar } from './env-var.decorator';

export class QueueConfig {
  @EnvVar({
    name: 'REDIS_URL',
    description: "Redis URL for BullMQ. Unset: BullMQ's PostgreSQL backend on the same database.",
    default: '(BullMQ on Postgres)',
    secret: true,
  })
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  redisUrl?: string;

  @EnvVar({
    name: 'QUEUE_PREFIX',
    description: 'BullMQ key prefix on Redis, so several deployments can share one Redis.',
    default: 'bull',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1 to 64 characters of A-Z a-z 0-9 _ -' })
  prefix = 'bull';
}
