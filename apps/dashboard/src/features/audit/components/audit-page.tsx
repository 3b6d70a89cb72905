'use client';

import { ChevronLeft, ChevronRight, Download, ScrollText } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useMemo } from 'react';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { QueryError } from '@/components/common/query-error';
import { Button, buttonVariants } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useApprovalLookup } from '@/features/approvals/api/use-approvals';
import { useServers, useToolPreview } from '@/features/mcp-servers/api/use-mcp-servers';
import { useTeams } from '@/features/teams/api/use-teams';
import { useUsers } from '@/features/users/api/use-users';
import { useUrlState } from '@/lib/url-state';
import type { ActorDirectory } from '../api/actor-label';
import { exportUrl } from '../api/audit.api';
import { AUDIT_FILTER_KEYS, filtersFrom, hasFilters, type AuditFilterKey } from '../api/audit-filters';
import type { AuditEvent } from '../api/audit.types';
import { useAuditPage } from '../api/use-audit';
import { AuditDetailDrawer } from './audit-detail-drawer';
import { AuditFilterBar } from './audit-filter-bar';
import { AuditTable } from './audit-table';
import { ChainBadge } from './chain-badge';
import { CheckpointBadge } from './checkpoint-badge';

const FIRST_PAGE = '-';

export function AuditPage() {
  const url = useUrlState();
  const filters = useMemo(() => filtersFrom(url.params), [url.params]);
  const cursor = url.get('cursor');
  // Cursors of the pages before this one, newest first, so "Newer" can step back.
  const back = url.get('back') ? url.get('back').split(',') : [];
  const eventId = url.get('event');

  const page = useAuditPage(filters, cursor);
  // Names and filter options are asked for once the rows are on screen, so the rows never wait behind them.
  const lookups = { enabled: page.data !== undefined };
  const servers = useServers({}, lookups);
  const teams = useTeams(lookups);
  const users = useUsers(lookups);
  const catalog = useToolPreview([], [], lookups);

  const directory = useMemo<ActorDirectory>(
    () => ({
      servers: new Map((servers.data ?? []).map((s) => [s.id, s.name])),
      users: new Map((users.data ?? []).map((u) => [u.id, u.name || u.email])),
    }),
    [servers.data, users.data],
  );

  const setFilter = useCallback(
    (key: AuditFilterKey, value: string) => url.set({ [key]: value, cursor: null, back: null, event: null }),
    [url],
  );
  const clearFilters = () =>
    url.set({ ...Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, null])), cursor: null, back: null });
  const open = useCallback((event: AuditEvent) => url.set({ event: event.id }, { push: true }), [url]);

  const events = page.data?.items ?? [];
  const nextCursor = page.data?.next_cursor ?? null;
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

  return (
    <div className="mx-auto grid max-w-7xl gap-6">
      <PageHeader
        title="Audit log"
        description="Every agent request and admin action, in a tamper-evident hash chain."
        actions={
          <>
            <ChainBadge enabled={page.isSuccess} />
            <CheckpointBadge enabled={page.isSuccess} />
            <a
              href={exportUrl(filters, 'csv')}
              download
              className={buttonVariants({ variant: 'outline', size: 'sm' })}
            >
              <Download aria-hidden />
              Export CSV
            </a>
            <a
              href={exportUrl(filters, 'jsonl')}
              download
              className={buttonVariants({ variant: 'outline', size: 'sm' })}
            >
              <Download aria-hidden />
              Export JSONL
            </a>
          </>
        }
      />
      <AuditFilterBar
        filters={filters}
        servers={(servers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        teams={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
        tools={(catalog.data?.tools ?? []).map((t) => ({ value: t.name, label: t.name }))}
        people={(users.data ?? []).map((u) => ({
          value: u.id,
          label: u.name ? `${u.name} (${u.email})` : u.email,
        }))}
        onChange={setFilter}
        onClear={clearFilters}
      />
      {filters.job_id && <JobTrailNote jobId={filters.job_id} />}
      {page.error ? (
        <QueryError error={page.error} onRetry={() => void page.refetch()} />
      ) : !page.data ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading audit events">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-11 w-full" />
          ))}
        </div>
      ) : (
        <div className="grid gap-3" aria-busy={page.isFetching && page.isPlaceholderData}>
          <AuditTable
            events={events}
            directory={directory}
            selectedId={eventId}
            onOpen={open}
            empty={
              <EmptyState
                icon={ScrollText}
                title={hasFilters(filters) ? 'No event matches' : 'No events yet'}
                className="m-4 border-0"
              >
                {hasFilters(filters)
                  ? 'Change or clear the filters.'
                  : 'Agent requests and admin actions appear here as they happen.'}
              </EmptyState>
            }
          />
          <nav aria-label="Audit pages" className="flex items-center justify-between gap-2 text-sm">
            <span className="text-muted-foreground" aria-live="polite">
              {events.length > 0 && `Events #${events[events.length - 1].seq}–#${events[0].seq}`}
            </span>
            <div className="flex gap-2">
              <Button variant="outline" size="sm" disabled={back.length === 0} onClick={newer}>
                <ChevronLeft aria-hidden />
                Newer
              </Button>
              <Button variant="outline" size="sm" disabled={!nextCursor} onClick={older}>
                Older
                <ChevronRight aria-hidden />
              </Button>
            </div>
          </nav>
        </div>
      )}
      {eventId && (
        <AuditDetailDrawer
          eventId={eventId}
          initial={events.find((e) => e.id === eventId)}
          directory={directory}
          onClose={() => url.set({ event: null })}
        />
      )}
    </div>
  );
}

/** Filtered to one job: when it is an approval's, the way back to the request. */
function JobTrailNote({ jobId }: { jobId: string }) {
  const approval = useApprovalLookup(jobId);
  if (!approval.data) return null;
  return (
    <p className="text-sm" data-testid="audit-approval-trail">
      The trail of an approval request for <span className="font-mono">{approval.data.tool}</span> on{' '}
      {approval.data.server.name}: its request, decisions and run.{' '}
      <Link href={`/approvals/${encodeURIComponent(jobId)}`} className="underline underline-offset-4">
        Open the request
      </Link>
    </p>
  );
}
