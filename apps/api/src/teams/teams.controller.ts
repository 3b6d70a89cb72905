import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiBearerAuth,
  ApiCookieAuth,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { AddTeamMemberDto } from './dto/add-team-member.dto';
import { CreateTeamDto } from './dto/create-team.dto';
import { TeamDetailDto, TeamDto } from './dto/team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'Teams of the organization (a member sees its own teams).' })
  @ApiOkResponse({ type: [TeamDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<TeamDto[]> {
    return this.teams.list(principal);
  }

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Create a team.' })
  @ApiCreatedResponse({ type: TeamDetailDto })
  @ApiConflictResponse({ description: 'A team with that name exists.' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateTeamDto): Promise<TeamDetailDto> {
    return this.teams.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A team with its members.' })
  @ApiOkResponse({ type: TeamDetailDto })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() principal: Principal, @IdParam('id', 'team') id: string): Promise<TeamDetailDto> {
    return this.teams.get(principal, id);
  }

  @Post(':id/members')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add a user of the organization to the team (repeating it changes nothing).' })
  @ApiCreatedResponse({ type: TeamDetailDto })
  @ApiNotFoundResponse()
  addMember(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'team') id: string,
    @Body() body: AddTeamMemberDto,
  ): Promise<TeamDetailDto> {
    return this.teams.addMember(principal, id, body.user_id);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Remove a user from the team.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  removeMember(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'team') id: string,
    @IdParam('userId', 'team member') userId: string,
  ): Promise<void> {
    return this.teams.removeMember(principal, id, userId);
  }
}
