import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { METHOD_FILTERS, TOOL_TAGS } from '@gw/tool-filters';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsUUID,
  Matches,
  Max,
  Min,
  IsOptional,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApprovalPolicyDto, ApprovalPolicyInputDto } from '../../mcp-servers/dto/approval-policy.dto';
import { ClickUpIds } from '../../mcp-servers/dto/clickup-id.transform';
import { CLICKUP_ID } from '../../mcp-servers/dto/create-mcp-server.dto';

const MAX_EXPIRY_DAYS = 3650;

/** The whole policy: every field is required, so a forgotten list never reads as "everything". */
export class SetTeamPolicyDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Connections the team may use, among those granted to it; empty means every granted one.',
  })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'connection_ids must hold connection ids' })
  connection_ids: string[];

  @ApiProperty({ type: [String], description: 'ClickUp workspaces the team may use; empty means all.' })
  @ClickUpIds()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @Matches(CLICKUP_ID, { each: true, message: 'workspace_ids must hold ClickUp workspace ids' })
  workspace_ids: string[];

  @ApiProperty({ enum: TOOL_TAGS, isArray: true, description: 'Tool groups allowed; empty means all.' })
  @IsArray()
  @ArrayUnique()
  @IsIn(TOOL_TAGS, { each: true, message: `tags may hold only ${TOOL_TAGS.join(', ')}` })
  tags: string[];

  @ApiProperty({ enum: METHOD_FILTERS, isArray: true, description: 'Methods allowed; empty means all.' })
  @IsArray()
  @ArrayUnique()
  @IsIn(METHOD_FILTERS, { each: true, message: `methods may hold only ${METHOD_FILTERS.join(', ')}` })
  methods: string[];

  @ApiProperty({ description: 'Members’ servers must be pinned to spaces (`space_ids`).' })
  @IsBoolean()
  require_space_pinning: boolean;

  @ApiProperty({ description: 'Members’ servers must set `require_api_token_auth`.' })
  @IsBoolean()
  require_api_token_auth: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_EXPIRY_DAYS,
    description: 'Members’ servers must expire within this many days; null for no limit.',
  })
  @ValidateIf((o: SetTeamPolicyDto) => o.max_expiry_days !== null)
  @IsInt({ message: 'max_expiry_days must be a whole number of days or null' })
  @Min(1)
  @Max(MAX_EXPIRY_DAYS)
  max_expiry_days: number | null;

  @ApiPropertyOptional({
    type: ApprovalPolicyInputDto,
    nullable: true,
    description:
      'The approval policy a new server of the team gets when its body names none (`config.approval`). Null ' +
      'removes it; absent keeps the current one.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApprovalPolicyInputDto)
  approval?: ApprovalPolicyInputDto | null;
}

export class TeamPolicyDto {
  @ApiProperty({ format: 'uuid' }) team_id: string;
  @ApiProperty({
    description: 'True while no admin has set a policy: the default applies (read methods only).',
  })
  is_default: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) connection_ids: string[];
  @ApiProperty({ type: [String] }) workspace_ids: string[];
  @ApiProperty({ enum: TOOL_TAGS, isArray: true }) tags: string[];
  @ApiProperty({ enum: METHOD_FILTERS, isArray: true }) methods: string[];
  @ApiProperty() require_space_pinning: boolean;
  @ApiProperty() require_api_token_auth: boolean;
  @ApiProperty({ type: Number, nullable: true }) max_expiry_days: number | null;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Connections an admin granted to the team (`PUT /connections/{id}/teams`).',
  })
  granted_connection_ids: string[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The connections the team’s members can build on: granted and allowed by the policy.',
  })
  usable_connection_ids: string[];
  @ApiProperty({
    type: ApprovalPolicyDto,
    nullable: true,
    description: 'The approval policy new servers of the team get by default; null: none.',
  })
  approval: ApprovalPolicyDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updated_at: string | null;
}
