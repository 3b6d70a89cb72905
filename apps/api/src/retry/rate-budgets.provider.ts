import { Logger, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { RetryConfig } from '@gw/config';
import { QueueBackend } from '@gw/queue';
import { createRateBudgets, RateBudgets } from '@gw/retry';
import type { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';

/** This process's side of the shared ClickUp request budgets, on the store beside the queue. */
export const rateBudgetsProvider: Provider = {
  provide: RateBudgets,
  inject: [QueueBackend, getDataSourceToken(), RetryConfig, MetricsService],
  useFactory: (
    queues: QueueBackend,
    dataSource: DataSource,
    config: RetryConfig,
    metrics: MetricsService,
  ) => {
    const logger = new Logger('RateBudgets');
    return createRateBudgets(queues, dataSource, {
      defaultLimit: config.defaultRateLimit,
      onWaited: (seconds) => metrics.budgetWait.observe(seconds),
      onStoreError: (error) =>
        logger.warn(
          `the shared ClickUp request budget is unreachable (${(error as Error).message}); counting in this process alone`,
        ),
    });
  },
};
