import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { CreateMcpServerDto } from './dto/create-mcp-server.dto';
import { ListMcpServersQueryDto } from './dto/list-mcp-servers.query.dto';
import { CreatedMcpServerDto, McpServerDto, RotatedTokenDto } from './dto/mcp-server.dto';
import { UpdateMcpServerDto } from './dto/update-mcp-server.dto';
import { McpServersService } from './mcp-servers.service';

@ApiTags('mcp-servers')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1')
export class McpServersController {
  constructor(private readonly servers: McpServersService) {}

  @Post('connections/:id/mcp-servers')
  @Roles('owner', 'admin', 'member')
  @ApiOperation({
    summary: 'Create an MCP server on a connection. The answer holds its URL and token, shown this once.',
  })
  @ApiCreatedResponse({ type: CreatedMcpServerDto })
  @ApiBadRequestResponse({
    description: 'Unknown methods/tags, a workspace or spaces out of reach, a past expiry.',
  })
  @ApiNotFoundResponse({ description: 'No such connection.' })
  create(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'connection') connectionId: string,
    @Body() body: CreateMcpServerDto,
  ): Promise<CreatedMcpServerDto> {
    return this.servers.create(principal, connectionId, body);
  }

  @Get('mcp-servers')
  @ApiOperation({ summary: 'MCP servers (a member sees its teams’ servers), with state and last use.' })
  @ApiOkResponse({ type: [McpServerDto] })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMcpServersQueryDto,
  ): Promise<McpServerDto[]> {
    return this.servers.list(principal, query);
  }

  @Get('mcp-servers/:id')
  @ApiOperation({ summary: 'One MCP server (never its token).' })
  @ApiOkResponse({ type: McpServerDto })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'MCP server') id: string,
  ): Promise<McpServerDto> {
    return this.servers.get(principal, id);
  }

  @Patch('mcp-servers/:id')
  @Roles('owner', 'admin', 'member')
  @ApiOperation({
    summary: 'Change name, config, spaces, expiry or team. Takes effect on the MCP URL within a second.',
  })
  @ApiOkResponse({ type: McpServerDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The server is revoked.' })
  update(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'MCP server') id: string,
    @Body() body: UpdateMcpServerDto,
  ): Promise<McpServerDto> {
    return this.servers.update(principal, id, body);
  }

  @Delete('mcp-servers/:id')
  @HttpCode(204)
  @Roles('owner', 'admin', 'member')
  @ApiOperation({ summary: 'Revoke an MCP server: its URL stops working for good.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  revoke(@CurrentPrincipal() principal: Principal, @IdParam('id', 'MCP server') id: string): Promise<void> {
    return this.servers.revoke(principal, id);
  }

  @Post('mcp-servers/:id/rotate')
  @HttpCode(200)
  @Roles('owner', 'admin', 'member')
  @ApiOperation({ summary: 'Replace the token: the answer holds the new URL, the old one stops working.' })
  @ApiOkResponse({ type: RotatedTokenDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The server is revoked.' })
  rotate(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'MCP server') id: string,
  ): Promise<RotatedTokenDto> {
    return this.servers.rotate(principal, id);
  }
}
