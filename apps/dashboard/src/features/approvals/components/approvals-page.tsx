'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { Inbox, LoaderCircle } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { ActiveFilters, SelectFilter } from '@/components/common/filter-controls';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { isMissingEndpoint, QueryError } from '@/components/common/query-error';
import { TimeAgo } from '@/components/common/time-ago';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useServers, useToolPreview } from '@/features/mcp-servers/api/use-mcp-servers';
import { useTeams } from '@/features/teams/api/use-teams';
import { useUrlState } from '@/lib/url-state';
import { cn } from '@/lib/utils';
import {
  filtersFrom,
  pendingFirst,
  STATE_TABS,
  stateTab,
  type ApprovalFilterKey,
} from '../api/approval-filters';
import type { Approval } from '../api/approvals.types';
import { requesterLabel } from '../api/requester-label';
import { useApprovals } from '../api/use-approvals';
import { ApprovalStateBadge, STATE_LABELS } from './approval-state-badge';

/** The approvers' inbox: what agents asked to do, pending first, filtered in the URL. */
export function ApprovalsPage() {
  const url = useUrlState();
  const filters = useMemo(() => filtersFrom(url.params), [url.params]);
  const tab = stateTab(url.params);
  const approvals = useApprovals(filters);
  const lookups = { enabled: approvals.data !== undefined };
  const servers = useServers({}, lookups);
  const teams = useTeams(lookups);
  const catalog = useToolPreview([], [], lookups);
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((t) => [t.id, t.name])), [teams.data]);

  const rows = useMemo(
    () => pendingFirst((approvals.data?.pages ?? []).flatMap((page) => page.items)),
    [approvals.data],
  );
  const setFilter = (key: ApprovalFilterKey, value: string) => url.set({ [key]: value, page: null });
  const active = (['server_id', 'team_id', 'tool'] as const).filter((k) => filters[k]).length;

  const columns = useMemo<ColumnDef<Approval>[]>(
    () => [
      {
        id: 'request',
        header: 'Request',
        cell: ({ row }) => (
          <div className="grid max-w-md gap-0.5">
            <Link
              href={`/approvals/${row.original.id}`}
              className="w-fit rounded-sm font-mono text-xs font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              {row.original.tool}
              <span className="sr-only"> on {row.original.server.name}, open the request</span>
            </Link>
            <span
              className="line-clamp-2 whitespace-normal text-muted-foreground"
              data-testid="approval-summary"
            >
              {row.original.preview.summary}
            </span>
          </div>
        ),
      },
      {
        id: 'who',
        header: 'Who asked',
        cell: ({ row }) => {
          const { who, via } = requesterLabel(row.original);
          return (
            <div className="grid max-w-56 whitespace-normal">
              <span className="break-words">{who}</span>
              {via && <span className="truncate text-xs text-muted-foreground">{via}</span>}
            </div>
          );
        },
      },
      {
        id: 'server',
        header: 'Server',
        cell: ({ row }) => (
          <div className="grid max-w-48 whitespace-normal">
            <span className="break-words">{row.original.server.name}</span>
            {row.original.team_id && (
              <span className="truncate text-xs text-muted-foreground">
                {teamNames.get(row.original.team_id) ?? 'Team'}
              </span>
            )}
          </div>
        ),
      },
      { id: 'age', header: 'Asked', cell: ({ row }) => <TimeAgo iso={row.original.created_at} /> },
      {
        id: 'expires',
        header: 'Expires',
        cell: ({ row }) =>
          row.original.state === 'pending' ? (
            <TimeAgo iso={row.original.expires_at} />
          ) : (
            <span className="text-muted-foreground">—</span>
          ),
      },
      {
        id: 'state',
        header: 'State',
        cell: ({ row }) => (
          <div className="flex flex-wrap gap-1">
            <ApprovalStateBadge state={row.original.state} />
            {row.original.state === 'pending' && row.original.can_decide && (
              <Badge variant="outline">Yours to decide</Badge>
            )}
          </div>
        ),
      },
    ],
    [teamNames],
  );

  return (
    <div className="mx-auto grid max-w-7xl gap-6">
      <PageHeader
        title="Approvals"
        description="Agent calls that wait for a person before they run: what they would do, read from ClickUp when they asked."
      />
      <div
        role="group"
        aria-label="Request state"
        className="flex w-fit flex-wrap gap-1 rounded-lg bg-muted p-1"
      >
        {STATE_TABS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={s === tab}
            onClick={() => url.set({ state: s === 'pending' ? null : s, page: null })}
            className={cn(
              'rounded-md px-3 py-1.5 text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
              s === tab ? 'bg-card shadow-xs' : 'text-muted-foreground hover:text-foreground',
            )}
          >
            {s === 'all' ? 'All' : STATE_LABELS[s]}
          </button>
        ))}
      </div>
      <search aria-label="Filter approval requests" className="grid gap-3 rounded-xl border bg-card p-4">
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectFilter
            id="approvals-server"
            label="Server"
            all="All servers"
            value={filters.server_id ?? ''}
            options={(servers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onChange={(v) => setFilter('server_id', v)}
          />
          <SelectFilter
            id="approvals-team"
            label="Team"
            all="All teams"
            value={filters.team_id ?? ''}
            options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            onChange={(v) => setFilter('team_id', v)}
          />
          <SelectFilter
            id="approvals-tool"
            label="Tool"
            all="All tools"
            value={filters.tool ?? ''}
            options={(catalog.data?.tools ?? [])
              .filter((t) => !t.read_only)
              .map((t) => ({ value: t.name, label: t.name }))}
            onChange={(v) => setFilter('tool', v)}
          />
        </div>
        <ActiveFilters
          count={active}
          onClear={() => url.set({ server_id: null, team_id: null, tool: null, page: null })}
        />
      </search>
      {approvals.error ? (
        isMissingEndpoint(approvals.error) ? (
          <Alert title="Approvals are not available on this gateway yet">
            This version of the api does not serve <code className="font-mono">/api/v1/approvals</code>.
          </Alert>
        ) : (
          <QueryError error={approvals.error} onRetry={() => void approvals.refetch()} />
        )
      ) : !approvals.data ? (
        <Skeleton className="h-64 w-full" />
      ) : (
        <div className="grid gap-3">
          <DataTable
            label="Approval requests"
            data={rows}
            columns={columns}
            getRowId={(a) => a.id}
            rowTestId="approval-row"
            empty={
              <EmptyState
                icon={Inbox}
                title={tab === 'pending' ? 'Nothing waits for a decision' : 'No request matches'}
                className="m-4 border-0"
              >
                {tab === 'pending'
                  ? 'Calls of servers whose approval policy asks for a person appear here as agents make them.'
                  : 'Change or clear the filters.'}
              </EmptyState>
            }
          />
          {approvals.hasNextPage && (
            <Button
              variant="outline"
              className="justify-self-center"
              disabled={approvals.isFetchingNextPage}
              onClick={() => void approvals.fetchNextPage()}
            >
              {approvals.isFetchingNextPage && <LoaderCircle aria-hidden className="animate-spin" />}
              Show older requests
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
