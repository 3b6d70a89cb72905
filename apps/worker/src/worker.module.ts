import { DynamicModule, Global, Module } from '@nestjs/common';
import {
  ApprovalWebhookConfig,
  AuditArchiveConfig,
  AuditCheckpointConfig,
  AuditConfig,
  AuditSinkConfig,
  ClickUpConfig,
  RetryConfig,
} from '@gw/config';
import { type LogFormat } from '@gw/logging';
import { GatewayMetrics } from '@gw/metrics';
import { QueueBackend } from '@gw/queue';
import { createRateBudgets, RateBudgets } from '@gw/retry';
import { SecretBox } from '@gw/security';
import { DataSource } from 'typeorm';
import { ApprovalJobsModule } from './approvals/approvals.module';
import { ExpireApprovalJob } from './approvals/jobs/expire-approval.job';
import { AuditJobsModule } from './audit/audit.module';
import { AuditCheckpointJob } from './audit/jobs/audit-checkpoint.job';
import { AuditSinksModule } from './audit-sinks/audit-sinks.module';
import { AuditRetentionJob } from './audit/jobs/audit-retention.job';
import { EncryptionJobsModule } from './encryption/encryption.module';
import { RekeyJob } from './encryption/jobs/rekey.job';
import { JOB_PROCESSORS } from './jobs/job-processor';
import { WorkerHost } from './jobs/worker-host';
import { createWorkerLogger, WORKER_LOGGER } from './jobs/worker-logger';
import { SecurityEventRetentionJob } from './maintenance/jobs/security-event-retention.job';
import { SessionCleanupJob } from './maintenance/jobs/session-cleanup.job';
import { MaintenanceJobsModule } from './maintenance/maintenance.module';
import { ExpireServerJob } from './mcp-servers/jobs/expire-server.job';
import { McpServerJobsModule } from './mcp-servers/mcp-servers.module';
import { ApprovalNotificationJob } from './notifications/jobs/approval-notification.job';
import { NotificationJobsModule } from './notifications/notifications.module';
import { ToolCallJob } from './retry/jobs/tool-call.job';
import { RetryJobsModule } from './retry/retry.module';

export interface WorkerRuntime {
  dataSource: DataSource;
  queues: QueueBackend;
  logLevel: string;
  logFormat: LogFormat;
  clickup: ClickUpConfig;
  retry: RetryConfig;
  audit: AuditConfig;
  /** Signed checkpoints of the audit chain (off without `AUDIT_SIGNING_KEY`). */
  checkpoints: AuditCheckpointConfig;
  /** Where retention archives what it purges (nowhere when unset). */
  archive: AuditArchiveConfig;
  approvalWebhook: ApprovalWebhookConfig;
  auditSink: AuditSinkConfig;
  /** Opens connection credentials, for the calls the worker replays; null without an encryption key. */
  secrets: SecretBox | null;
  metrics: GatewayMetrics;
}

@Global()
@Module({})
export class WorkerModule {
  static forRoot(runtime: WorkerRuntime): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        MaintenanceJobsModule,
        McpServerJobsModule,
        AuditJobsModule,
        RetryJobsModule,
        ApprovalJobsModule,
        NotificationJobsModule,
        EncryptionJobsModule,
        AuditSinksModule,
      ],
      providers: [
        { provide: DataSource, useValue: runtime.dataSource },
        { provide: GatewayMetrics, useValue: runtime.metrics },
        { provide: QueueBackend, useValue: runtime.queues },
        { provide: WORKER_LOGGER, useValue: createWorkerLogger(runtime.logLevel, runtime.logFormat) },
        { provide: ClickUpConfig, useValue: runtime.clickup },
        { provide: RetryConfig, useValue: runtime.retry },
        { provide: AuditConfig, useValue: runtime.audit },
        { provide: AuditCheckpointConfig, useValue: runtime.checkpoints },
        { provide: AuditArchiveConfig, useValue: runtime.archive },
        { provide: ApprovalWebhookConfig, useValue: runtime.approvalWebhook },
        { provide: AuditSinkConfig, useValue: runtime.auditSink },
        ...(runtime.secrets ? [{ provide: SecretBox, useValue: runtime.secrets }] : []),
        {
          provide: RateBudgets,
          inject: [WORKER_LOGGER],
          useFactory: (logger: ReturnType<typeof createWorkerLogger>) =>
            createRateBudgets(runtime.queues, runtime.dataSource, {
              defaultLimit: runtime.retry.defaultRateLimit,
              onWaited: (seconds) => runtime.metrics.budgetWait.observe(seconds),
              onStoreError: (error) =>
                logger.warn(
                  { err: (error as Error).message },
                  'the shared ClickUp request budget is unreachable; counting in this process alone',
                ),
            }),
        },
        {
          provide: JOB_PROCESSORS,
          useFactory: (...processors) => processors,
          inject: [
            SessionCleanupJob,
            ExpireServerJob,
            AuditRetentionJob,
            AuditCheckpointJob,
            SecurityEventRetentionJob,
            ExpireApprovalJob,
            ToolCallJob,
            ApprovalNotificationJob,
            RekeyJob,
          ],
        },
        WorkerHost,
      ],
      exports: [
        DataSource,
        GatewayMetrics,
        QueueBackend,
        WORKER_LOGGER,
        ClickUpConfig,
        RetryConfig,
        AuditConfig,
        AuditCheckpointConfig,
        AuditArchiveConfig,
        ApprovalWebhookConfig,
        AuditSinkConfig,
        RateBudgets,
        ...(runtime.secrets ? [SecretBox] : []),
      ],
    };
  }
}
