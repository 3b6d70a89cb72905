import type { QueueBackend } from '@gw/queue';
import { PostgresBudgetStore, type TransactionRunner } from './postgres-budget-store';
import { RateBudgets, type RateBudgetsOptions } from './rate-budgets';
import { RedisBudgetStore } from './redis-budget-store';

/** The process's budgets, on the shared store beside the queue: Redis when configured, PostgreSQL otherwise. */
export function createRateBudgets(
  queues: QueueBackend,
  database: TransactionRunner,
  options: RateBudgetsOptions & { defaultLimit: number },
): RateBudgets {
  const redis = queues.redis();
  const store = redis
    ? new RedisBudgetStore(redis, queues.prefix, options.defaultLimit)
    : new PostgresBudgetStore(database, options.defaultLimit);
  return new RateBudgets(store, options);
}
