'use client';

import Link from 'next/link';
import type { ColumnDef } from '@tanstack/react-table';
import { LoaderCircle, Plus, Users } from 'lucide-react';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { QueryView } from '@/components/common/query-view';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonVariants } from '@/components/ui/button';
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
import { LinkedAccountsSection } from '@/features/linked-accounts/components/linked-accounts-section';
import { useTeams } from '@/features/teams/api/use-teams';
import { formatDate } from '@/lib/format';
import type { CreatedUser, User } from '../api/users.types';
import { useCreateUser, useUsers } from '../api/use-users';
import { canChangeUser, RoleSelect, UserRowActions } from './user-row-actions';

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including other owners',
  admin: 'Manages connections, servers, users and settings',
  auditor: 'Reads the audit log, servers and queue; changes nothing',
  member: 'Manages the servers of its own teams',
};

export function UsersPage() {
  const users = useUsers();
  const teams = useTeams();
  const canManage = usePermission('users:manage');
  const canSeeLinks = usePermission('clickup-accounts:manage');
  const me = useSession().data?.user;
  const [creating, setCreating] = useState(false);
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((t) => [t.id, t.name])), [teams.data]);

  const columns = useMemo<ColumnDef<User>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        cell: ({ row }) => (
          <div className="grid">
            <span className="flex items-center gap-2 font-medium">
              {row.original.name}
              {row.original.sso && (
                <Badge variant="outline" title="Signs in through the single sign-on provider">
                  SSO
                </Badge>
              )}
            </span>
            <span className="text-xs text-muted-foreground">{row.original.email}</span>
          </div>
        ),
      },
      {
        id: 'role',
        header: 'Role',
        cell: ({ row }) =>
          canManage && me && canChangeUser(me, row.original) ? (
            <RoleSelect me={me} user={row.original} />
          ) : (
            <Badge variant="secondary" className="capitalize" title={ROLE_DESCRIPTIONS[row.original.role]}>
              {row.original.role}
            </Badge>
          ),
      },
      {
        id: 'teams',
        header: 'Teams',
        cell: ({ row }) =>
          row.original.team_ids.length === 0 ? (
            <span className="text-muted-foreground">—</span>
          ) : (
            row.original.team_ids.map((id) => teamNames.get(id) ?? 'Team').join(', ')
          ),
      },
      {
        id: 'status',
        header: 'Status',
        cell: ({ row }) =>
          row.original.disabled ? (
            <Badge variant="destructive">Disabled</Badge>
          ) : (
            <Badge variant="success">Active</Badge>
          ),
      },
      { id: 'created', header: 'Added', cell: ({ row }) => formatDate(row.original.created_at) },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          canManage && me ? (
            <div className="flex justify-end gap-1">
              <Link
                className={buttonVariants({ variant: 'ghost', size: 'sm' })}
                href={`/connected-agents?user_id=${encodeURIComponent(row.original.id)}`}
              >
                Agents<span className="sr-only"> of {row.original.name}</span>
              </Link>
              {me.id !== row.original.id && canChangeUser(me, row.original) && (
                <UserRowActions user={row.original} />
              )}
            </div>
          ) : null,
      },
    ],
    [teamNames, canManage, me],
  );

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageHeader
        title="Users"
        description="Who can sign in to this console, and with which role."
        actions={
          canManage && (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              Add user
            </Button>
          )
        }
      />
      <RoleLegend />
      <QueryView query={users} placeholder={<Skeleton className="h-64 w-full" />}>
        {(data) => (
          <DataTable
            label="Users"
            data={data}
            columns={columns}
            getRowId={(u) => u.id}
            pageSize={25}
            empty={<EmptyState icon={Users} title="No user" className="m-4 border-0" />}
          />
        )}
      </QueryView>
      {canSeeLinks && <LinkedAccountsSection />}
      {canManage && <CreateUserDialog open={creating} onClose={() => setCreating(false)} />}
    </div>
  );
}

function RoleLegend() {
  return (
    <dl
      className="grid gap-3 rounded-xl border bg-card p-4 text-sm sm:grid-cols-2 lg:grid-cols-4"
      aria-label="Roles"
    >
      {(Object.keys(ROLE_DESCRIPTIONS) as Role[]).map((role) => (
        <div key={role} className="grid gap-0.5">
          <dt className="font-medium capitalize">{role}</dt>
          <dd className="text-muted-foreground">{ROLE_DESCRIPTIONS[role]}</dd>
        </div>
      ))}
    </dl>
  );
}

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const id = useId();
  const session = useSession();
  const create = useCreateUser();
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const roles = session.data ? grantableRoles(session.data.user.role) : [];

  function close() {
    setCreated(null);
    create.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    create.mutate(
      {
        name: String(form.get('name') ?? '').trim(),
        email: String(form.get('email') ?? '').trim(),
        role: String(form.get('role')) as Role,
        ...(password ? { password } : {}),
      },
      { onSuccess: setCreated },
    );
  }

  return (
    <Dialog open={open} onClose={close} title={created ? `${created.name} can sign in` : 'Add a user'}>
      {created ? (
        <div className="grid gap-4 text-sm">
          {created.password ? (
            <>
              <Alert variant="warning" title="Copy the password now">
                It is shown only this once. Send it to {created.email} through a channel you trust.
              </Alert>
              <div className="flex gap-2">
                <Input
                  readOnly
                  aria-label="Generated password"
                  value={created.password}
                  className="font-mono"
                />
                <CopyButton value={created.password} />
              </div>
            </>
          ) : (
            <p>They can sign in with the password you chose.</p>
          )}
          <DialogFooter>
            <Button onClick={close}>Done</Button>
          </DialogFooter>
        </div>
      ) : (
        <form className="grid gap-4" onSubmit={onSubmit}>
          <Field id={`${id}-name`} label="Name">
            <Input id={`${id}-name`} name="name" required maxLength={200} />
          </Field>
          <Field id={`${id}-email`} label="Email">
            <Input id={`${id}-email`} name="email" type="email" required />
          </Field>
          <Field id={`${id}-role`} label="Role">
            <Select id={`${id}-role`} name="role" defaultValue="member">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role.charAt(0).toUpperCase() + role.slice(1)} — {ROLE_DESCRIPTIONS[role]}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id={`${id}-password`}
            label="Password (optional)"
            hint="At least 12 characters. Leave empty to generate one."
          >
            <Input
              id={`${id}-password`}
              name="password"
              type="password"
              minLength={12}
              autoComplete="new-password"
            />
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
              Add user
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
