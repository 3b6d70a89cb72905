import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiBearerAuth,
  ApiCookieAuth,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { ConnectionsService } from './connections.service';
import { ConnectionDto } from './dto/connection.dto';
import { CreateConnectionDto } from './dto/create-connection.dto';
import { GetConnectionQueryDto } from './dto/get-connection.query.dto';
import { SetConnectionTeamsDto } from './dto/set-connection-teams.dto';

@ApiTags('connections')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Connect a ClickUp account with a personal token.',
    description:
      'The token is checked with ClickUp (`GET /v2/user`, `GET /v2/team`) before anything is saved.',
  })
  @ApiCreatedResponse({ type: ConnectionDto })
  @ApiUnprocessableEntityResponse({ description: 'ClickUp did not accept the token.' })
  @ApiBadGatewayResponse({ description: 'ClickUp did not answer.' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateConnectionDto,
  ): Promise<ConnectionDto> {
    return this.connections.create(principal, body);
  }

  @Get()
  @ApiOperation({
    summary:
      'The connections of the organization (metadata only, never a credential); a member sees those its teams may use.',
  })
  @ApiOkResponse({ type: [ConnectionDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<ConnectionDto[]> {
    return this.connections.list(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One connection; `?refresh=true` asks ClickUp again for its workspaces.' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'connection') id: string,
    @Query() query: GetConnectionQueryDto,
  ): Promise<ConnectionDto> {
    return this.connections.get(principal, id, query.refresh);
  }

  @Put(':id/teams')
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Grant the connection to exactly these teams: their members may build MCP servers on it.',
    description: 'Owners and admins use every connection; a member only those granted to one of its teams.',
  })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiBadRequestResponse({ description: 'A team id of no team of the organization.' })
  @ApiNotFoundResponse()
  setTeams(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'connection') id: string,
    @Body() body: SetConnectionTeamsDto,
  ): Promise<ConnectionDto> {
    return this.connections.setTeams(principal, id, body.team_ids);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Remove a connection: its credential is wiped and all its MCP servers revoked.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(@CurrentPrincipal() principal: Principal, @IdParam('id', 'connection') id: string): Promise<void> {
    return this.connections.remove(principal, id);
  }
}
