import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { OverviewQueryDto } from './dto/overview-query.dto';
import { OverviewDto } from './dto/overview.dto';
import { StatsService } from './stats.service';

@ApiTags('stats')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('overview')
  @Roles('owner', 'admin', 'auditor')
  @ApiOperation({
    summary: 'Tool calls per day by tool group, denied and error rates, queue depth and servers by state.',
  })
  @ApiOkResponse({ type: OverviewDto })
  overview(@CurrentPrincipal() principal: Principal, @Query() query: OverviewQueryDto): Promise<OverviewDto> {
    return this.stats.overview(principal.organizationId, query.days ?? 14);
  }
}
