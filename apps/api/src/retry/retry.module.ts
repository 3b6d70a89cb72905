import { Module } from '@nestjs/common';
import { RateBudgets } from '@gw/retry';
import { rateBudgetsProvider } from './rate-budgets.provider';
import { RetryJobsController } from './retry-jobs.controller';
import { RetryJobsService } from './retry-jobs.service';
import { RetryQueue } from './retry-queue.service';

/** The retry queue (CONTRACTS §6): the shared ClickUp budget, queued tool calls and their REST API. */
@Module({
  controllers: [RetryJobsController],
  providers: [rateBudgetsProvider, RetryQueue, RetryJobsService],
  exports: [RateBudgets, RetryQueue],
})
export class RetryModule {}
