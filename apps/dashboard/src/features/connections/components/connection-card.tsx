'use client';

import { Building, KeyRound, ShieldCheck, Trash2, UserRound } from 'lucide-react';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { TimeAgo } from '@/components/common/time-ago';
import { toast } from '@/components/common/toaster';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/utils';
import type { Connection } from '../api/connections.types';
import { useRemoveConnection } from '../api/use-connections';
import { PauseControl } from '@/features/pauses/components/pause-control';
import type { Team } from '@/features/teams/api/teams.types';
import { ConnectionTeams } from './connection-teams';

export function ConnectionCard({
  connection,
  canManage,
  highlighted,
  teams,
}: {
  connection: Connection;
  canManage: boolean;
  highlighted: boolean;
  /** The teams the viewer sees, to name the ones with access. */
  teams: Team[];
}) {
  const [confirming, setConfirming] = useState(false);
  const remove = useRemoveConnection();
  const user = connection.clickup_user;

  return (
    <Card
      aria-labelledby={`connection-${connection.id}`}
      data-testid="connection-card"
      className={cn('gap-4', highlighted && 'ring-2 ring-primary/60')}
    >
      <CardHeader>
        <CardTitle id={`connection-${connection.id}`} className="flex flex-wrap items-center gap-2">
          {connection.name}
          <Badge variant="secondary">
            {connection.type === 'oauth' ? <ShieldCheck aria-hidden /> : <KeyRound aria-hidden />}
            {connection.type === 'oauth' ? 'OAuth' : 'Personal token'}
          </Badge>
        </CardTitle>
        <CardDescription className="flex items-center gap-1.5">
          <UserRound aria-hidden className="size-3.5" />
          Acts as {user.username ?? 'a ClickUp user'}
          {user.email && <span className="text-muted-foreground">({user.email})</span>}
        </CardDescription>
        <CardAction className="flex flex-wrap items-center gap-2">
          <PauseControl scope="connection" targetId={connection.id} targetName={connection.name} />
          {canManage && (
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive hover:text-destructive"
              onClick={() => setConfirming(true)}
              aria-label={`Remove ${connection.name}`}
            >
              <Trash2 aria-hidden />
              Remove
            </Button>
          )}
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div>
          <p className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">
            Reachable workspaces
          </p>
          {connection.workspaces.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              None: the account was not given access to a workspace.
            </p>
          ) : (
            <ul className="flex flex-wrap gap-2" aria-label={`Workspaces of ${connection.name}`}>
              {connection.workspaces.map((workspace) => (
                <li
                  key={workspace.id}
                  className="flex items-center gap-1.5 rounded-md border bg-muted/40 px-2.5 py-1 text-sm"
                >
                  <Building aria-hidden className="size-3.5 text-muted-foreground" />
                  {workspace.name}
                  <span className="font-mono text-xs text-muted-foreground">{workspace.id}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <ConnectionTeams
          key={connection.team_ids.join()}
          connection={connection}
          teams={teams}
          canManage={canManage}
        />
        <p className="text-xs text-muted-foreground">
          Added <TimeAgo iso={connection.created_at} />
        </p>
      </CardContent>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Remove ${connection.name}?`}
        confirmLabel="Remove connection"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(connection.id, {
            onSuccess: () => {
              setConfirming(false);
              toast(`Connection ${connection.name} removed`);
            },
          })
        }
      >
        <p>
          Its credential is wiped and <strong>every MCP server on it is revoked</strong>: agents using those
          URLs lose access at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
