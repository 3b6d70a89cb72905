'use client';

import { X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';

/** The From and To fields of a filter bar, as local date-times kept in the URL. */
export function TimeRangeFields({
  idPrefix,
  from,
  to,
  onChange,
}: {
  idPrefix: string;
  from: string | undefined;
  to: string | undefined;
  onChange: (key: 'from' | 'to', value: string) => void;
}) {
  return (
    <>
      <div>
        <Label htmlFor={`${idPrefix}-from`} className="mb-1.5">
          From
        </Label>
        <Input
          id={`${idPrefix}-from`}
          type="datetime-local"
          value={from ?? ''}
          onChange={(e) => onChange('from', e.target.value)}
        />
      </div>
      <div>
        <Label htmlFor={`${idPrefix}-to`} className="mb-1.5">
          To
        </Label>
        <Input
          id={`${idPrefix}-to`}
          type="datetime-local"
          value={to ?? ''}
          onChange={(e) => onChange('to', e.target.value)}
        />
      </div>
    </>
  );
}

/** "N filters applied" with a way back to the unfiltered view; nothing when no filter is set. */
export function ActiveFilters({ count, onClear }: { count: number; onClear: () => void }) {
  if (count === 0) return null;
  return (
    <div className="flex items-center justify-between gap-2 text-sm text-muted-foreground">
      <span>
        {count} filter{count === 1 ? '' : 's'} applied
      </span>
      <Button variant="ghost" size="sm" onClick={onClear}>
        <X aria-hidden />
        Clear filters
      </Button>
    </div>
  );
}

/** A choice of a filter list. */
export interface FilterOption {
  value: string;
  label: string;
}

/** A filter chosen from a list, with an "all" choice that clears it. */
export function SelectFilter({
  id,
  label,
  value,
  all,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  all: string;
  options: FilterOption[];
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <Label htmlFor={id} className="mb-1.5">
        {label}
      </Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
