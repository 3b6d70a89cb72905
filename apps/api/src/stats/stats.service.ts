import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ToolCatalog } from '@gw/mcp-tools';
import { QUEUE_NAMES, QueueBackend } from '@gw/queue';
import { DataSource } from 'typeorm';
import { EXPIRING_SOON_MS } from '../mcp-servers/mcp-server-state';
import type {
  CallTotalsDto,
  DailyCallsDto,
  OverviewDto,
  QueueDepthDto,
  ServerCountsDto,
} from './dto/overview.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
const QUEUE_TIMEOUT_MS = 2000;
export const OTHER_GROUP = 'other';

interface CallRow {
  day: string;
  tool: string | null;
  outcome: string;
  count: string;
}

/** The overview's numbers: aggregated in the database, a few dozen rows back whatever the size of the log. */
@Injectable()
export class StatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: ToolCatalog,
    private readonly queues: QueueBackend,
  ) {}

  async overview(organizationId: string, days: number, now = new Date()): Promise<OverviewDto> {
    const [calls, queue, servers] = await Promise.all([
      this.calls(organizationId, days, now),
      this.queueDepth(),
      this.servers(organizationId, now),
    ]);
    return { ...calls, queue, servers };
  }

  private async calls(organizationId: string, days: number, now: Date) {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const since = new Date(today - (days - 1) * DAY_MS);
    // Walks ix_audit_events_organization_at over the window only; the tool → group mapping is done here.
    const rows = (await this.dataSource.query(
      `SELECT to_char(date_trunc('day', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, tool, outcome, count(*) AS count
         FROM audit_events
        WHERE organization_id = $1 AND at >= $2 AND action = 'tools/call'
        GROUP BY 1, 2, 3`,
      [organizationId, since],
    )) as CallRow[];

    const byDay = new Map<string, DailyCallsDto>();
    for (let i = 0; i < days; i++) {
      const date = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
      byDay.set(date, { date, by_group: {}, calls: 0, denied: 0, error: 0, queued: 0 });
    }
    const totals: CallTotalsDto = {
      calls: 0,
      ok: 0,
      denied: 0,
      error: 0,
      queued: 0,
      denied_rate: 0,
      error_rate: 0,
    };
    const groupTotals = new Map<string, number>();
    for (const row of rows) {
      const day = byDay.get(row.day);
      if (!day) continue;
      const count = Number(row.count);
      const group = this.groupOf(row.tool);
      day.by_group[group] = (day.by_group[group] ?? 0) + count;
      day.calls += count;
      totals.calls += count;
      groupTotals.set(group, (groupTotals.get(group) ?? 0) + count);
      if (row.outcome === 'denied' || row.outcome === 'error' || row.outcome === 'queued') {
        day[row.outcome] += count;
        totals[row.outcome] += count;
      } else if (row.outcome === 'ok') totals.ok += count;
    }
    if (totals.calls > 0) {
      totals.denied_rate = totals.denied / totals.calls;
      totals.error_rate = totals.error / totals.calls;
    }
    const groups = [...groupTotals.entries()].sort((a, b) => b[1] - a[1]).map(([group]) => group);
    return { days: [...byDay.values()], groups, totals };
  }

  private groupOf(tool: string | null): string {
    return (tool && this.catalog.tools.get(tool)?.tags[0]) || OTHER_GROUP;
  }

  /** Jobs not yet done across the product's queues; null when the queue store does not answer in time. */
  private async queueDepth(): Promise<QueueDepthDto | null> {
    const count = async (): Promise<QueueDepthDto> => {
      const depth: QueueDepthDto = { waiting: 0, delayed: 0, active: 0, failed: 0 };
      for (const name of Object.values(QUEUE_NAMES)) {
        const queue = await this.queues.ready(name);
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
        depth.waiting += (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0);
        depth.delayed += counts['delayed'] ?? 0;
        depth.active += counts['active'] ?? 0;
        depth.failed += counts['failed'] ?? 0;
      }
      return depth;
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>(
      (resolve) => (timer = setTimeout(() => resolve(null), QUEUE_TIMEOUT_MS)),
    );
    try {
      return await Promise.race([count(), timeout]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The same states the servers API derives (mcp-server-state.ts), counted in one pass. */
  private async servers(organizationId: string, now: Date): Promise<ServerCountsDto> {
    const [row] = (await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE revoked_at IS NOT NULL) AS revoked,
         count(*) FILTER (WHERE revoked_at IS NULL AND (token_hash IS NULL OR expires_at <= $2)) AS expired,
         count(*) FILTER (WHERE revoked_at IS NULL AND token_hash IS NOT NULL AND expires_at > $2 AND expires_at < $3)
           AS expiring_soon,
         count(*) FILTER (WHERE revoked_at IS NULL AND token_hash IS NOT NULL AND (expires_at IS NULL OR expires_at >= $3))
           AS active
       FROM mcp_servers WHERE organization_id = $1`,
      [organizationId, now, new Date(now.getTime() + EXPIRING_SOON_MS)],
    )) as Record<keyof ServerCountsDto, string>[];
    return {
      active: Number(row?.active ?? 0),
      expiring_soon: Number(row?.expiring_soon ?? 0),
      expired: Number(row?.expired ?? 0),
      revoked: Number(row?.revoked ?? 0),
    };
  }
}
