import { Controller, Delete, ForbiddenException, Get, HttpCode, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuditedRequest } from '../../audit/admin-audit.interceptor';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { noteOn } from '../interactions/oauth-interactions.controller';
import { OAuthIdParam } from '../oauth-id.param';
import { ConnectedAgents } from './connected-agents.service';
import { ConnectedAgentDto, ListConnectedAgentsQueryDto } from './dto/connected-agent.dto';

/** Everyone's connected agents, for owners and admins. */
@ApiTags('connected-agents')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/connected-agents')
export class ConnectedAgentsController {
  constructor(private readonly agents: ConnectedAgents) {}

  @Get()
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'MCP clients people of the organization let act for them on sign-in MCP servers.',
  })
  @ApiOkResponse({ type: [ConnectedAgentDto] })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListConnectedAgentsQueryDto,
  ): Promise<ConnectedAgentDto[]> {
    return this.agents.list(principal, { userId: query.user_id, serverId: query.server_id });
  }

  @Delete(':grant_id')
  @HttpCode(204)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Revoke a connected agent: every token it holds stops working at once.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  revoke(
    @CurrentPrincipal() principal: Principal,
    @OAuthIdParam('grant_id', 'connected agent') grantId: string,
    @Req() request: AuditedRequest,
  ): Promise<void> {
    return this.agents.revoke(principal, grantId, null, noteOn(request));
  }
}

/** The signed-in person's own connected agents. */
@ApiTags('connected-agents')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/me/connected-agents')
export class MyConnectedAgentsController {
  constructor(private readonly agents: ConnectedAgents) {}

  @Get()
  @ApiOperation({ summary: 'MCP clients you let act for you on sign-in MCP servers.' })
  @ApiOkResponse({ type: [ConnectedAgentDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<ConnectedAgentDto[]> {
    return this.agents.list(principal, { userId: personOf(principal) });
  }

  @Delete(':grant_id')
  @HttpCode(204)
  // An auditor changes nothing, and can sign in to no MCP server, so has no agent to disconnect.
  @Roles('owner', 'admin', 'member')
  @ApiOperation({
    summary: 'Revoke one of your connected agents: every token it holds stops working at once.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  revoke(
    @CurrentPrincipal() principal: Principal,
    @OAuthIdParam('grant_id', 'connected agent') grantId: string,
    @Req() request: AuditedRequest,
  ): Promise<void> {
    return this.agents.revoke(principal, grantId, personOf(principal), noteOn(request));
  }
}

function personOf(principal: Principal): string {
  if (!principal.userId) throw new ForbiddenException('This API token acts for no person');
  return principal.userId;
}
