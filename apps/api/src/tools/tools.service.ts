import { Injectable } from '@nestjs/common';
import { serverToolFilter, ToolCatalog } from '@gw/mcp-tools';
import { TOOL_TAGS } from '@gw/tool-filters';
import type { ListToolsQueryDto } from './dto/list-tools.query.dto';
import type { ToolPreviewDto, ToolSummaryDto } from './dto/tool-preview.dto';

const BYTES_PER_TOKEN = 4;
/** The whole catalog's `tools/list` is kept under this many bytes (catalog-size.spec.ts guards it). */
export const LISTING_CAP_BYTES = 60_000;

/** Previews a server config's tool set from the same catalog selection the MCP endpoint serves. */
@Injectable()
export class ToolsService {
  constructor(private readonly catalog: ToolCatalog) {}

  preview(query: ListToolsQueryDto): ToolPreviewDto {
    const config = {
      methods: query.methods ?? [],
      tags: query.tags ?? [],
      allow_workspace_objects: query.allow_workspace_objects,
      catalog: query.catalog,
    };
    // Any one space stands for a pin: the selection depends on whether there is one, not on which.
    const pinned = query.pinned ? ['*'] : [];
    const selection = this.catalog.select(serverToolFilter({ config, spaceIds: pinned }));
    const unpinned = this.catalog.select(serverToolFilter({ config, spaceIds: [] }));
    const tools: ToolSummaryDto[] = selection.tools.map((listed) => {
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
      bytes: tools.filter((t) => t.tags.includes(tag)).reduce((sum, t) => sum + t.bytes, 0),
    })).filter((g) => g.total > 0);
    const full = selection.progressive
      ? this.catalog.select(serverToolFilter({ config: { ...config, catalog: 'full' }, spaceIds: pinned }))
      : selection;
    return {
      tools,
      groups,
      catalog_count: all.length,
      listing_bytes: selection.bytes,
      full_listing_bytes: full.bytes,
      cap_bytes: LISTING_CAP_BYTES,
      approx_tokens: Math.ceil(selection.bytes / BYTES_PER_TOKEN),
      withheld_tools: [...unpinned.names].filter((name) => !selection.names.has(name)),
    };
  }
}
