import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { redactArguments } from '@gw/audit-recorder';
import { AppConfig } from '@gw/config';
import { ApprovalWebhookEntity, TeamEntity } from '@gw/db';
import { Repository } from 'typeorm';
import type { ApprovalNotice } from './approval-notice';
import { approvalsInboxUrl } from './approval-webhook-settings.service';
import { NotificationQueue } from './notification-queue.service';

/** Tells a team's approvers of a new request through the team's webhook. */
@Injectable()
export class ApprovalWebhooks {
  private readonly logger = new Logger(ApprovalWebhooks.name);

  constructor(
    @InjectRepository(ApprovalWebhookEntity) private readonly webhooks: Repository<ApprovalWebhookEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    private readonly queue: NotificationQueue,
    private readonly app: AppConfig,
  ) {}

  /**
   * Queues one delivery to the server's team webhook, when the team has one that is on; otherwise does nothing.
   * Never throws: a request whose notification cannot be queued still waits in the console's inbox, so the failure
   * is logged rather than failing the agent's call. Returns the delivery id, if one was queued.
   */
  async notify(notice: ApprovalNotice): Promise<string | null> {
    if (!notice.team_id) return null;
    try {
      const webhook = await this.webhooks.findOne({
        where: { teamId: notice.team_id, organizationId: notice.organization_id },
        select: { teamId: true, enabled: true },
      });
      if (!webhook?.enabled) return null;
      const team = await this.teams.findOneByOrFail({ id: notice.team_id });
      // The message leaves the gateway: a token that slipped into the text (a secret MCP URL) does not go with it.
      const text = redactArguments({ summary: notice.summary, requested_by: notice.requested_by }) as Pick<
        ApprovalNotice,
        'summary' | 'requested_by'
      >;
      const delivery = await this.queue.enqueue({
        organization_id: notice.organization_id,
        team: { id: team.id, name: team.name },
        event: 'approval.requested',
        approval: {
          id: notice.approval_id,
          server: notice.server,
          tool: notice.tool,
          summary: text.summary,
          requested_by: text.requested_by,
          approval_url: notice.approval_url,
          expires_at: notice.expires_at,
        },
        inbox_url: approvalsInboxUrl(this.app.dashboardUrl),
        queued_at: Date.now(),
      });
      return delivery.id;
    } catch (error) {
      this.logger.warn(
        `approval ${notice.approval_id}: its team's webhook could not be told: ${(error as Error).message}`,
      );
      return null;
    }
  }
}
