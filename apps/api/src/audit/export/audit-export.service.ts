import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../../auth/principal';
import { adminEvent, type AuditedRequest } from '../admin-audit.interceptor';
import { AuditService } from '../audit.service';
import type { AuditExportQueryDto } from '../query/audit-filters';
import { AuditQueryService } from '../query/audit-query.service';
import { writeExport } from './write-export';

/**
 * An export is recorded before its first byte leaves: the answer is streamed, so recording after the handler (as
 * for other admin actions) would hand out the data before the audit row commits.
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly audit: AuditService,
    private readonly query: AuditQueryService,
  ) {}

  async export(
    request: AuditedRequest,
    principal: Principal,
    filters: AuditExportQueryDto,
    reply: FastifyReply,
  ): Promise<void> {
    request.auditRecorded = true;
    await this.audit.record(adminEvent(request, 'audit.export', 'ok', [], null));
    await writeExport(reply, filters.format ?? 'jsonl', (sink) =>
      this.query.forEach(principal.organizationId, filters, sink),
    );
  }
}
