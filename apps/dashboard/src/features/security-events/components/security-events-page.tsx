'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { ChevronLeft, ChevronRight, ShieldAlert } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { QueryView } from '@/components/common/query-view';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useUrlState } from '@/lib/url-state';
import {
  filtersFrom,
  reasonLabel,
  SECURITY_EVENT_FILTER_KEYS,
  type SecurityEvent,
  type SecurityEventFilterKey,
} from '../api/security-events';
import { useSecurityEvents } from '../api/use-security-events';
import { SecurityEventsFilterBar } from './security-events-filter-bar';

const FIRST_PAGE = '-';

export function SecurityEventsPage() {
  const url = useUrlState();
  const filters = useMemo(() => filtersFrom(url.params), [url.params]);
  const cursor = url.get('cursor');
  // Cursors of the pages before this one, newest first, so "Newer" can step back.
  const back = url.get('back') ? url.get('back').split(',') : [];
  const page = useSecurityEvents(filters, cursor);

  const setFilter = useCallback(
    (key: SecurityEventFilterKey, value: string) => url.set({ [key]: value, cursor: null, back: null }),
    [url],
  );
  const clearFilters = () =>
    url.set({
      ...Object.fromEntries(SECURITY_EVENT_FILTER_KEYS.map((k) => [k, null])),
      cursor: null,
      back: null,
    });

  const nextCursor = page.data?.nextCursor ?? null;
  const older = () =>
    nextCursor &&
    url.set({ cursor: nextCursor, back: [cursor || FIRST_PAGE, ...back].join(',') }, { push: true });
  const newer = () => {
    const [previous, ...rest] = back;
    url.set(
      { cursor: previous === FIRST_PAGE ? null : previous, back: rest.join(',') || null },
      { push: true },
    );
  };

  const columns = useMemo<ColumnDef<SecurityEvent>[]>(
    () => [
      {
        id: 'minute',
        header: 'Minute',
        cell: ({ row }) => <time dateTime={row.original.minute}>{formatDateTime(row.original.minute)}</time>,
      },
      {
        id: 'ip',
        header: 'Client address',
        cell: ({ row }) =>
          row.original.ip === 'other' ? (
            <span className="text-muted-foreground">Other addresses</span>
          ) : (
            <button
              type="button"
              className="font-mono text-sm underline-offset-4 hover:underline"
              onClick={() => setFilter('ip', row.original.ip)}
              aria-label={`Show only ${row.original.ip}`}
            >
              {row.original.ip}
            </button>
          ),
      },
      {
        id: 'reason',
        header: 'Reason',
        cell: ({ row }) => (
          <Badge
            variant={
              row.original.reason === 'rate_limited' || row.original.reason === 'login_locked'
                ? 'destructive'
                : 'secondary'
            }
          >
            {reasonLabel(row.original.reason)}
          </Badge>
        ),
      },
      {
        id: 'count',
        header: () => <span className="block text-right">Refusals</span>,
        cell: ({ row }) => (
          <span className="block text-right tabular-nums">{formatNumber(row.original.count)}</span>
        ),
      },
    ],
    [setFilter],
  );

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageHeader
        title="Security events"
        description="Requests refused before anyone was authenticated — unknown MCP URLs, rejected credentials, failed sign-ins, rate limits — counted per minute and client address. Kept 30 days; they are not in the audit log."
      />
      <SecurityEventsFilterBar filters={filters} onChange={setFilter} onClear={clearFilters} />
      <QueryView
        query={page}
        placeholder={
          <div className="grid gap-2" aria-busy="true" aria-label="Loading security events">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-11 w-full" />
            ))}
          </div>
        }
      >
        {(data) => (
          <div className="grid gap-3">
            <DataTable
              label="Security events"
              data={data.items}
              columns={columns}
              getRowId={(e) => `${e.minute} ${e.reason} ${e.ip}`}
              rowTestId="security-event-row"
              empty={
                <EmptyState icon={ShieldAlert} title="No security event" className="m-4 border-0">
                  {Object.keys(filters).length > 0
                    ? 'Change or clear the filters.'
                    : 'Refused unauthenticated requests appear here within seconds.'}
                </EmptyState>
              }
            />
            <nav aria-label="Security event pages" className="flex justify-end gap-2">
              <Button variant="outline" size="sm" disabled={back.length === 0} onClick={newer}>
                <ChevronLeft aria-hidden />
                Newer
              </Button>
              <Button variant="outline" size="sm" disabled={!nextCursor} onClick={older}>
                Older
                <ChevronRight aria-hidden />
              </Button>
            </nav>
          </div>
        )}
      </QueryView>
    </div>
  );
}
