import { Module } from '@nestjs/common';
import { SessionCleanupJob } from './jobs/session-cleanup.job';

@Module({ providers: [SessionCleanupJob], exports: [SessionCleanupJob] })
export class MaintenanceJobsModule {}
