import { Injectable } from '@nestjs/common';
import { serverToolFilter, ToolCatalog } from '@gw/mcp-tools';
import { TOOL_TAGS } from '@gw/tool-filters';
import type { ListToolsQueryDto } from './dto/list-tools.query.dto';
import type { ToolPreviewDto, ToolSummaryDto } from './dto/tool-preview.dto';

const BYTES_PER_TOKEN = 4;

/** Previews a server config's tool set from the same catalog selection the MCP endpoint serves. */
@Injectable()
export class ToolsService {
  constructor(private readonly catalog: ToolCatalog) {}

  preview(query: ListToolsQueryDto): ToolPreviewDto {
    const config = {
      methods: query.methods ?? [],
      tags: query.tags ?? [],
      allow_workspace_objects: query.allow_workspace_objects,
    };
    // Any one space stands for a pin: the selection depends on whether there is one, not on which.
    const selection = this.catalog.select(serverToolFilter({ config, spaceIds: query.pinned ? ['*'] : [] }));
    const unpinned = this.catalog.select(serverToolFilter({ config, spaceIds: [] }));
    const tools: ToolSummaryDto[] = selection.listing.map((listed) => {
      const tool = this.catalog.tools.get(listed.name);
      return {
        name: listed.name,
        title: listed.title,
        method: tool?.method ?? 'custom',
        tags: [...(tool?.tags ?? [])],
        // The definition's hints: the listing states only those that differ from MCP's defaults.
        read_only: tool?.annotations.readOnlyHint ?? false,
        destructive: tool?.annotations.destructiveHint ?? true,
        bytes: Buffer.byteLength(JSON.stringify(listed)),
      };
    });
    const all = [...this.catalog.tools.values()];
    const groups = TOOL_TAGS.map((tag) => ({
      tag,
      selected: tools.filter((t) => t.tags.includes(tag)).length,
      total: all.filter((t) => t.tags.includes(tag)).length,
    })).filter((g) => g.total > 0);
    return {
      tools,
      groups,
      catalog_count: all.length,
      listing_bytes: selection.bytes,
      approx_tokens: Math.ceil(selection.bytes / BYTES_PER_TOKEN),
      withheld_tools: [...unpinned.names].filter((name) => !selection.names.has(name)),
    };
  }
}
