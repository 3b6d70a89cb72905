import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ClickUpIds } from './clickup-id.transform';
import { McpServerConfigInputDto } from './mcp-server-config.dto';

export const CLICKUP_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class CreateMcpServerDto {
  @ApiProperty({ example: 'Support agent', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '9011234567', description: 'A ClickUp workspace the connection reaches.' })
  @ClickUpIds()
  @IsString({ message: 'workspace_id must be a ClickUp workspace id' })
  @Matches(CLICKUP_ID, { message: 'workspace_id must be a ClickUp workspace id' })
  workspace_id: string;

  @ApiPropertyOptional({ type: [String], description: 'Pin the server to these spaces of the workspace.' })
  @IsOptional()
  @ClickUpIds()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @Matches(CLICKUP_ID, { each: true, message: 'space_ids must hold ClickUp space ids' })
  space_ids?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The team that owns the server (required for members).',
  })
  @IsOptional()
  @IsUUID('all', { message: 'team_id must be a team id' })
  team_id?: string;

  @ApiPropertyOptional({ type: McpServerConfigInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => McpServerConfigInputDto)
  config?: McpServerConfigInputDto;

  @ApiPropertyOptional({ format: 'date-time', description: 'In the future; the URL stops working then.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expires_at must be an ISO-8601 date-time' })
  expires_at?: string;
}
