import { ApiPropertyOptional } from '@nestjs/swagger';
import { METHOD_FILTERS, TOOL_TAGS } from '@gw/tool-filters';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';

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
}
