import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { EnqueuedJobDto, JobStatusDto } from './dto/job.dto';
import { MaintenanceService } from './maintenance.service';

@ApiTags('maintenance')
@Controller('api/v1/maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Post('session-cleanup')
  @HttpCode(202)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete expired dashboard sessions now (the worker also does it nightly).' })
  @ApiAcceptedResponse({ type: EnqueuedJobDto })
  async sessionCleanup(@CurrentPrincipal() principal: Principal): Promise<EnqueuedJobDto> {
    return { job_id: await this.maintenance.enqueueSessionCleanup(principal.actor) };
  }

  @Get('jobs/:id')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'State of a maintenance job.' })
  @ApiOkResponse({ type: JobStatusDto })
  status(@Param('id') id: string): Promise<JobStatusDto> {
    return this.maintenance.status(id);
  }
}
