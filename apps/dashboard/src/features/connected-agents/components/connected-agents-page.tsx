'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { Bot } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { QueryView } from '@/components/common/query-view';
import { TimeAgo } from '@/components/common/time-ago';
import { toast } from '@/components/common/toaster';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { useUrlState } from '@/lib/url-state';
import {
  useConnectedAgents,
  useRevokeConnectedAgent,
  type AgentsScope,
  type ConnectedAgent,
} from '../api/connected-agents';

/**
 * The MCP clients a person let act for them on sign-in MCP servers. Everyone sees their own; an admin opening it
 * with `?user_id=` (from the Users page) sees and revokes that person's.
 */
export function ConnectedAgentsPage() {
  const { get } = useUrlState();
  const canManage = usePermission('users:manage');
  const userId = get('user_id');
  const scope: AgentsScope = canManage && userId ? { kind: 'person', userId } : { kind: 'mine' };
  const agents = useConnectedAgents(scope);
  const revoke = useRevokeConnectedAgent(scope);
  const [revoking, setRevoking] = useState<ConnectedAgent | null>(null);
  const person = scope.kind === 'person' ? agents.data?.[0]?.user_email : null;

  const columns = useMemo<ColumnDef<ConnectedAgent>[]>(
    () => [
      {
        id: 'client',
        header: 'MCP client',
        cell: ({ row }) => (
          <div className="grid">
            <span className="font-medium">{row.original.client_name ?? 'Unnamed client'}</span>
            <span className="break-all font-mono text-xs text-muted-foreground">
              {row.original.client_id}
            </span>
          </div>
        ),
      },
      {
        id: 'server',
        header: 'MCP server',
        cell: ({ row }) =>
          row.original.server_id ? (
            <Link className="underline-offset-4 hover:underline" href={`/servers/${row.original.server_id}`}>
              {row.original.server_name ?? row.original.server_id}
            </Link>
          ) : (
            'Removed server'
          ),
      },
      {
        id: 'scopes',
        header: 'Scopes',
        cell: ({ row }) => <span className="font-mono text-xs">{row.original.scopes.join(' ') || '—'}</span>,
      },
      {
        id: 'connected',
        header: 'Connected',
        cell: ({ row }) => <TimeAgo iso={row.original.connected_at} />,
      },
      {
        id: 'first',
        header: 'First used',
        cell: ({ row }) =>
          row.original.first_used_at ? <TimeAgo iso={row.original.first_used_at} /> : 'Never',
      },
      {
        id: 'last',
        header: 'Last used',
        cell: ({ row }) =>
          row.original.last_used_at ? <TimeAgo iso={row.original.last_used_at} /> : 'Never',
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) => (
          <Button
            variant="ghost"
            size="sm"
            className="text-destructive hover:text-destructive"
            onClick={() => setRevoking(row.original)}
          >
            Disconnect<span className="sr-only"> {row.original.client_name ?? row.original.client_id}</span>
          </Button>
        ),
      },
    ],
    [],
  );

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <PageHeader
        title={scope.kind === 'mine' ? 'Connected agents' : `Connected agents of ${person ?? 'this person'}`}
        description="MCP clients allowed to act on sign-in MCP servers in your name. Every call they make is recorded under the person who allowed them."
      />
      <QueryView query={agents} placeholder={<Skeleton className="h-48 w-full" />}>
        {(data) => (
          <DataTable
            label="Connected agents"
            data={data}
            columns={columns}
            getRowId={(agent) => agent.grant_id}
            pageSize={25}
            empty={
              <EmptyState icon={Bot} title="No connected agent" className="m-4 border-0">
                An MCP client appears here once it was allowed on a sign-in MCP server.
              </EmptyState>
            }
          />
        )}
      </QueryView>
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Disconnect ${revoking?.client_name ?? 'this MCP client'}?`}
        confirmLabel="Disconnect"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.grant_id, {
            onSuccess: () => {
              toast(`${revoking.client_name ?? 'The MCP client'} disconnected`);
              setRevoking(null);
            },
          })
        }
      >
        <p>Its tokens stop working at once; it has to ask for consent again to come back.</p>
      </ConfirmDialog>
    </div>
  );
}
