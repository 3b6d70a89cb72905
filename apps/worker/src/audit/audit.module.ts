import { Module } from '@nestjs/common';
import { AuditRetentionJob } from './jobs/audit-retention.job';

@Module({ providers: [AuditRetentionJob], exports: [AuditRetentionJob] })
export class AuditJobsModule {}
