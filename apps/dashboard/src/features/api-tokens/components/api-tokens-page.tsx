'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { KeyRound, LoaderCircle, Plus } from 'lucide-react';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { QueryView } from '@/components/common/query-view';
import { TimeAgo } from '@/components/common/time-ago';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import type { Role } from '@/features/auth/api/auth.types';
import { grantableRoles } from '@/features/auth/api/permissions';
import { usePermission } from '@/features/auth/api/use-permission';
import { useSession } from '@/features/auth/api/use-session';
import { formatDate } from '@/lib/format';
import { useApiTokenActions, useApiTokens, type ApiToken, type CreatedApiToken } from '../api/api-tokens';
import {
  DEFAULT_TOKEN_EXPIRY,
  tokenExpiresAt,
  tokenExpiryOptions,
  type TokenExpiryChoice,
} from '../schemas/token-expiry';

const STATE_VARIANT = { active: 'success', expired: 'secondary', revoked: 'destructive' } as const;

export function ApiTokensPage() {
  const tokens = useApiTokens();
  const canManage = usePermission('api-tokens:manage');
  const { revoke } = useApiTokenActions();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const columns = useMemo<ColumnDef<ApiToken>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        cell: ({ row }) => (
          <div className="grid">
            <span className="font-medium">{row.original.name}</span>
            <span className="font-mono text-xs text-muted-foreground">{row.original.token_prefix}…</span>
          </div>
        ),
      },
      {
        id: 'role',
        header: 'Role',
        cell: ({ row }) => <span className="capitalize">{row.original.role}</span>,
      },
      {
        id: 'state',
        header: 'State',
        cell: ({ row }) => (
          <Badge variant={STATE_VARIANT[row.original.state]} className="capitalize">
            {row.original.state}
          </Badge>
        ),
      },
      {
        id: 'last',
        header: 'Last used',
        cell: ({ row }) =>
          row.original.last_used_at ? <TimeAgo iso={row.original.last_used_at} /> : 'Never',
      },
      {
        id: 'expires',
        header: 'Expires',
        cell: ({ row }) =>
          row.original.expires_at ? (
            <span
              className={row.original.state === 'expired' ? 'text-muted-foreground line-through' : undefined}
            >
              {formatDate(row.original.expires_at)}
            </span>
          ) : (
            'Never'
          ),
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          canManage && row.original.state === 'active' ? (
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive hover:text-destructive"
              onClick={() => setRevoking(row.original)}
              aria-label={`Revoke ${row.original.name}`}
            >
              Revoke
            </Button>
          ) : null,
      },
    ],
    [canManage],
  );

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageHeader
        title="API tokens"
        description="For provisioning scripts (Authorization: Bearer cgw_…) and as a second factor on MCP URLs that require one."
        actions={
          canManage && (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New token
            </Button>
          )
        }
      />
      <QueryView query={tokens} placeholder={<Skeleton className="h-48 w-full" />}>
        {(data) => (
          <DataTable
            label="API tokens"
            data={data}
            columns={columns}
            getRowId={(t) => t.id}
            pageSize={25}
            empty={<EmptyState icon={KeyRound} title="No API token" className="m-4 border-0" />}
          />
        )}
      </QueryView>
      {canManage && <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />}
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              toast(`Token ${revoking.name} revoked`);
              setRevoking(null);
            },
          })
        }
      >
        <p>Scripts and MCP clients using it are refused from now on.</p>
      </ConfirmDialog>
    </div>
  );
}

function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const id = useId();
  const session = useSession();
  const { create } = useApiTokenActions();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const role = session.data?.user.role;
  const roles = role ? grantableRoles(role) : [];
  const expiryOptions = tokenExpiryOptions(role);

  function close() {
    setCreated(null);
    create.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      {
        name: String(form.get('name') ?? '').trim(),
        role: String(form.get('role')) as Role,
        expires_at: tokenExpiresAt(String(form.get('expiry')) as TokenExpiryChoice),
      },
      { onSuccess: setCreated },
    );
  }

  return (
    <Dialog open={open} onClose={close} title={created ? 'Copy your new token' : 'New API token'}>
      {created ? (
        <div className="grid gap-4 text-sm">
          <Alert variant="warning" title="Shown only this once">
            The gateway keeps only a hash of it. Store it in your secret manager now.
          </Alert>
          <div className="flex gap-2">
            <Input
              readOnly
              aria-label="API token"
              value={created.token}
              className="font-mono text-xs"
              data-testid="api-token-value"
            />
            <CopyButton value={created.token} />
          </div>
          <DialogFooter>
            <Button onClick={close}>Done</Button>
          </DialogFooter>
        </div>
      ) : (
        <form className="grid gap-4" onSubmit={onSubmit}>
          <Field
            id={`${id}-name`}
            label="Name"
            hint="What uses it, e.g. “terraform” or “Claude Desktop on Dana’s laptop”."
          >
            <Input id={`${id}-name`} name="name" required maxLength={100} />
          </Field>
          <Field id={`${id}-role`} label="Role">
            <Select id={`${id}-role`} name="role" defaultValue={session.data?.user.role}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role.charAt(0).toUpperCase() + role.slice(1)}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id={`${id}-expiry`}
            label="Expires"
            hint="It stops working then, and as soon as its creator is disabled."
          >
            <Select id={`${id}-expiry`} name="expiry" defaultValue={DEFAULT_TOKEN_EXPIRY}>
              {expiryOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          {create.error && (
            <Alert variant="error" role="alert">
              {create.error.message}
            </Alert>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
              Create token
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
