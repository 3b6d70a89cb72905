'use client';

import { useEffect, useState } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { ActiveFilters, TimeRangeFields } from '@/components/common/filter-controls';
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
        <TimeRangeFields idPrefix="security" from={filters.from} to={filters.to} onChange={onChange} />
      </div>
      <ActiveFilters count={active} onClear={onClear} />
    </search>
  );
}
