import { ApiProperty } from '@nestjs/swagger';
import { TOOL_METHODS, TOOL_TAGS } from '@gw/tool-filters';

export class ToolSummaryDto {
  @ApiProperty({ example: 'task_get' }) name: string;
  @ApiProperty({ example: 'Get a task' }) title: string;
  @ApiProperty({ enum: TOOL_METHODS }) method: string;
  @ApiProperty({ enum: TOOL_TAGS, isArray: true }) tags: string[];
  @ApiProperty() read_only: boolean;
  @ApiProperty() destructive: boolean;
  @ApiProperty({ description: 'Bytes of this tool’s entry in `tools/list`.' }) bytes: number;
}

export class ToolGroupDto {
  @ApiProperty({ enum: TOOL_TAGS }) tag: string;
  @ApiProperty({ description: 'Tools of the group in the selection.' }) selected: number;
  @ApiProperty({ description: 'Tools of the group in the whole catalog.' }) total: number;
  @ApiProperty({
    description:
      'Bytes the group’s selected tools add to a full `tools/list` (a tool of two groups counts in both).',
  })
  bytes: number;
}

/** What an MCP server with this filter would expose, and what its listing costs in an agent's context. */
export class ToolPreviewDto {
  @ApiProperty({ type: [ToolSummaryDto] }) tools: ToolSummaryDto[];
  @ApiProperty({ type: [ToolGroupDto] }) groups: ToolGroupDto[];
  @ApiProperty({ description: 'Tools in the catalog.' }) catalog_count: number;
  @ApiProperty({
    description:
      'Bytes of the `tools/list` result as JSON: every selected tool, or on a progressive server its meta tools.',
  })
  listing_bytes: number;
  @ApiProperty({ description: 'Bytes of the full `tools/list` of the selection, whatever the catalog mode.' })
  full_listing_bytes: number;
  @ApiProperty({ description: 'The cap the whole catalog’s `tools/list` is kept under (60,000 bytes).' })
  cap_bytes: number;
  @ApiProperty({ description: 'A rough token count of the listing (bytes / 4).' }) approx_tokens: number;
  @ApiProperty({
    type: [String],
    description:
      'Tools the filters select that a server pinned to spaces does not list, because they reach workspace-level ' +
      'objects (goals); `allow_workspace_objects` lists them.',
  })
  withheld_tools: string[];
}
