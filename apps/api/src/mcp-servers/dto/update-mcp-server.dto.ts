import { ApiPropertyOptional } from '@nestjs/swagger';
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
import { CLICKUP_ID } from './create-mcp-server.dto';
import { McpServerConfigInputDto } from './mcp-server-config.dto';

/** Absent fields stay as they are; `expires_at: null` removes the expiry, `team_id: null` the team. */
export class UpdateMcpServerDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: McpServerConfigInputDto, description: 'Given keys replace the current ones.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => McpServerConfigInputDto)
  config?: McpServerConfigInputDto;

  @ApiPropertyOptional({ type: [String], description: 'An empty list opens the whole workspace.' })
  @IsOptional()
  @ClickUpIds()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @Matches(CLICKUP_ID, { each: true, message: 'space_ids must hold ClickUp space ids' })
  space_ids?: string[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expires_at must be an ISO-8601 date-time or null' })
  expires_at?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'team_id must be a team id or null' })
  team_id?: string | null;
}
