import { Module } from '@nestjs/common';
import { AuditSinksController } from './audit-sinks.controller';
import { AuditSinksService } from './audit-sinks.service';

/** The organization's audit sinks: their REST API. The worker's dispatchers deliver to them. */
@Module({ controllers: [AuditSinksController], providers: [AuditSinksService] })
export class AuditSinksModule {}
