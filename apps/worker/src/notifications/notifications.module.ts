import { Module } from '@nestjs/common';
import { ApprovalNotificationJob } from './jobs/approval-notification.job';

@Module({ providers: [ApprovalNotificationJob], exports: [ApprovalNotificationJob] })
export class NotificationJobsModule {}
