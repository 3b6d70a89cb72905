'use client';

import { LoaderCircle, Plus, UserMinus, UsersRound } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { QueryError } from '@/components/common/query-error';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { PauseControl } from '@/features/pauses/components/pause-control';
import { useUsers } from '@/features/users/api/use-users';
import { useUrlState } from '@/lib/url-state';
import { cn } from '@/lib/utils';
import type { Team } from '../api/teams.types';
import { useCreateTeam, useTeam, useTeamMembership, useTeams } from '../api/use-teams';
import { ApprovalNotificationsCard } from './approval-notifications-card';
import { TeamPolicyCard } from './team-policy-card';

export function TeamsPage() {
  const teams = useTeams();
  const canManage = usePermission('teams:manage');
  const url = useUrlState();
  const [creating, setCreating] = useState(false);
  const selected = url.get('team') || teams.data?.[0]?.id || '';

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageHeader
        title="Teams"
        description="Members of a team manage the MCP servers that belong to it, within the team’s policy."
        actions={
          canManage && (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New team
            </Button>
          )
        }
      />
      {teams.error ? (
        <QueryError error={teams.error} onRetry={() => void teams.refetch()} />
      ) : !teams.data ? (
        <Skeleton className="h-64 w-full" />
      ) : teams.data.length === 0 ? (
        <EmptyState icon={UsersRound} title="No team yet">
          {canManage
            ? 'Create a team to let its members manage their own MCP servers.'
            : 'You are not in a team.'}
        </EmptyState>
      ) : (
        <div className="grid items-start gap-6 md:grid-cols-[16rem_minmax(0,1fr)]">
          <nav aria-label="Teams">
            <ul className="grid gap-1">
              {teams.data.map((team) => (
                <li key={team.id}>
                  <button
                    type="button"
                    aria-current={team.id === selected ? 'true' : undefined}
                    onClick={() => url.set({ team: team.id })}
                    className={cn(
                      'flex w-full items-center justify-between rounded-md px-3 py-2 text-left text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
                      team.id === selected
                        ? 'bg-accent font-medium text-accent-foreground'
                        : 'hover:bg-accent/60',
                    )}
                  >
                    {team.name}
                    <span className="text-xs text-muted-foreground">{team.member_count}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {selected && (
            <div className="grid gap-6">
              <TeamCard key={selected} id={selected} canManage={canManage} />
              <TeamPolicyCard
                key={`${selected}-policy`}
                teamId={selected}
                teamName={teams.data.find((t) => t.id === selected)?.name ?? 'this team'}
                canManage={canManage}
              />
              {canManage && (
                <ApprovalNotificationsCard
                  key={`${selected}-notifications`}
                  teamId={selected}
                  teamName={teams.data.find((t) => t.id === selected)?.name ?? 'this team'}
                />
              )}
            </div>
          )}
        </div>
      )}
      {canManage && (
        <CreateTeamDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(team) => {
            setCreating(false);
            toast(`Team ${team.name} created`);
            url.set({ team: team.id });
          }}
        />
      )}
    </div>
  );
}

function TeamCard({ id, canManage }: { id: string; canManage: boolean }) {
  const team = useTeam(id);
  const users = useUsers();
  const { add, remove } = useTeamMembership(id);
  const [userId, setUserId] = useState('');
  const formId = useId();

  if (team.error) return <QueryError error={team.error} />;
  if (!team.data) return <Skeleton className="h-48 w-full" />;
  const memberIds = new Set(team.data.members.map((m) => m.id));
  const candidates = (users.data ?? []).filter((u) => !memberIds.has(u.id));

  return (
    <Card aria-labelledby={`${formId}-title`}>
      <CardHeader>
        <CardTitle id={`${formId}-title`}>{team.data.name}</CardTitle>
        <CardDescription>
          {team.data.members.length} member{team.data.members.length === 1 ? '' : 's'}
        </CardDescription>
        <CardAction>
          <PauseControl scope="team" targetId={team.data.id} targetName={team.data.name} />
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        {team.data.members.length === 0 ? (
          <p className="text-sm text-muted-foreground">No member yet.</p>
        ) : (
          <ul className="divide-y rounded-lg border" aria-label={`Members of ${team.data.name}`}>
            {team.data.members.map((member) => (
              <li key={member.id} className="flex items-center gap-3 px-3 py-2 text-sm">
                <div className="grid min-w-0 flex-1">
                  <span className="truncate font-medium">{member.name}</span>
                  <span className="truncate text-xs text-muted-foreground">{member.email}</span>
                </div>
                <Badge variant="secondary" className="capitalize">
                  {member.role}
                </Badge>
                {canManage && (
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove ${member.name} from ${team.data.name}`}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(member.id)}
                  >
                    <UserMinus aria-hidden />
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canManage && candidates.length > 0 && (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (userId) add.mutate(userId, { onSuccess: () => setUserId('') });
            }}
          >
            <div className="grid min-w-56 flex-1 gap-1.5">
              <Label htmlFor={`${formId}-user`}>Add a member</Label>
              <Select id={`${formId}-user`} value={userId} onChange={(e) => setUserId(e.target.value)}>
                <option value="">Pick a user</option>
                {candidates.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.email})
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="outline" disabled={!userId || add.isPending}>
              {add.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
              Add
            </Button>
          </form>
        )}
        {(add.error || remove.error) && <Alert variant="error">{(add.error ?? remove.error)?.message}</Alert>}
      </CardContent>
    </Card>
  );
}

function CreateTeamDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (team: Team) => void;
}) {
  const id = useId();
  const create = useCreateTeam();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(String(new FormData(event.currentTarget).get('name') ?? '').trim(), {
      onSuccess: onCreated,
    });
  }
  return (
    <Dialog open={open} onClose={onClose} title="New team">
      <form className="grid gap-4" onSubmit={onSubmit}>
        <Field id={`${id}-name`} label="Team name">
          <Input id={`${id}-name`} name="name" required maxLength={100} placeholder="Support" />
        </Field>
        {create.error && (
          <Alert variant="error" role="alert">
            {create.error.message}
          </Alert>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            Create team
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
