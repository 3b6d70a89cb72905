import {
  ConflictException,
  HttpException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig } from '@gw/config';
import { ApprovalWebhookEntity, type TeamEntity } from '@gw/db';
import { approvalWebhookAad, generateWebhookSecret, SecretBox, WEBHOOK_SECRET_PREFIX } from '@gw/security';
import { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { isUniqueViolation } from '../common/database/unique-violation';
import { TeamsService } from '../teams/teams.service';
import type { ApprovalWebhookDto, SavedApprovalWebhookDto } from './dto/approval-webhook.dto';
import type { SetApprovalWebhookDto } from './dto/set-approval-webhook.dto';
import type { ListWebhookDeliveriesQueryDto, WebhookDeliveryDto } from './dto/webhook-delivery.dto';
import { NotificationQueue } from './notification-queue.service';
import { normalizedWebhookUrl } from './webhook-url.policy';

const NO_WEBHOOK = 'The team has no approval webhook';

/**
 * A team's approval webhook as owners and admins manage it: set, remove, test, and its deliveries. The signing
 * secret leaves the gateway once, in the answer that created or rotated it.
 */
@Injectable()
export class ApprovalWebhookSettings {
  constructor(
    @InjectRepository(ApprovalWebhookEntity) private readonly webhooks: Repository<ApprovalWebhookEntity>,
    private readonly teams: TeamsService,
    private readonly box: SecretBox,
    private readonly queue: NotificationQueue,
    private readonly app: AppConfig,
  ) {}

  async get(principal: Principal, teamId: string): Promise<ApprovalWebhookDto> {
    const team = await this.team(principal, teamId);
    return this.toDto(await this.webhook(team));
  }

  async set(
    principal: Principal,
    teamId: string,
    body: SetApprovalWebhookDto,
  ): Promise<SavedApprovalWebhookDto> {
    const team = await this.team(principal, teamId);
    const existing = await this.webhooks.findOneBy({ teamId: team.id });
    const url = this.box.seal(normalizedWebhookUrl(body.url), approvalWebhookAad(team.id, 'url'));
    const secret = !existing || body.rotate_secret ? generateWebhookSecret() : null;
    const changes: Partial<ApprovalWebhookEntity> = {
      urlCiphertext: url.ciphertext,
      urlKeyId: url.keyId,
      enabled: body.enabled ?? existing?.enabled ?? true,
      updatedByUserId: principal.userId,
      ...(secret ? this.sealedSecret(team.id, secret) : {}),
    };
    if (existing) {
      await this.webhooks.update({ teamId: team.id }, changes);
    } else {
      try {
        await this.webhooks.insert({
          ...changes,
          teamId: team.id,
          organizationId: team.organizationId,
          createdByUserId: principal.userId,
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictException(
            'The webhook was created at the same time by another request; try again.',
          );
        throw error;
      }
    }
    const saved = this.toDto(await this.webhook(team));
    return secret ? { ...saved, secret } : saved;
  }

  async remove(principal: Principal, teamId: string): Promise<void> {
    const team = await this.team(principal, teamId);
    const { affected } = await this.webhooks.delete({ teamId: team.id });
    if (!affected) throw new NotFoundException(NO_WEBHOOK);
  }

  /** Queues a signed test notification, delivered (and retried) like a real one. */
  async sendTest(principal: Principal, teamId: string): Promise<WebhookDeliveryDto> {
    const team = await this.team(principal, teamId);
    const webhook = await this.webhook(team);
    if (!webhook.enabled)
      throw new ConflictException('The webhook is turned off; turn it on to send a test.');
    return reach(() =>
      this.queue.enqueue({
        organization_id: team.organizationId,
        team: { id: team.id, name: team.name },
        event: 'webhook.test',
        approval: null,
        inbox_url: approvalsInboxUrl(this.app.dashboardUrl),
        queued_at: Date.now(),
        requested_by: principal.actor,
      }),
    );
  }

  async deliveries(
    principal: Principal,
    teamId: string,
    query: ListWebhookDeliveriesQueryDto,
  ): Promise<WebhookDeliveryDto[]> {
    const team = await this.team(principal, teamId);
    return reach(() => this.queue.list(team.organizationId, team.id, query.state, query.limit ?? 50));
  }

  async redeliver(principal: Principal, teamId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    const team = await this.team(principal, teamId);
    const outcome = await reach(() => this.queue.redeliver(team.organizationId, team.id, deliveryId));
    if (outcome === null) throw new NotFoundException('No such delivery');
    if (outcome === false)
      throw new ConflictException(
        'Only a failed delivery can be redelivered; this one is pending or delivered.',
      );
    return outcome;
  }

  private sealedSecret(teamId: string, secret: string): Partial<ApprovalWebhookEntity> {
    const sealed = this.box.seal(secret, approvalWebhookAad(teamId, 'secret'));
    return {
      secretCiphertext: sealed.ciphertext,
      secretKeyId: sealed.keyId,
      secretHint: secret.slice(-4),
      secretCreatedAt: new Date(),
    };
  }

  private async team(principal: Principal, teamId: string): Promise<TeamEntity> {
    const team = await this.teams.findInOrganization(principal.organizationId, teamId);
    if (!team) throw new NotFoundException('No such team');
    return team;
  }

  private async webhook(team: TeamEntity): Promise<ApprovalWebhookEntity> {
    const webhook = await this.webhooks.findOneBy({ teamId: team.id });
    if (!webhook) throw new NotFoundException(NO_WEBHOOK);
    return webhook;
  }

  private toDto(webhook: ApprovalWebhookEntity): ApprovalWebhookDto {
    return {
      team_id: webhook.teamId,
      url: this.box.open(
        { ciphertext: webhook.urlCiphertext, keyId: webhook.urlKeyId },
        approvalWebhookAad(webhook.teamId, 'url'),
      ),
      enabled: webhook.enabled,
      secret_hint: `${WEBHOOK_SECRET_PREFIX}…${webhook.secretHint}`,
      secret_created_at: webhook.secretCreatedAt.toISOString(),
      created_at: webhook.createdAt.toISOString(),
      updated_at: webhook.updatedAt.toISOString(),
    };
  }
}

/** A queue operation, or 503 when the queue store does not answer. */
async function reach<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpException) throw error;
    throw new ServiceUnavailableException(`The queue store is unreachable: ${(error as Error).message}`);
  }
}

/** The console's approvals inbox. */
export function approvalsInboxUrl(dashboardUrl: string): string {
  return `${dashboardUrl.replace(/\/+$/, '')}/approvals`;
}
