import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { ListRetryJobsQueryDto } from './dto/list-retry-jobs.query.dto';
import { RetryJobDto, RetryJobListDto } from './dto/retry-job.dto';
import { RetryJobsService } from './retry-jobs.service';

@ApiTags('retry-jobs')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiServiceUnavailableResponse({ description: 'The queue store is unreachable.' })
@Controller('api/v1/retry-jobs')
export class RetryJobsController {
  constructor(private readonly jobs: RetryJobsService) {}

  @Get()
  @Roles('owner', 'admin', 'auditor')
  @ApiOperation({
    summary: 'Queued tool calls of the organization, newest first; `state=failed` is the dead-letter list.',
  })
  @ApiOkResponse({ type: RetryJobListDto })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListRetryJobsQueryDto,
  ): Promise<RetryJobListDto> {
    return this.jobs.list(principal, query);
  }

  @Get(':id')
  @Roles('owner', 'admin', 'auditor')
  @ApiOperation({
    summary: 'One queued call: state, attempts, next attempt, last error, its writes and result.',
  })
  @ApiOkResponse({ type: RetryJobDto })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'retry job') id: string,
  ): Promise<RetryJobDto> {
    return this.jobs.get(principal, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Run a dead-lettered job again with a full set of attempts, or a delayed one now.',
  })
  @ApiOkResponse({ type: RetryJobDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The job is waiting, running or completed.' })
  retry(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'retry job') id: string,
  ): Promise<RetryJobDto> {
    return this.jobs.retry(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Discard a job: it will not run (again).' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The job is running; discard it once its attempt ends.' })
  discard(@CurrentPrincipal() principal: Principal, @IdParam('id', 'retry job') id: string): Promise<void> {
    return this.jobs.discard(principal, id);
  }
}
