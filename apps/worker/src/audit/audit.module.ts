import { Module } from '@nestjs/common';
import { AuditArchiver } from './archive/audit-archiver';
import { AuditCheckpointJob } from './jobs/audit-checkpoint.job';
import { AuditRetentionJob } from './jobs/audit-retention.job';

@Module({
  providers: [AuditArchiver, AuditRetentionJob, AuditCheckpointJob],
  exports: [AuditRetentionJob, AuditCheckpointJob],
})
export class AuditJobsModule {}
