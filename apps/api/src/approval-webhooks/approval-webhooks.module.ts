import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalWebhookEntity, TeamEntity } from '@gw/db';
import { TeamsModule } from '../teams/teams.module';
import { ApprovalWebhookSettings } from './approval-webhook-settings.service';
import { ApprovalWebhooksController } from './approval-webhooks.controller';
import { ApprovalWebhooks } from './approval-webhooks.service';
import { NotificationQueue } from './notification-queue.service';

/** Team approval webhooks: their REST API, and the notifier the approvals core calls on each new request. */
@Module({
  imports: [TypeOrmModule.forFeature([ApprovalWebhookEntity, TeamEntity]), TeamsModule],
  controllers: [ApprovalWebhooksController],
  providers: [ApprovalWebhooks, ApprovalWebhookSettings, NotificationQueue],
  exports: [ApprovalWebhooks],
})
export class ApprovalWebhooksModule {}
