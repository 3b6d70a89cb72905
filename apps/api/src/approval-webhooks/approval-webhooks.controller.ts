import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { ApprovalWebhookSettings } from './approval-webhook-settings.service';
import { ApprovalWebhookDto, SavedApprovalWebhookDto } from './dto/approval-webhook.dto';
import { SetApprovalWebhookDto } from './dto/set-approval-webhook.dto';
import {
  ListWebhookDeliveriesQueryDto,
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
} from './dto/webhook-delivery.dto';

@ApiTags('teams')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'Only owners and admins manage approval webhooks.' })
@ApiServiceUnavailableResponse({
  description: 'The queue store is unreachable (test, deliveries, redeliver).',
})
@Controller('api/v1/teams/:id/approval-webhook')
@Roles('owner', 'admin')
export class ApprovalWebhooksController {
  constructor(private readonly settings: ApprovalWebhookSettings) {}

  @Get()
  @ApiOperation({ summary: 'The team’s approval webhook (the signing secret by its last characters only).' })
  @ApiOkResponse({ type: ApprovalWebhookDto })
  @ApiNotFoundResponse({ description: 'No such team, or the team has no approval webhook.' })
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'team') id: string,
  ): Promise<ApprovalWebhookDto> {
    return this.settings.get(principal, id);
  }

  @Put()
  // The URL of a Slack incoming webhook is a credential: the audit row keeps that one was sent, not its value.
  @Audited('approval_webhook.set', { secretBody: ['url'] })
  @ApiOperation({
    summary:
      'Set where the team’s new approval requests are announced. The first call, and one with `rotate_secret`, answer with the signing secret, once.',
  })
  @ApiOkResponse({ type: SavedApprovalWebhookDto })
  @ApiBadRequestResponse({ description: 'Not an http(s) URL, credentials or a fragment in it, or too long.' })
  @ApiNotFoundResponse()
  set(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'team') id: string,
    @Body() body: SetApprovalWebhookDto,
  ): Promise<SavedApprovalWebhookDto> {
    return this.settings.set(principal, id, body);
  }

  @Delete()
  @HttpCode(204)
  @Audited('approval_webhook.delete')
  @ApiOperation({ summary: 'Remove the webhook; its pending deliveries fail at their next attempt.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(@CurrentPrincipal() principal: Principal, @IdParam('id', 'team') id: string): Promise<void> {
    return this.settings.remove(principal, id);
  }

  @Post('test')
  @HttpCode(202)
  @Audited('approval_webhook.test')
  @ApiOperation({ summary: 'Queue a signed test notification, delivered and retried like a real one.' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The webhook is turned off.' })
  sendTest(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'team') id: string,
  ): Promise<WebhookDeliveryDto> {
    return this.settings.sendTest(principal, id);
  }

  @Get('deliveries')
  @ApiOperation({
    summary:
      'The team’s notifications, newest first, with their attempts; `state=failed` is the dead-letter list.',
  })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiNotFoundResponse()
  async deliveries(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'team') id: string,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<WebhookDeliveryListDto> {
    return { items: await this.settings.deliveries(principal, id, query) };
  }

  @Post('deliveries/:delivery_id/redeliver')
  @HttpCode(200)
  @Audited('approval_webhook.redeliver')
  @ApiOperation({ summary: 'Send a failed delivery again, with a full set of attempts.' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The delivery is pending or was delivered.' })
  redeliver(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'team') id: string,
    @IdParam('delivery_id', 'delivery') deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.settings.redeliver(principal, id, deliveryId);
  }
}
