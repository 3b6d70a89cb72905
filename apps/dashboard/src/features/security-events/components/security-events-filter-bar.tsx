'use client';

import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { REASONS, type SecurityEventFilterKey, type SecurityEventFilters } from '../api/security-events';

/** The address typed reaches the URL (and the query) after a short pause, not on every key. */
function AddressFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onChange(draft.trim()), 350);
    return () => clearTimeout(timer);
  }, [draft, value, onChange]);
  return (
    <div>
      <Label htmlFor="security-ip" className="mb-1.5">
        Client address
      </Label>
      <Input
        id="security-ip"
        value={draft}
        placeholder="e.g. 203.0.113.7"
        onChange={(e) => setDraft(e.target.value)}
      />
    </div>
  );
}

export function SecurityEventsFilterBar({
  filters,
  onChange,
  onClear,
}: {
  filters: SecurityEventFilters;
  onChange: (key: SecurityEventFilterKey, value: string) => void;
  onClear: () => void;
}) {
  const active = Object.keys(filters).length;
  return (
    <search aria-label="Filter security events" className="grid gap-3 rounded-xl border bg-card p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <Label htmlFor="security-reason" className="mb-1.5">
            Reason
          </Label>
          <Select
            id="security-reason"
            value={filters.reason ?? ''}
            onChange={(e) => onChange('reason', e.target.value)}
          >
            <option value="">All reasons</option>
            {REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </Select>
        </div>
        <AddressFilter value={filters.ip ?? ''} onChange={(v) => onChange('ip', v)} />
        <div>
          <Label htmlFor="security-from" className="mb-1.5">
            From
          </Label>
          <Input
            id="security-from"
            type="datetime-local"
            value={filters.from ?? ''}
            onChange={(e) => onChange('from', e.target.value)}
          />
        </div>
        <div>
          <Label htmlFor="security-to" className="mb-1.5">
            To
          </Label>
          <Input
            id="security-to"
            type="datetime-local"
            value={filters.to ?? ''}
            onChange={(e) => onChange('to', e.target.value)}
          />
        </div>
      </div>
      {active > 0 && (
        <div className="flex items-center justify-between gap-2 text-sm text-muted-foreground">
          <span>
            {active} filter{active === 1 ? '' : 's'} applied
          </span>
          <Button variant="ghost" size="sm" onClick={onClear}>
            <X aria-hidden />
            Clear filters
          </Button>
        </div>
      )}
    </search>
  );
}
