import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { SetTeamPolicyDto, TeamPolicyDto } from '../dto/team-policy.dto';
import { TeamAccessService } from './team-access.service';

@ApiTags('teams')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/teams')
export class TeamPoliciesController {
  constructor(private readonly access: TeamAccessService) {}

  @Get(':id/policy')
  @ApiOperation({
    summary:
      'What the team’s members may build: its policy (or the default, read methods only) and its connections.',
  })
  @ApiOkResponse({ type: TeamPolicyDto })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() principal: Principal, @IdParam('id', 'team') id: string): Promise<TeamPolicyDto> {
    return this.access.getPolicy(principal, id);
  }

  @Put(':id/policy')
  @Roles('owner', 'admin')
  @ApiOperation({
    summary:
      'Set the team’s policy. Members create and edit servers only within it; existing servers beyond it are flagged.',
  })
  @ApiOkResponse({ type: TeamPolicyDto })
  @ApiBadRequestResponse({
    description: 'A missing field, an unknown method or tag, a connection of no one.',
  })
  @ApiForbiddenResponse({ description: 'Only owners and admins set policies.' })
  @ApiNotFoundResponse()
  set(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'team') id: string,
    @Body() body: SetTeamPolicyDto,
  ): Promise<TeamPolicyDto> {
    return this.access.setPolicy(principal, id, body);
  }
}
