'use client';

import { Checkbox } from '@/components/ui/checkbox';
import { usePermission } from '@/features/auth/api/use-permission';
import { useTeams } from '@/features/teams/api/use-teams';
import { useUsers } from '@/features/users/api/use-users';
import { cn } from '@/lib/utils';
import type { AccessMode, ClickUpAccount } from '../api/mcp-servers.types';

/** Who may reach a server, and how: the part of its config the wizard and the settings form share. */
export interface AccessDraft {
  accessMode: AccessMode;
  clickupAccount: ClickUpAccount;
  signInUserIds: string[];
  signInTeamIds: string[];
  requireApiToken: boolean;
}

const MODES: { value: AccessMode; label: string; hint: string }[] = [
  {
    value: 'url',
    label: 'Secret URL',
    hint: 'Whoever holds the URL can use the server. Calls are recorded under the server, not a person.',
  },
  {
    value: 'sign_in',
    label: 'Sign-in',
    hint: 'Each person signs in through the console (OAuth) and every call is recorded under their name. No secret to leak.',
  },
  {
    value: 'url_and_sign_in',
    label: 'Both',
    hint: 'A secret URL for scripts and clients without OAuth, and sign-in for people.',
  },
];

export const ACCESS_LABELS: Record<AccessMode, string> = {
  url: 'Secret URL',
  sign_in: 'Sign-in',
  url_and_sign_in: 'Secret URL and sign-in',
};

const ACCOUNTS: { value: ClickUpAccount; label: string; hint: string }[] = [
  {
    value: 'connection',
    label: 'The server’s connection',
    hint: 'Every call acts as the connection’s ClickUp user.',
  },
  {
    value: 'caller',
    label: 'Each person’s own',
    hint: 'Calls act as the signed-in person’s linked ClickUp account, so ClickUp’s own permissions apply too.',
  },
];

/**
 * Access mode, the people and teams who may sign in besides the server's team, whose ClickUp account calls act as
 * (only with sign-in alone: a secret-URL call names no person), and the API token a secret URL may also require.
 */
export function AccessModeFields({
  id,
  value,
  onChange,
  policyRequiresApiToken = false,
}: {
  id: string;
  value: AccessDraft;
  onChange: (patch: Partial<AccessDraft>) => void;
  policyRequiresApiToken?: boolean;
}) {
  const canList = usePermission('servers:list-sign-in-people');
  const signIn = value.accessMode !== 'url';
  const secretUrl = value.accessMode !== 'sign_in';
  return (
    <div className="grid gap-5">
      <RadioGroup
        legend="How agents reach the server"
        name={`${id}-access`}
        value={value.accessMode}
        options={MODES}
        onChange={(accessMode) =>
          onChange({
            accessMode,
            ...(accessMode === 'sign_in' ? {} : { clickupAccount: 'connection' as const }),
          })
        }
      />
      {value.accessMode === 'sign_in' && (
        <RadioGroup
          legend="ClickUp account"
          name={`${id}-account`}
          value={value.clickupAccount}
          options={ACCOUNTS}
          onChange={(clickupAccount) => onChange({ clickupAccount })}
        />
      )}
      {signIn && <SignInPeople id={id} value={value} onChange={onChange} editable={canList} />}
      {secretUrl && (
        <label
          htmlFor={`${id}-auth`}
          className="flex cursor-pointer items-start gap-3 rounded-lg border px-4 py-3 text-sm"
        >
          <Checkbox
            id={`${id}-auth`}
            className="mt-0.5"
            checked={value.requireApiToken}
            disabled={policyRequiresApiToken && value.requireApiToken}
            onChange={(e) => onChange({ requireApiToken: e.target.checked })}
          />
          <span className="grid gap-1">
            <span className="font-medium">
              Also require an API token on the secret URL
              {policyRequiresApiToken && ' (required by your team’s policy)'}
            </span>
            <span className="text-muted-foreground">
              Clients must send <code className="font-mono">Authorization: Bearer cgw_…</code> with an API
              token of your organization besides the URL: a second factor if the URL leaks. Hosted clients
              (claude.ai, ChatGPT) cannot send it.
            </span>
          </span>
        </label>
      )}
    </div>
  );
}

/** The people and teams listed besides the team; owners and admins choose them, others see how many there are. */
function SignInPeople({
  id,
  value,
  onChange,
  editable,
}: {
  id: string;
  value: AccessDraft;
  onChange: (patch: Partial<AccessDraft>) => void;
  editable: boolean;
}) {
  const users = useUsers({ enabled: editable });
  const teams = useTeams();
  if (!editable) {
    const listed = value.signInUserIds.length + value.signInTeamIds.length;
    return (
      <p className="text-sm text-muted-foreground">
        Who may sign in: the server’s team, the admins and owners
        {listed > 0 ? `, and ${listed} people or teams an admin listed` : ''}. Owners and admins can list
        more.
      </p>
    );
  }
  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Who else may sign in</legend>
      <p className="text-xs text-muted-foreground">
        The server’s team, the admins and the owners always may. Add people or whole teams.
      </p>
      <div className="grid max-h-64 gap-1 overflow-auto rounded-lg border p-2 sm:grid-cols-2">
        {(teams.data ?? []).map((team) => (
          <CheckRow
            key={`team-${team.id}`}
            id={`${id}-team-${team.id}`}
            label={`Team: ${team.name}`}
            checked={value.signInTeamIds.includes(team.id)}
            onChange={(on) => onChange({ signInTeamIds: toggle(value.signInTeamIds, team.id, on) })}
          />
        ))}
        {(users.data ?? [])
          .filter((user) => !user.disabled)
          .map((user) => (
            <CheckRow
              key={`user-${user.id}`}
              id={`${id}-user-${user.id}`}
              label={user.name ? `${user.name} (${user.email})` : user.email}
              checked={value.signInUserIds.includes(user.id)}
              onChange={(on) => onChange({ signInUserIds: toggle(value.signInUserIds, user.id, on) })}
            />
          ))}
      </div>
    </fieldset>
  );
}

function CheckRow({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label
      htmlFor={id}
      className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-accent/50"
    >
      <Checkbox id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span className="truncate">{label}</span>
    </label>
  );
}

function RadioGroup<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: { value: T; label: string; hint: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              'flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm transition-colors hover:bg-accent/50',
              value === option.value && 'border-primary/50 bg-accent/40',
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="mt-0.5 size-4 accent-primary"
            />
            <span className="grid gap-0.5">
              <span className="font-medium">{option.label}</span>
              <span className="text-xs text-muted-foreground">{option.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
