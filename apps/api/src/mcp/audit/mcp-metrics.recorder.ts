import { Injectable } from '@nestjs/common';
import { outcomeOf } from '@gw/audit-recorder';
import { ToolCatalog } from '@gw/mcp-tools';
import { MetricsService } from '../../metrics/metrics.service';
import type { Dispatched } from '../dispatch/mcp-dispatcher';

/**
 * The metrics of each answered MCP request, beside its audit row: its duration by method and, for a tool call, its
 * outcome as the audit log classifies it. A tool name is a label value only when the catalog has that tool, so an
 * agent cannot mint series.
 */
@Injectable()
export class McpMetricsRecorder {
  constructor(
    private readonly metrics: MetricsService,
    private readonly catalog: ToolCatalog,
  ) {}

  answered(method: string, outcome: Dispatched, seconds: number): void {
    this.metrics.mcpRequest(method, seconds);
    if (method !== 'tools/call') return;
    const tool = outcome.tool ?? 'unknown';
    // No envelope: the request was refused before the tool ran (unknown tool, invalid arguments).
    const result = outcome.envelope ? outcomeOf(outcome.envelope).outcome : 'error';
    this.metrics.toolCall(tool, this.catalog.tools.has(tool), result);
  }
}
