import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { AuditSinksService } from './audit-sinks.service';
import { AuditSinkDto, AuditSinkListDto, SavedAuditSinkDto } from './dto/audit-sink.dto';
import { CreateAuditSinkDto } from './dto/create-audit-sink.dto';
import { UpdateAuditSinkDto } from './dto/update-audit-sink.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'Only owners and admins manage audit sinks.' })
@Controller('api/v1/audit/sinks')
@Roles('owner', 'admin')
export class AuditSinksController {
  constructor(private readonly sinks: AuditSinksService) {}

  @Get()
  @ApiOperation({ summary: 'The organization’s audit sinks, with their state and lag.' })
  @ApiOkResponse({ type: AuditSinkListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<AuditSinkListDto> {
    return { items: await this.sinks.list(principal) };
  }

  @Post()
  // OTLP headers carry a collector's credential: the audit row keeps that they were sent, not their values.
  @Audited('audit_sink.create', { secretBody: ['headers'] })
  @ApiOperation({
    summary:
      'Stream every audit event, in order and at least once, to a webhook, a syslog receiver or an OTLP collector. A webhook sink’s answer carries its signing secret, once.',
  })
  @ApiCreatedResponse({ type: SavedAuditSinkDto })
  @ApiBadRequestResponse({ description: 'A setting is missing or invalid; every problem is listed.' })
  @ApiConflictResponse({ description: 'Another sink has that name.' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAuditSinkDto,
  ): Promise<SavedAuditSinkDto> {
    return this.sinks.create(principal, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: AuditSinkDto })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'audit sink') id: string,
  ): Promise<AuditSinkDto> {
    return this.sinks.get(principal, id);
  }

  @Patch(':id')
  @Audited('audit_sink.update', { secretBody: ['headers'] })
  @ApiOperation({
    summary: 'Rename, pause or resume a sink, change where it sends, or rotate its secret; its cursor stays.',
  })
  @ApiOkResponse({ type: SavedAuditSinkDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Another sink has that name.' })
  update(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'audit sink') id: string,
    @Body() body: UpdateAuditSinkDto,
  ): Promise<SavedAuditSinkDto> {
    return this.sinks.update(principal, id, body);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Audited('audit_sink.test')
  @ApiOperation({
    summary:
      'Ask the worker to send a test message (it does not move the cursor); its outcome shows under `test`.',
  })
  @ApiAcceptedResponse({ type: AuditSinkDto })
  @ApiNotFoundResponse()
  test(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'audit sink') id: string,
  ): Promise<AuditSinkDto> {
    return this.sinks.requestTest(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Audited('audit_sink.delete')
  @ApiOperation({
    summary: 'Remove a sink; nothing more is sent to it, and retention no longer waits for it.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(@CurrentPrincipal() principal: Principal, @IdParam('id', 'audit sink') id: string): Promise<void> {
    return this.sinks.remove(principal, id);
  }
}
