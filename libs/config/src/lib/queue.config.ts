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
}
