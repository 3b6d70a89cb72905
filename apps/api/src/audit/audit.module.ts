import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AdminAuditInterceptor } from './admin-audit.interceptor';
import { AuditWriter } from './audit-writer';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditCheckpointsController } from './checkpoints/audit-checkpoints.controller';
import { CheckpointStatusService } from './checkpoints/checkpoint-status.service';
import { AuditExportService } from './export/audit-export.service';
import { CallsInFlight } from './in-flight/calls-in-flight.service';
import { AuditQueryService } from './query/audit-query.service';

@Module({
  controllers: [AuditController, AuditCheckpointsController],
  providers: [
    AuditWriter,
    AuditService,
    AuditQueryService,
    AuditExportService,
    CheckpointStatusService,
    CallsInFlight,
    { provide: APP_INTERCEPTOR, useClass: AdminAuditInterceptor },
  ],
  exports: [AuditService, CallsInFlight],
})
export class AuditModule {}
