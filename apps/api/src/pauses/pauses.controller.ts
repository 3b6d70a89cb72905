import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
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
import { CreatePauseDto } from './dto/create-pause.dto';
import { ListPausesQueryDto } from './dto/list-pauses.query.dto';
import { PauseDto, PauseListDto } from './dto/pause.dto';
import { ResumePauseDto } from './dto/resume-pause.dto';
import { PausesService } from './pauses.service';

@ApiTags('pauses')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/pauses')
export class PausesController {
  constructor(private readonly pauses: PausesService) {}

  @Get()
  @ApiOperation({
    summary:
      'Pauses of MCP access, newest first (`active=true`: those in force). Every role may read them: the console shows them as a banner.',
  })
  @ApiOkResponse({ type: PauseListDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListPausesQueryDto): Promise<PauseListDto> {
    return this.pauses.list(principal, query);
  }

  @Post()
  @Roles('owner', 'admin')
  @Audited('pause.created')
  @ApiOperation({
    summary:
      'Pause all MCP access of the organization, a team or a connection: every api process refuses its tool calls within a second, closes its open streams, and its queued calls hold.',
  })
  @ApiCreatedResponse({ type: PauseDto })
  @ApiForbiddenResponse({ description: 'Only owners and admins may pause.' })
  @ApiNotFoundResponse({ description: 'No such team or connection in the organization.' })
  @ApiConflictResponse({ description: 'That scope is already paused; the message names the pause in force.' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePauseDto): Promise<PauseDto> {
    return this.pauses.create(principal, body);
  }

  @Delete(':id')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @Audited('pause.resumed')
  @ApiOperation({
    summary:
      'Resume: MCP access of the scope works again, and its held calls run now (`queued: resume`, the default) or are cancelled (`queued: discard`).',
  })
  @ApiOkResponse({ type: PauseDto })
  @ApiForbiddenResponse({ description: 'Only owners and admins may resume.' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The pause was already resumed.' })
  @ApiServiceUnavailableResponse({
    description:
      'The queue store is unreachable, so held calls could not be discarded; the pause stays in force.',
  })
  resume(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'pause') id: string,
    @Body() body: ResumePauseDto,
  ): Promise<PauseDto> {
    return this.pauses.resume(principal, id, body);
  }
}
