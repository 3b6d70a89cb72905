'use client';

import { Checkbox } from '@/components/ui/checkbox';
import { Skeleton } from '@/components/ui/skeleton';
import { Alert } from '@/components/ui/alert';
import type { Space } from '@/features/connections/api/connections.types';
import { humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import { TOOL_TAGS } from '@gw/tool-filters';
import { METHOD_OPTIONS } from '../api/config-summary';

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/** What the team's policy lets a member tick; absent for owners and admins, whom no policy limits. */
export type Allowed = (value: string) => boolean;

const NOT_ALLOWED = 'Not allowed by your team’s policy';

function Option({
  id,
  checked,
  onChange,
  label,
  hint,
  disabled,
}: {
  id: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  label: string;
  hint?: string;
  disabled?: boolean;
}) {
  return (
    <label
      htmlFor={id}
      className={cn(
        'flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm transition-colors hover:bg-accent/50',
        checked && 'border-primary/50 bg-accent/40',
        disabled && 'cursor-not-allowed opacity-60 hover:bg-transparent',
      )}
    >
      <Checkbox
        id={id}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5"
      />
      <span className="grid gap-0.5">
        <span className="font-medium">{label}</span>
        {hint && <span className="text-xs text-muted-foreground">{hint}</span>}
      </span>
    </label>
  );
}

export function MethodPicker({
  value,
  onChange,
  allowed,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  allowed?: Allowed;
}) {
  const limited = METHOD_OPTIONS.some((m) => allowed && !allowed(m.value));
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1 text-sm text-muted-foreground">
        {limited
          ? 'Which kinds of action agents may take, among those your team’s policy allows. Tick at least one.'
          : 'Which kinds of action agents may take. None ticked means all.'}
      </legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {METHOD_OPTIONS.map((m) => {
          const disabled = allowed ? !allowed(m.value) : false;
          return (
            <Option
              key={m.value}
              id={`method-${m.value}`}
              label={m.label}
              hint={disabled ? `${m.hint} · ${NOT_ALLOWED}` : m.hint}
              disabled={disabled && !value.includes(m.value)}
              checked={value.includes(m.value)}
              onChange={(on) => onChange(toggle(value, m.value, on))}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

export function GroupPicker({
  value,
  onChange,
  allowed,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  allowed?: Allowed;
}) {
  const limited = TOOL_TAGS.some((tag) => allowed && !allowed(tag));
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1 text-sm text-muted-foreground">
        {limited
          ? 'Which parts of ClickUp the tools cover, among those your team’s policy allows. Tick at least one.'
          : 'Which parts of ClickUp the tools cover. None ticked means all.'}
      </legend>
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {TOOL_TAGS.map((tag) => {
          const disabled = allowed ? !allowed(tag) : false;
          return (
            <Option
              key={tag}
              id={`group-${tag}`}
              label={humanize(tag)}
              hint={disabled ? NOT_ALLOWED : undefined}
              disabled={disabled && !value.includes(tag)}
              checked={value.includes(tag)}
              onChange={(on) => onChange(toggle(value, tag, on))}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

export function SpacePicker({
  spaces,
  loading,
  error,
  value,
  onChange,
}: {
  spaces: Space[] | undefined;
  loading: boolean;
  error: Error | null;
  value: string[];
  onChange: (value: string[]) => void;
}) {
  if (error) return <Alert variant="error">{error.message}</Alert>;
  if (loading || !spaces) return <Skeleton className="h-32 w-full" />;
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1 text-sm text-muted-foreground">
        Pin the server to some spaces: agents cannot read or change anything outside them. None ticked means
        the whole workspace.
      </legend>
      {spaces.length === 0 ? (
        <p className="text-sm text-muted-foreground">This workspace has no spaces.</p>
      ) : (
        <div className="grid gap-2 sm:grid-cols-2">
          {spaces.map((space) => (
            <Option
              key={space.id}
              id={`space-${space.id}`}
              label={space.name}
              hint={space.archived ? `Archived · ${space.id}` : space.id}
              checked={value.includes(space.id)}
              onChange={(on) => onChange(toggle(value, space.id, on))}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}
