import { ApiPropertyOptional } from '@nestjs/swagger';
import { MCP_ACCESS_MODES, MCP_CLICKUP_ACCOUNTS, type McpAccessMode, type McpClickUpAccount } from '@gw/db';
import { CATALOG_MODES, METHOD_FILTERS, TOOL_TAGS, type CatalogMode } from '@gw/tool-filters';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { ApprovalPolicyInputDto } from './approval-policy.dto';

/** At most this many people and teams listed on one server, besides its team. */
export const SIGN_IN_LIST_MAX = 500;

/** Which tools a server exposes. Empty or absent lists mean all; methods and tags combine with AND. */
export class McpServerConfigInputDto {
  @ApiPropertyOptional({ enum: METHOD_FILTERS, isArray: true, example: ['read'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(METHOD_FILTERS.length)
  @IsIn(METHOD_FILTERS, { each: true, message: `config.methods may hold only ${METHOD_FILTERS.join(', ')}` })
  methods?: string[];

  @ApiPropertyOptional({ enum: TOOL_TAGS, isArray: true, example: ['tasks', 'comments'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(TOOL_TAGS.length)
  @IsIn(TOOL_TAGS, { each: true, message: `config.tags may hold only ${TOOL_TAGS.join(', ')}` })
  tags?: string[];

  @ApiPropertyOptional({
    default: false,
    description: 'Also require `Authorization: Bearer <api token>` of the same organization on the MCP URL.',
  })
  @IsOptional()
  @IsBoolean()
  require_api_token_auth?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'On a server pinned to `space_ids`, also expose workspace-level objects, which belong to no space: goals, ' +
      'and every member of the workspace (member_list without list_id or task_id, members in workspace_find). ' +
      'Only owners and admins may turn it on. Ignored when the server is not pinned.',
  })
  @IsOptional()
  @IsBoolean()
  allow_workspace_objects?: boolean;

  @ApiPropertyOptional({
    enum: MCP_ACCESS_MODES,
    default: 'url',
    description:
      'How agents reach the server: its secret URL (`url`), OAuth sign-in as a person at `/mcp/servers/{id}` ' +
      '(`sign_in`), or either (`url_and_sign_in`). Switching to `sign_in` ends the secret URL for good; switching ' +
      'back needs a new one (`POST /mcp-servers/{id}/rotate`).',
  })
  @IsOptional()
  @IsIn(MCP_ACCESS_MODES, { message: `config.access_mode must be one of ${MCP_ACCESS_MODES.join(', ')}` })
  access_mode?: McpAccessMode;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'People of the organization who may sign in besides the team’s members, the admins and owners. Only owners ' +
      'and admins may add to the list.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SIGN_IN_LIST_MAX)
  @IsUUID('all', { each: true, message: 'config.sign_in_user_ids must hold user ids' })
  sign_in_user_ids?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Teams whose members may sign in too. Only owners and admins may add to the list.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SIGN_IN_LIST_MAX)
  @IsUUID('all', { each: true, message: 'config.sign_in_team_ids must hold team ids' })
  sign_in_team_ids?: string[];

  @ApiPropertyOptional({
    enum: MCP_CLICKUP_ACCOUNTS,
    default: 'connection',
    description:
      'Whose ClickUp account calls act as: the server’s connection, or each signed-in person’s own linked account ' +
      '(`caller`, only with `access_mode: sign_in`, since a call at a secret URL names no person).',
  })
  @IsOptional()
  @IsIn(MCP_CLICKUP_ACCOUNTS, {
    message: `config.clickup_account must be one of ${MCP_CLICKUP_ACCOUNTS.join(', ')}`,
  })
  clickup_account?: McpClickUpAccount;

  @ApiPropertyOptional({
    enum: CATALOG_MODES,
    default: 'full',
    description:
      'How `tools/list` shows the server’s tools: every tool with its input and output schemas (`full`), or only ' +
      '`tool_search`, `tool_describe` and `tool_call` (`progressive`), for clients with small contexts: the agent ' +
      'finds a tool, reads its schemas, then calls it through `tool_call` or by its own name. The same tools, ' +
      'scope, approvals and audit apply either way.',
  })
  @IsOptional()
  @IsIn(CATALOG_MODES, { message: `catalog must be one of ${CATALOG_MODES.join(', ')}` })
  catalog?: CatalogMode;

  @ApiPropertyOptional({
    type: ApprovalPolicyInputDto,
    description:
      'Which calls wait for a person’s approval before they run, who decides, for how long. Absent on create: the ' +
      'team policy’s default approval, else none. Once set, only owners and admins change it.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApprovalPolicyInputDto)
  approval?: ApprovalPolicyInputDto;
}
