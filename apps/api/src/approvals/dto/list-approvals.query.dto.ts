import { ApiPropertyOptional } from '@nestjs/swagger';
import { APPROVAL_STATES, type ApprovalState } from '@gw/db';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListApprovalsQueryDto {
  @ApiPropertyOptional({ enum: APPROVAL_STATES, description: 'Omitted: every state.' })
  @IsOptional()
  @IsIn(APPROVAL_STATES, { message: `state must be one of ${APPROVAL_STATES.join(', ')}` })
  state?: ApprovalState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'server_id must be an MCP server id' })
  server_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'team_id must be a team id' })
  team_id?: string;

  @ApiPropertyOptional({ example: 'task_delete' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,100}$/, { message: 'tool must be a tool name' })
  tool?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer from 1 to 200' })
  @Min(1, { message: 'limit must be an integer from 1 to 200' })
  @Max(200, { message: 'limit must be an integer from 1 to 200' })
  limit?: number;

  @ApiPropertyOptional({ description: '`next_cursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
