import { DynamicModule, Global, Module } from '@nestjs/common';
import { QueueBackend } from '@gw/queue';
import { DataSource } from 'typeorm';
import { AuditJobsModule } from './audit/audit.module';
import { AuditRetentionJob } from './audit/jobs/audit-retention.job';
import { JOB_PROCESSORS } from './jobs/job-processor';
import { WorkerHost } from './jobs/worker-host';
import { createWorkerLogger, WORKER_LOGGER } from './jobs/worker-logger';
import { SessionCleanupJob } from './maintenance/jobs/session-cleanup.job';
import { MaintenanceJobsModule } from './maintenance/maintenance.module';
import { ExpireServerJob } from './mcp-servers/jobs/expire-server.job';
import { McpServerJobsModule } from './mcp-servers/mcp-servers.module';

export interface WorkerRuntime {
  dataSource: DataSource;
  queues: QueueBackend;
  logLevel: string;
}

@Global()
@Module({})
export class WorkerModule {
  static forRoot(runtime: WorkerRuntime): DynamicModule {
    return {
      module: WorkerModule,
      imports: [MaintenanceJobsModule, McpServerJobsModule, AuditJobsModule],
      providers: [
        { provide: DataSource, useValue: runtime.dataSource },
        { provide: QueueBackend, useValue: runtime.queues },
        { provide: WORKER_LOGGER, useValue: createWorkerLogger(runtime.logLevel) },
        {
          provide: JOB_PROCESSORS,
          useFactory: (...processors) => processors,
          inject: [SessionCleanupJob, ExpireServerJob, AuditRetentionJob],
        },
        WorkerHost,
      ],
      exports: [DataSource, QueueBackend, WORKER_LOGGER],
    };
  }
}
