import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MCP_SERVER_STATES, type McpServerState } from '../mcp-server-state';

export class ListMcpServersQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'team_id must be a team id' })
  team_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'connection_id must be a connection id' })
  connection_id?: string;

  @ApiPropertyOptional({ enum: MCP_SERVER_STATES, description: '`active` includes `expiring_soon`.' })
  @IsOptional()
  @IsIn(MCP_SERVER_STATES, { message: `state must be one of ${MCP_SERVER_STATES.join(', ')}` })
  state?: McpServerState;
}
