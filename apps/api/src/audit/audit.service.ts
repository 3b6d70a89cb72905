import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditRecord } from '@gw/audit-chain';
import { auditRecordOf, type AuditEventInput } from '@gw/audit-recorder';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { AuditWriter } from './audit-writer';

export type { AuditEventInput };

/** Every agent and admin action goes through `record`, which resolves once the row is committed. */
@Injectable()
export class AuditService {
  private defaultOrganization?: Promise<string>;

  constructor(
    private readonly writer: AuditWriter,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {
    metrics.measureAuditBacklog(() => writer.pending);
  }

  async record(input: AuditEventInput): Promise<AuditRecord> {
    const organizationId = input.organizationId ?? (await this.firstOrganization());
    const record = auditRecordOf({ ...input, organizationId });
    return this.metrics.timeAuditAppend(() => this.writer.append(record));
  }

  private firstOrganization(): Promise<string> {
    this.defaultOrganization ??= this.dataSource
      .query('SELECT id FROM organizations ORDER BY created_at ASC LIMIT 1')
      .then((rows: { id: string }[]) => {
        if (!rows[0]) throw new Error('no organization exists yet');
        return rows[0].id;
      });
    return this.defaultOrganization;
  }
}
