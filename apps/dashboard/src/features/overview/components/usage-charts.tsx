'use client';

import { Activity, ListRestart, Server, ShieldX, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { DonutChart } from '@/components/charts/donut-chart';
import { LineChart } from '@/components/charts/line-chart';
import { StackedBarChart } from '@/components/charts/stacked-bar-chart';
import { QueryError } from '@/components/common/query-error';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDay, formatNumber, formatPercent, humanize } from '@/lib/format';
import type { OverviewStats } from '../api/overview.types';
import { useOverviewStats } from '../api/use-overview';

const DAYS = 14;

export function UsageCharts() {
  const stats = useOverviewStats(DAYS);
  if (stats.error) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  if (!stats.data) {
    return (
      <div className="grid gap-6" aria-busy="true" aria-label="Loading usage">
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-28" />
          ))}
        </div>
        <Skeleton className="h-80" />
      </div>
    );
  }
  return <Usage stats={stats.data} />;
}

function Usage({ stats }: { stats: OverviewStats }) {
  const labels = stats.days.map((d) => formatDay(d.date));
  const queue = stats.queue;
  // Jobs ready to run or running; scheduled ones (delayed retries, nightly maintenance) are counted apart.
  const pending = queue ? queue.waiting + queue.active : 0;
  const live = stats.servers.active + stats.servers.expiring_soon;
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Tile
          icon={Activity}
          label={`Tool calls, last ${DAYS} days`}
          value={formatNumber(stats.totals.calls)}
        />
        <Tile
          icon={ShieldX}
          label="Denied"
          value={formatPercent(stats.totals.denied_rate)}
          note={`${formatNumber(stats.totals.denied)} calls refused by scope or filters`}
        />
        <Tile
          icon={TriangleAlert}
          label="Errors"
          value={formatPercent(stats.totals.error_rate)}
          note={`${formatNumber(stats.totals.error)} calls failed`}
        />
        <Tile
          icon={ListRestart}
          label="Queue depth"
          value={queue ? formatNumber(pending) : '—'}
          note={
            queue
              ? `${queue.active} running · ${queue.delayed} scheduled · ${queue.failed} failed`
              : 'The queue store did not answer'
          }
        />
      </div>
      <Card aria-labelledby="calls-chart-title">
        <CardHeader>
          <CardTitle id="calls-chart-title">Tool calls per day</CardTitle>
          <CardDescription>By tool group, last {DAYS} days (UTC).</CardDescription>
        </CardHeader>
        <CardContent>
          <StackedBarChart
            data={stats.days.map((d) => ({ label: formatDay(d.date), values: d.by_group }))}
            series={stats.groups}
            seriesLabel={humanize}
            formatValue={formatNumber}
            summary={`${formatNumber(stats.totals.calls)} tool calls over ${DAYS} days${stats.groups.length ? `, most in ${humanize(stats.groups[0])}` : ''}.`}
          />
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card aria-labelledby="rates-chart-title">
          <CardHeader>
            <CardTitle id="rates-chart-title">Denied and error rates</CardTitle>
            <CardDescription>Share of each day’s tool calls.</CardDescription>
          </CardHeader>
          <CardContent>
            <LineChart
              labels={labels}
              formatValue={formatPercent}
              summary={`Over ${DAYS} days, ${formatPercent(stats.totals.denied_rate)} of calls were denied and ${formatPercent(stats.totals.error_rate)} failed.`}
              series={[
                {
                  key: 'denied',
                  label: 'Denied',
                  color: 'var(--chart-5)',
                  values: stats.days.map((d) => (d.calls ? d.denied / d.calls : 0)),
                },
                {
                  key: 'error',
                  label: 'Errors',
                  color: 'var(--chart-4)',
                  values: stats.days.map((d) => (d.calls ? d.error / d.calls : 0)),
                },
              ]}
            />
          </CardContent>
        </Card>
        <Card aria-labelledby="servers-chart-title">
          <CardHeader>
            <CardTitle id="servers-chart-title" className="flex items-center gap-2">
              <Server aria-hidden className="size-4 text-muted-foreground" />
              MCP servers
            </CardTitle>
            <CardDescription>{live} can be used right now.</CardDescription>
          </CardHeader>
          <CardContent>
            <DonutChart
              centerLabel="servers"
              summary={`${live} active servers, ${stats.servers.expired} expired, ${stats.servers.revoked} revoked.`}
              slices={[
                { key: 'active', label: 'Active', value: stats.servers.active, color: 'var(--chart-3)' },
                {
                  key: 'expiring',
                  label: 'Expiring soon',
                  value: stats.servers.expiring_soon,
                  color: 'var(--chart-4)',
                },
                { key: 'expired', label: 'Expired', value: stats.servers.expired, color: 'var(--chart-8)' },
                { key: 'revoked', label: 'Revoked', value: stats.servers.revoked, color: 'var(--chart-5)' },
              ]}
            />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function Tile({
  icon: Icon,
  label,
  value,
  note,
}: {
  icon: typeof Activity;
  label: string;
  value: ReactNode;
  note?: string;
}) {
  return (
    <Card className="gap-2 py-5">
      <CardContent className="grid gap-1">
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <Icon aria-hidden className="size-4" />
          {label}
        </p>
        <p className="text-3xl font-semibold tabular-nums tracking-tight">{value}</p>
        {note && <p className="text-xs text-muted-foreground">{note}</p>}
      </CardContent>
    </Card>
  );
}
