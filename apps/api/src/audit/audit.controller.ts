import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuditRecord } from '@gw/audit-chain';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { Audited } from './audit-action.decorator';
import { AuditEventDto, AuditPageDto, ChainVerdictDto } from './dto/audit-event.dto';
import type { AuditedRequest } from './admin-audit.interceptor';
import { AuditExportService } from './export/audit-export.service';
import { AuditExportQueryDto, AuditListQueryDto } from './query/audit-filters';
import { AuditQueryService } from './query/audit-query.service';

/** Read-only by design: the API offers no way to edit or delete audit events, for any role. */
@ApiTags('audit')
@Roles('owner', 'admin', 'auditor')
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly exports: AuditExportService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Agent and admin actions, newest first, with filters and cursor pagination.' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: AuditListQueryDto): Promise<AuditPageDto> {
    return this.audit.list(principal.organizationId, query);
  }

  @Get('export')
  @Audited('audit.export')
  @ApiOperation({ summary: 'The filtered events as CSV or JSONL (with hashes), oldest first, streamed.' })
  @ApiProduces('text/csv', 'application/x-ndjson')
  export(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditExportQueryDto,
    @Req() request: AuditedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.exports.export(request, principal, query, reply);
  }

  @Get('verify')
  @Audited('audit.verify')
  @ApiOperation({ summary: 'Walks the hash chain; names the first row that was changed, removed or moved.' })
  @ApiOkResponse({ type: ChainVerdictDto })
  verify(@CurrentPrincipal() principal: Principal): Promise<ChainVerdictDto> {
    return this.audit.verify(principal.organizationId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event.' })
  @ApiOkResponse({ type: AuditEventDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AuditRecord> {
    return this.audit.get(principal.organizationId, id);
  }
}
