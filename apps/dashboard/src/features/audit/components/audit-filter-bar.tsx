'use client';

import { Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  ActiveFilters,
  SelectFilter,
  TimeRangeFields,
  type FilterOption,
} from '@/components/common/filter-controls';
import { OUTCOMES, type AuditFilterKey, type AuditFilters } from '../api/audit-filters';

/** Text typed into a filter reaches the URL (and the query) after a short pause, not on every key. */
function useDebounced(value: string, onSettle: (value: string) => void, delay = 350) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onSettle(draft), delay);
    return () => clearTimeout(timer);
  }, [draft, value, onSettle, delay]);
  return [draft, setDraft] as const;
}

function TextFilter({
  id,
  label,
  value,
  placeholder,
  onChange,
  className,
}: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  const [draft, setDraft] = useDebounced(value, onChange);
  return (
    <div className={className}>
      <Label htmlFor={id} className="mb-1.5">
        {label}
      </Label>
      <Input id={id} value={draft} placeholder={placeholder} onChange={(e) => setDraft(e.target.value)} />
    </div>
  );
}

export function AuditFilterBar({
  filters,
  servers,
  teams,
  tools,
  people,
  onChange,
  onClear,
}: {
  filters: AuditFilters;
  servers: FilterOption[];
  teams: FilterOption[];
  tools: FilterOption[];
  /** The organization's users: a signed-in call names the person it was for. */
  people: FilterOption[];
  onChange: (key: AuditFilterKey, value: string) => void;
  onClear: () => void;
}) {
  const active = Object.keys(filters).length;
  return (
    <search aria-label="Filter audit events" className="grid gap-3 rounded-xl border bg-card p-4">
      <div className="relative">
        <Label htmlFor="audit-q" className="sr-only">
          Search arguments
        </Label>
        <Search
          aria-hidden
          className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <SearchInput value={filters.q ?? ''} onChange={(v) => onChange('q', v)} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectFilter
          id="audit-server"
          label="Server"
          value={filters.server_id ?? ''}
          all="All servers"
          options={servers}
          onChange={(v) => onChange('server_id', v)}
        />
        <SelectFilter
          id="audit-team"
          label="Team"
          value={filters.team_id ?? ''}
          all="All teams"
          options={teams}
          onChange={(v) => onChange('team_id', v)}
        />
        <SelectFilter
          id="audit-tool"
          label="Tool"
          value={filters.tool ?? ''}
          all="All tools"
          options={tools}
          onChange={(v) => onChange('tool', v)}
        />
        <SelectFilter
          id="audit-outcome"
          label="Outcome"
          value={filters.outcome ?? ''}
          all="All outcomes"
          options={OUTCOMES.map((o) => ({ value: o.value, label: o.label }))}
          onChange={(v) => onChange('outcome', v)}
        />
        <SelectFilter
          id="audit-person"
          label="Person"
          value={filters.actor_user_id ?? ''}
          all="Anyone"
          options={people}
          onChange={(v) => onChange('actor_user_id', v)}
        />
        <TextFilter
          id="audit-actor"
          label="Actor"
          placeholder="mcp:…, user:…, token:…"
          value={filters.actor ?? ''}
          onChange={(v) => onChange('actor', v)}
        />
        <TextFilter
          id="audit-client"
          label="Client"
          placeholder="e.g. claude-ai"
          value={filters.client ?? ''}
          onChange={(v) => onChange('client', v)}
        />
        <TextFilter
          id="audit-job"
          label="Job or approval id"
          placeholder="The id of a queued call or an approval"
          value={filters.job_id ?? ''}
          onChange={(v) => onChange('job_id', v)}
        />
        <TimeRangeFields idPrefix="audit" from={filters.from} to={filters.to} onChange={onChange} />
      </div>
      <ActiveFilters count={active} onClear={onClear} />
    </search>
  );
}

function SearchInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [draft, setDraft] = useDebounced(value, onChange);
  return (
    <Input
      id="audit-q"
      type="search"
      className="pl-9"
      placeholder="Search in arguments (task names, ids, text)…"
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}
