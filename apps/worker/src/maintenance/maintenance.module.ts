import { Module } from '@nestjs/common';
import { SecurityEventRetentionJob } from './jobs/security-event-retention.job';
import { SessionCleanupJob } from './jobs/session-cleanup.job';

@Module({
  providers: [SessionCleanupJob, SecurityEventRetentionJob],
  exports: [SessionCleanupJob, SecurityEventRetentionJob],
})
export class MaintenanceJobsModule {}
