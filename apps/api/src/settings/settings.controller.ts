import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { EnqueuedJobDto } from '../maintenance/dto/job.dto';
import { SettingsDto } from './dto/settings.dto';
import { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Roles('owner', 'admin', 'auditor')
  @ApiOperation({ summary: 'The organization’s settings.' })
  @ApiOkResponse({ type: SettingsDto })
  get(@CurrentPrincipal() principal: Principal): Promise<SettingsDto> {
    return this.settings.get(principal);
  }

  @Patch()
  @Roles('owner')
  @ApiOperation({
    summary: 'Change the organization’s settings (owner only; recorded in the audit log).',
    description:
      'Shortening the audit retention needs `confirm_audit_retention_days` equal to the new value; a value below ' +
      '`audit_retention_min_days` is refused.',
  })
  @ApiOkResponse({ type: SettingsDto })
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateSettingsDto): Promise<SettingsDto> {
    return this.settings.update(principal, body);
  }

  @Post('audit-retention/run')
  @HttpCode(202)
  @Roles('owner')
  @Audited('settings.run_audit_retention')
  @ApiOperation({
    summary:
      'Purge audit events past the retention period now (owner only; the worker also does it daily). Follow the job at /maintenance/jobs/{job_id}.',
  })
  @ApiAcceptedResponse({ type: EnqueuedJobDto })
  async runAuditRetention(@CurrentPrincipal() principal: Principal): Promise<EnqueuedJobDto> {
    return { job_id: await this.settings.runAuditRetention(principal) };
  }
}
