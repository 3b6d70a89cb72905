'use client';

import { ArrowLeft, Ban, RotateCw } from 'lucide-react';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { PageHeader } from '@/components/common/page-header';
import { QueryError } from '@/components/common/query-error';
import { TimeAgo } from '@/components/common/time-ago';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { useConnections } from '@/features/connections/api/use-connections';
import { useTeams } from '@/features/teams/api/use-teams';
import { formatDateTime } from '@/lib/format';
import { describeApproval } from '../api/approval-policy';
import { describeConfig } from '../api/config-summary';
import type { McpServer, RotatedToken } from '../api/mcp-servers.types';
import { useRevokeServer, useRotateServer, useServer } from '../api/use-mcp-servers';
import { ServerActivity } from './server-activity';
import { ServerSettingsForm } from './server-settings-form';
import { ServerStateBadge } from './server-state-badge';
import { ACCESS_LABELS } from './access-mode-fields';
import { ServerUrlPanel } from './server-url-panel';
import { SignInUrlPanel } from './sign-in-url-panel';

export function ServerDetailPage({ id }: { id: string }) {
  const server = useServer(id);
  const canManage = usePermission('servers:manage');
  const [issued, setIssued] = useState<RotatedToken | null>(null);

  if (server.error) return <QueryError error={server.error} onRetry={() => void server.refetch()} />;
  if (!server.data) return <Skeleton className="mx-auto h-96 max-w-6xl" />;
  const s = server.data;
  const editable = canManage && s.state !== 'revoked';

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <Link
        href="/servers"
        className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        MCP servers
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {s.name}
            <ServerStateBadge state={s.state} />
          </span>
        }
        description={describeConfig(s.config)}
        actions={editable && <ServerActions server={s} />}
      />
      {s.policy_violations.length > 0 && (
        <Alert variant="warning" title="Outside its team’s policy">
          The team’s policy was narrowed after this server was made. It keeps working as it is; a member can
          only change it back within the policy.
          <ul className="mt-2 list-disc pl-5">
            {s.policy_violations.map((v) => (
              <li key={v.field}>{v.message}</li>
            ))}
          </ul>
        </Alert>
      )}
      <ServerFacts server={s} />
      {s.sign_in_url && (
        <Card aria-labelledby="sign-in-url-title">
          <CardHeader>
            <CardTitle id="sign-in-url-title">Sign in from an MCP client</CardTitle>
          </CardHeader>
          <CardContent>
            <SignInUrlPanel url={s.sign_in_url} />
          </CardContent>
        </Card>
      )}
      {editable && <ServerSettingsForm key={s.updated_at} server={s} onSecretUrlIssued={setIssued} />}
      <Dialog
        open={issued !== null}
        onClose={() => setIssued(null)}
        title="The server’s new secret URL"
        className="max-w-2xl"
      >
        {issued && <ServerUrlPanel url={issued.url} requireApiToken={s.config.require_api_token_auth} />}
      </Dialog>
      <ServerActivity serverId={s.id} />
    </div>
  );
}

function ServerActions({ server }: { server: McpServer }) {
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | null>(null);
  const [rotated, setRotated] = useState<RotatedToken | null>(null);
  const revoke = useRevokeServer();
  const rotate = useRotateServer();
  return (
    <>
      {server.config.access_mode !== 'sign_in' && (
        <Button variant="outline" onClick={() => setConfirm('rotate')}>
          <RotateCw aria-hidden />
          {server.url_hint ? 'Rotate URL' : 'Issue a secret URL'}
        </Button>
      )}
      <Button variant="destructive" onClick={() => setConfirm('revoke')}>
        <Ban aria-hidden />
        Revoke
      </Button>
      <ConfirmDialog
        open={confirm === 'rotate'}
        onClose={() => setConfirm(null)}
        title="Rotate the URL?"
        confirmLabel="Rotate URL"
        pending={rotate.isPending}
        error={rotate.error}
        onConfirm={() =>
          rotate.mutate(server.id, {
            onSuccess: (answer) => {
              setConfirm(null);
              setRotated(answer);
            },
          })
        }
      >
        <p>
          A new URL replaces the current one, which <strong>stops working at once</strong>. Every client using
          it has to be set up again with the new URL.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'revoke'}
        onClose={() => setConfirm(null)}
        title={`Revoke ${server.name}?`}
        confirmLabel="Revoke server"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoke.mutate(server.id, {
            onSuccess: () => {
              setConfirm(null);
              toast(`${server.name} revoked: its URL no longer works`);
            },
          })
        }
      >
        <p>
          The URL stops working for good: agents using it get an error on their next request. The server and
          its audit trail stay visible. This cannot be undone.
        </p>
      </ConfirmDialog>
      <Dialog
        open={rotated !== null}
        onClose={() => setRotated(null)}
        title="New URL for this server"
        className="max-w-2xl"
      >
        {rotated && (
          <ServerUrlPanel url={rotated.url} requireApiToken={server.config.require_api_token_auth} />
        )}
      </Dialog>
    </>
  );
}

function ServerFacts({ server }: { server: McpServer }) {
  const connections = useConnections();
  const teams = useTeams();
  const connection = connections.data?.find((c) => c.id === server.connection_id);
  const workspace = connection?.workspaces.find((w) => w.id === server.workspace_id);
  const team = teams.data?.find((t) => t.id === server.team_id);
  const facts: [string, ReactNode][] = [
    ['Access', ACCESS_LABELS[server.config.access_mode]],
    [
      'Secret URL',
      <span key="url" className="break-all font-mono text-xs">
        {server.url_hint ??
          (server.config.access_mode === 'sign_in' ? 'None: reached by sign-in only' : 'No longer has a URL')}
      </span>,
    ],
    ...(server.config.access_mode === 'sign_in'
      ? [
          [
            'ClickUp account',
            server.config.clickup_account === 'caller' ? 'Each person’s own' : 'The server’s connection',
          ] as [string, ReactNode],
        ]
      : []),
    ['Connection', connection?.name ?? server.connection_id],
    ['Workspace', workspace?.name ?? server.workspace_id],
    ['Spaces', server.space_ids.length === 0 ? 'All spaces' : `${server.space_ids.length} pinned`],
    ['Team', team?.name ?? (server.team_id ? server.team_id : 'None')],
    ['API token required', server.config.require_api_token_auth ? 'Yes' : 'No'],
    [
      'Approval',
      describeApproval(server.config.approval, {
        team: (teamId) => teams.data?.find((t) => t.id === teamId)?.name,
      }),
    ],
    ['Created', formatDateTime(server.created_at)],
    ['Expires', server.expires_at ? formatDateTime(server.expires_at) : 'Never'],
    [
      'Last use',
      server.last_used_at ? (
        <span key="last">
          <TimeAgo iso={server.last_used_at} />
          {server.last_client_name && ` · ${server.last_client_name}`}
          {server.last_client_ip && ` · ${server.last_client_ip}`}
        </span>
      ) : (
        'Never used'
      ),
    ],
  ];
  if (server.revoked_at) facts.push(['Revoked', formatDateTime(server.revoked_at)]);
  return (
    <Card aria-labelledby="server-facts-title">
      <CardHeader>
        <CardTitle id="server-facts-title">Details</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {facts.map(([term, detail]) => (
            <div key={term} className="grid gap-0.5">
              <dt className="text-muted-foreground">{term}</dt>
              <dd className="font-medium">{detail}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
