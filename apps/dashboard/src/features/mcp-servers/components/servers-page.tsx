'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { Plus, Server } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/common/page-header';
import { QueryView } from '@/components/common/query-view';
import { TimeAgo } from '@/components/common/time-ago';
import { buttonVariants } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { useConnections } from '@/features/connections/api/use-connections';
import { useTeams } from '@/features/teams/api/use-teams';
import { formatDate } from '@/lib/format';
import { useUrlState } from '@/lib/url-state';
import { describeConfig } from '../api/config-summary';
import type { McpServer, ServerState } from '../api/mcp-servers.types';
import { useServers } from '../api/use-mcp-servers';
import { SERVER_STATE_OPTIONS, ServerStateBadge } from './server-state-badge';

export function ServersPage() {
  const url = useUrlState();
  const canManage = usePermission('servers:manage');
  const stateFilter = url.get('state') as ServerState | '';
  const teamFilter = url.get('team');
  // The api's `state=active` includes expiring ones; the other states are narrowed here.
  const servers = useServers({ team_id: teamFilter || undefined });
  const teams = useTeams();
  const connections = useConnections();

  const teamNames = useMemo(() => new Map((teams.data ?? []).map((t) => [t.id, t.name])), [teams.data]);
  const workspaceNames = useMemo(
    () => new Map((connections.data ?? []).flatMap((c) => c.workspaces.map((w) => [w.id, w.name] as const))),
    [connections.data],
  );
  const rows = useMemo(
    () => (servers.data ?? []).filter((s) => !stateFilter || s.state === stateFilter),
    [servers.data, stateFilter],
  );

  const columns = useMemo<ColumnDef<McpServer>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        cell: ({ row }) => (
          <Link
            href={`/servers/${row.original.id}`}
            className="font-medium text-foreground underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50 rounded-sm"
          >
            {row.original.name}
          </Link>
        ),
      },
      {
        id: 'state',
        header: 'State',
        cell: ({ row }) => (
          <div className="flex flex-wrap gap-1">
            <ServerStateBadge state={row.original.state} />
            {row.original.policy_violations.length > 0 && (
              <Badge
                variant="warning"
                title={row.original.policy_violations.map((v) => v.message).join('; ')}
              >
                Outside policy
              </Badge>
            )}
          </div>
        ),
      },
      {
        id: 'scope',
        header: 'Scope',
        cell: ({ row }) => (
          <div className="grid">
            <span>{workspaceNames.get(row.original.workspace_id) ?? row.original.workspace_id}</span>
            <span className="text-xs text-muted-foreground">
              {row.original.space_ids.length === 0
                ? 'All spaces'
                : `${row.original.space_ids.length} space${row.original.space_ids.length === 1 ? '' : 's'}`}
            </span>
          </div>
        ),
      },
      {
        id: 'tools',
        header: 'Tools',
        cell: ({ row }) => (
          <span className="text-muted-foreground">{describeConfig(row.original.config)}</span>
        ),
      },
      {
        id: 'team',
        header: 'Team',
        cell: ({ row }) =>
          row.original.team_id ? (
            (teamNames.get(row.original.team_id) ?? 'Team')
          ) : (
            <span className="text-muted-foreground">—</span>
          ),
      },
      {
        id: 'last_use',
        header: 'Last use',
        cell: ({ row }) =>
          row.original.last_used_at ? (
            <div className="grid">
              <TimeAgo iso={row.original.last_used_at} />
              <span className="text-xs text-muted-foreground">
                {[row.original.last_client_name, row.original.last_client_ip].filter(Boolean).join(' · ') ||
                  '—'}
              </span>
            </div>
          ) : (
            <span className="text-muted-foreground">Never used</span>
          ),
      },
      {
        id: 'expires',
        header: 'Expires',
        cell: ({ row }) =>
          formatDate(row.original.expires_at) === '—' ? (
            <span className="text-muted-foreground">Never</span>
          ) : (
            formatDate(row.original.expires_at)
          ),
      },
    ],
    [teamNames, workspaceNames],
  );

  const createLink = canManage && (
    <Link href="/servers/new" className={buttonVariants()}>
      <Plus aria-hidden />
      Create server
    </Link>
  );

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <PageHeader
        title="MCP servers"
        description="Secret MCP URLs, each scoped to a workspace, some spaces and a set of tools."
        actions={createLink}
      />
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        <div className="grid gap-1.5">
          <Label htmlFor="server-state">State</Label>
          <Select
            id="server-state"
            className="w-44"
            value={stateFilter}
            onChange={(e) => url.set({ state: e.target.value, page: null })}
          >
            <option value="">All states</option>
            {SERVER_STATE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </div>
        {(teams.data?.length ?? 0) > 0 && (
          <div className="grid gap-1.5">
            <Label htmlFor="server-team">Team</Label>
            <Select
              id="server-team"
              className="w-44"
              value={teamFilter}
              onChange={(e) => url.set({ team: e.target.value, page: null })}
            >
              <option value="">All teams</option>
              {teams.data?.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>
      <QueryView query={servers} placeholder={<Skeleton className="h-64 w-full" />}>
        {(data) => (
          <DataTable
            label="MCP servers"
            data={rows}
            columns={columns}
            getRowId={(s) => s.id}
            pageSize={20}
            rowTestId="server-row"
            empty={
              <EmptyState
                icon={Server}
                title={data.length === 0 ? 'No MCP server yet' : 'No server matches'}
                className="m-4 border-0"
                action={data.length === 0 ? createLink || undefined : undefined}
              >
                {data.length === 0
                  ? 'Create one to give an agent a scoped ClickUp URL.'
                  : 'Change the filters to see more servers.'}
              </EmptyState>
            }
          />
        )}
      </QueryView>
    </div>
  );
}
