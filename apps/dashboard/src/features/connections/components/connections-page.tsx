'use client';

import { Cable, Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { QueryError } from '@/components/common/query-error';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { useUrlState } from '@/lib/url-state';
import { useTeams } from '@/features/teams/api/use-teams';
import { useConnections } from '../api/use-connections';
import { AddConnectionDialog } from './add-connection-dialog';
import { ConnectionCard } from './connection-card';

export function ConnectionsPage() {
  const canManage = usePermission('connections:manage');
  const connections = useConnections();
  const teams = useTeams();
  const url = useUrlState();
  const [adding, setAdding] = useState(false);
  // `?created=` and `?error=` are where the OAuth callback sends the browser back.
  const created = url.get('created');
  const oauthError = url.get('error');

  useEffect(() => {
    if (created) toast('Connection added');
  }, [created]);

  const addButton = canManage && (
    <Button onClick={() => setAdding(true)}>
      <Plus aria-hidden />
      Add connection
    </Button>
  );

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageHeader
        title="Connections"
        description="ClickUp accounts the gateway acts as. Each MCP server uses one connection and one of its workspaces."
        actions={addButton}
      />
      {oauthError && (
        <Alert variant="error" role="alert" title="The ClickUp connection was not added">
          {oauthError}
        </Alert>
      )}
      {connections.error ? (
        <QueryError error={connections.error} onRetry={() => void connections.refetch()} />
      ) : !connections.data ? (
        <div className="grid gap-4" aria-busy="true">
          <Skeleton className="h-36 w-full" />
          <Skeleton className="h-36 w-full" />
        </div>
      ) : connections.data.length === 0 ? (
        <EmptyState icon={Cable} title="No ClickUp connection yet" action={addButton || undefined}>
          {canManage
            ? 'Connect a ClickUp account with OAuth or a personal API token to start creating MCP servers.'
            : 'No connection is shared with your teams yet: an owner or admin grants connections to teams.'}
        </EmptyState>
      ) : (
        <div className="grid gap-4">
          {connections.data.map((connection) => (
            <ConnectionCard
              key={connection.id}
              connection={connection}
              canManage={canManage}
              highlighted={connection.id === created}
              teams={teams.data ?? []}
            />
          ))}
        </div>
      )}
      <AddConnectionDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(connection) => {
          setAdding(false);
          url.set({ created: connection.id, error: null });
        }}
      />
    </div>
  );
}
