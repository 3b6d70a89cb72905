import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditConfig } from '@gw/config';
import { OrganizationEntity } from '@gw/db';
import { JOB_QUEUES, QueueBackend } from '@gw/queue';
import { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { SettingsDto } from './dto/settings.dto';
import type { UpdateSettingsDto } from './dto/update-settings.dto';

/** Organization-wide settings; today the audit retention period. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    private readonly queues: QueueBackend,
    private readonly audit: AuditConfig,
  ) {}

  async get(principal: Principal): Promise<SettingsDto> {
    const organization = await this.organizations.findOne({ where: { id: principal.organizationId } });
    if (!organization) throw new NotFoundException('The organization no longer exists');
    return {
      organization_id: organization.id,
      organization_name: organization.name,
      audit_retention_days: organization.auditRetentionDays,
      audit_retention_min_days: this.audit.retentionMinDays,
    };
  }

  async update(principal: Principal, body: UpdateSettingsDto): Promise<SettingsDto> {
    const days = body.audit_retention_days;
    if (days !== undefined) {
      const floor = this.audit.retentionMinDays;
      if (days < floor) {
        throw new BadRequestException([
          `audit_retention_days must be at least ${floor} (AUDIT_RETENTION_MIN_DAYS)`,
        ]);
      }
      const current = await this.get(principal);
      // Shortening is the one change that destroys history, so the caller repeats the number it means.
      if (days < current.audit_retention_days && body.confirm_audit_retention_days !== days) {
        throw new BadRequestException([
          `shortening the audit retention from ${current.audit_retention_days} to ${days} days erases every audit ` +
            `event older than ${days} days: send confirm_audit_retention_days: ${days} to confirm`,
        ]);
      }
      await this.organizations.update({ id: principal.organizationId }, { auditRetentionDays: days });
    }
    return this.get(principal);
  }

  /** The nightly retention job, now, for the caller's organization; its state is at /maintenance/jobs/{id}. */
  async runAuditRetention(principal: Principal): Promise<string> {
    const job = await this.queues
      .queue(JOB_QUEUES['audit-retention'])
      .add(
        'audit-retention',
        { organization_id: principal.organizationId, requested_by: principal.actor },
        { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 7 * 86400 } },
      );
    return String(job.id);
  }
}
