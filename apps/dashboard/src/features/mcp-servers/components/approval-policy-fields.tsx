'use client';

import { useMemo, useState } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { usePermission } from '@/features/auth/api/use-permission';
import { useTeams } from '@/features/teams/api/use-teams';
import { useUsers } from '@/features/users/api/use-users';
import { cn } from '@/lib/utils';
import { gatedTools, MAX_TTL_MINUTES, MODE_OPTIONS } from '../api/approval-policy';
import type { ToolSummary } from '../api/mcp-servers.types';
import type { ApprovalDraft } from '../schemas/approval-policy.schema';

/**
 * Which calls of a server wait for a person, who decides, and for how long: the approval part of a server's config
 * (the wizard and the settings form) and of a team policy's default for new servers. `tools` is what the server's
 * filters expose, so only tools an agent could call are offered.
 */
export function ApprovalPolicyFields({
  id,
  value,
  onChange,
  tools,
}: {
  id: string;
  value: ApprovalDraft;
  onChange: (patch: Partial<ApprovalDraft>) => void;
  tools: ToolSummary[] | undefined;
}) {
  const writes = useMemo(() => (tools ?? []).filter((t) => !t.read_only), [tools]);
  const deletes = writes.filter((t) => t.method === 'delete');
  const gated = gatedTools(
    {
      mode: value.mode,
      tools: value.mode === 'tools' ? value.chosenTools : value.destructiveTools,
    },
    tools ?? [],
  );

  return (
    <div className="grid gap-5" data-testid="approval-policy">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Which calls wait for a person</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {MODE_OPTIONS.map((option) => (
            <label
              key={option.value}
              className={cn(
                'flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm transition-colors hover:bg-accent/50',
                value.mode === option.value && 'border-primary/50 bg-accent/40',
              )}
            >
              <input
                type="radio"
                name={`${id}-approval-mode`}
                value={option.value}
                checked={value.mode === option.value}
                onChange={() => onChange({ mode: option.value })}
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

      {value.mode === 'destructive' && (
        <>
          <p className="text-sm text-muted-foreground">
            {deletes.length === 0
              ? 'This server exposes no delete tool.'
              : `Every delete waits: ${deletes.map((t) => t.name).join(', ')}.`}
          </p>
          <ToolChecklist
            id={`${id}-destructive`}
            legend="Also treat as destructive"
            hint="Updates and other writes whose effect is hard to undo."
            tools={writes.filter((t) => t.method !== 'delete')}
            value={value.destructiveTools}
            onChange={(destructiveTools) => onChange({ destructiveTools })}
          />
        </>
      )}
      {value.mode === 'tools' && (
        <ToolChecklist
          id={`${id}-chosen`}
          legend="Tools that need approval"
          tools={writes}
          value={value.chosenTools}
          onChange={(chosenTools) => onChange({ chosenTools })}
        />
      )}
      {value.mode !== 'none' && (
        <>
          <ToolChecklist
            id={`${id}-second`}
            legend="Tools that need a second approver"
            hint="Two different people must approve these."
            tools={(tools ?? []).filter((t) => gated.includes(t.name))}
            value={value.secondApproverTools}
            onChange={(secondApproverTools) => onChange({ secondApproverTools })}
          />
          <Approvers id={id} value={value} onChange={onChange} />
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              id={`${id}-min-tasks`}
              label="Only above a number of tasks (optional)"
              hint="Calls touching more tasks than this wait (a task counts with its subtasks). Empty: every call."
            >
              <Input
                id={`${id}-min-tasks`}
                inputMode="numeric"
                value={value.minTasks}
                onChange={(e) => onChange({ minTasks: e.target.value })}
              />
            </Field>
            <Field
              id={`${id}-ttl`}
              label="Requests expire after (minutes)"
              hint={`Undecided requests expire and the call does not run. At most ${MAX_TTL_MINUTES} (a week).`}
            >
              <Input
                id={`${id}-ttl`}
                inputMode="numeric"
                value={value.ttlMinutes}
                onChange={(e) => onChange({ ttlMinutes: e.target.value })}
              />
            </Field>
          </div>
        </>
      )}
    </div>
  );
}

/** Owners and admins by default; or the members of a team and named people. Never the person who asked. */
function Approvers({
  id,
  value,
  onChange,
}: {
  id: string;
  value: ApprovalDraft;
  onChange: (patch: Partial<ApprovalDraft>) => void;
}) {
  const canListUsers = usePermission('users:read');
  const teams = useTeams();
  const users = useUsers({ enabled: value.approvers === 'chosen' });
  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Who approves</legend>
      <p className="text-xs text-muted-foreground">
        Never the person whose call it is; at a secret URL, never the server’s creator.
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        {(
          [
            ['admins', 'Owners and admins', 'Anyone with the owner or admin role.'],
            ['chosen', 'Chosen approvers', 'The members of a team, named people, or both.'],
          ] as const
        ).map(([choice, label, hint]) => (
          <label
            key={choice}
            className={cn(
              'flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm transition-colors hover:bg-accent/50',
              value.approvers === choice && 'border-primary/50 bg-accent/40',
            )}
          >
            <input
              type="radio"
              name={`${id}-approvers`}
              value={choice}
              checked={value.approvers === choice}
              onChange={() => onChange({ approvers: choice })}
              className="mt-0.5 size-4 accent-primary"
            />
            <span className="grid gap-0.5">
              <span className="font-medium">{label}</span>
              <span className="text-xs text-muted-foreground">{hint}</span>
            </span>
          </label>
        ))}
      </div>
      {value.approvers === 'chosen' && (
        <div className="grid gap-3 rounded-lg border p-3">
          <Field id={`${id}-approver-team`} label="Team">
            <Select
              id={`${id}-approver-team`}
              value={value.approverTeamId}
              onChange={(e) => onChange({ approverTeamId: e.target.value })}
            >
              <option value="">No team</option>
              {(teams.data ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          {canListUsers ? (
            <fieldset className="grid gap-1">
              <legend className="mb-1 text-sm font-medium">People</legend>
              <div className="grid max-h-56 gap-1 overflow-auto sm:grid-cols-2">
                {(users.data ?? [])
                  .filter((u) => !u.disabled && u.role !== 'auditor')
                  .map((u) => (
                    <label
                      key={u.id}
                      htmlFor={`${id}-approver-${u.id}`}
                      className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-accent/50"
                    >
                      <Checkbox
                        id={`${id}-approver-${u.id}`}
                        checked={value.approverUserIds.includes(u.id)}
                        onChange={(e) =>
                          onChange({ approverUserIds: toggle(value.approverUserIds, u.id, e.target.checked) })
                        }
                      />
                      <span className="truncate">{u.name ? `${u.name} (${u.email})` : u.email}</span>
                    </label>
                  ))}
              </div>
            </fieldset>
          ) : (
            <p className="text-xs text-muted-foreground">
              {value.approverUserIds.length > 0
                ? `And ${value.approverUserIds.length} named people. Owners and admins can change who.`
                : 'Owners and admins can also name people.'}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}

/** A checklist of tools, with a filter once the list is long. */
function ToolChecklist({
  id,
  legend,
  hint,
  tools,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  tools: ToolSummary[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const shown = tools.filter(
    (t) =>
      !filter ||
      t.name.includes(filter.toLowerCase()) ||
      t.title.toLowerCase().includes(filter.toLowerCase()),
  );
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...value.filter((v) => v !== name), name] : value.filter((v) => v !== name));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">
        {legend}
        {value.length > 0 && (
          <span className="ml-2 font-normal text-muted-foreground">{value.length} picked</span>
        )}
      </legend>
      {hint && <p className="text-xs text-muted-foreground">{hint}</p>}
      {tools.length > 12 && (
        <Input
          aria-label={`Filter: ${legend}`}
          placeholder="Filter tools…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="max-w-72"
        />
      )}
      {tools.length === 0 ? (
        <p className="text-sm text-muted-foreground">No tool of this server fits.</p>
      ) : (
        <div className="grid max-h-56 gap-1 overflow-auto rounded-lg border p-2 sm:grid-cols-2">
          {shown.map((t) => (
            <label
              key={t.name}
              htmlFor={`${id}-${t.name}`}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-accent/50"
            >
              <Checkbox
                id={`${id}-${t.name}`}
                checked={value.includes(t.name)}
                onChange={(e) => toggle(t.name, e.target.checked)}
              />
              <span className="truncate font-mono text-xs">{t.name}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
