import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalEntity, McpServerEntity, UserEntity } from '@gw/db';
import { RetryModule } from '../retry/retry.module';
import { TeamsModule } from '../teams/teams.module';
import { ApprovalExpiryScheduler } from './approval-expiry.scheduler';
import { ApprovalStore } from './approval-store';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

/** Tool calls held for a person's approval: their store, their expiry, and the REST API that decides them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ApprovalEntity, McpServerEntity, UserEntity]),
    RetryModule,
    TeamsModule,
  ],
  controllers: [ApprovalsController],
  providers: [ApprovalsService, ApprovalStore, ApprovalExpiryScheduler],
  exports: [ApprovalStore, ApprovalExpiryScheduler],
})
export class ApprovalsModule {}
