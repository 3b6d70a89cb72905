'use client';

import { LoaderCircle, UsersRound } from 'lucide-react';
import Link from 'next/link';
import { useId, useState } from 'react';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import type { Team } from '@/features/teams/api/teams.types';
import type { Connection } from '../api/connections.types';
import { useSetConnectionTeams } from '../api/use-connections';

/**
 * The teams whose members may build servers on a connection. Owners and admins use every connection; a member
 * only those granted here, and then within its team's policy.
 */
export function ConnectionTeams({
  connection,
  teams,
  canManage,
}: {
  connection: Connection;
  teams: Team[];
  canManage: boolean;
}) {
  const id = useId();
  const [teamIds, setTeamIds] = useState(connection.team_ids);
  const save = useSetConnectionTeams(connection.id);
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const changed =
    teamIds.length !== connection.team_ids.length || teamIds.some((t) => !connection.team_ids.includes(t));

  if (!canManage) {
    return (
      <p className="flex items-center gap-1.5 text-sm text-muted-foreground">
        <UsersRound aria-hidden className="size-3.5" />
        Shared with {connection.team_ids.map((t) => names.get(t) ?? 'a team').join(', ') || 'no team'}
      </p>
    );
  }
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">
        Teams with access
      </legend>
      {teams.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No team yet.{' '}
          <Link href="/teams" className="underline">
            Create one
          </Link>{' '}
          to let its members build servers on this connection.
        </p>
      ) : (
        <>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {teams.map((team) => (
              <label
                key={team.id}
                htmlFor={`${id}-${team.id}`}
                className="flex cursor-pointer items-center gap-2 text-sm"
              >
                <Checkbox
                  id={`${id}-${team.id}`}
                  checked={teamIds.includes(team.id)}
                  onChange={(e) =>
                    setTeamIds((list) =>
                      e.target.checked ? [...list, team.id] : list.filter((t) => t !== team.id),
                    )
                  }
                />
                {team.name}
              </label>
            ))}
          </div>
          <p className="text-xs text-muted-foreground">
            Their members may build servers on it, within their team’s policy. Owners and admins always can.
          </p>
          {changed && (
            <Button
              size="sm"
              variant="outline"
              className="w-fit"
              disabled={save.isPending}
              onClick={() =>
                save.mutate(teamIds, { onSuccess: () => toast(`Team access to ${connection.name} saved`) })
              }
            >
              {save.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
              Save team access
            </Button>
          )}
          {save.error && <Alert variant="error">{save.error.message}</Alert>}
        </>
      )}
    </fieldset>
  );
}
