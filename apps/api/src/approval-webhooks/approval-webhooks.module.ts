import { Module } from '@nestjs/common';
import { ApprovalWebhooks } from './approval-webhooks.service';

@Module({ providers: [ApprovalWebhooks], exports: [ApprovalWebhooks] })
export class ApprovalWebhooksModule {}
