'use client';

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useMemo } from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDateTime, formatNumber } from '@/lib/format';
import { cn } from '@/lib/utils';
import { actorLabel, type ActorDirectory } from '../api/actor-label';
import { isApprovalRow } from '../api/audit-filters';
import type { AuditEvent } from '../api/audit.types';
import { OutcomeBadge } from './outcome-badge';

/** The audit rows; each opens its details from a button in the first cell (reachable by keyboard). */
export function AuditTable({
  events,
  directory,
  selectedId,
  onOpen,
  empty,
}: {
  events: AuditEvent[];
  directory: ActorDirectory;
  selectedId: string;
  onOpen: (event: AuditEvent) => void;
  empty: React.ReactNode;
}) {
  const columns = useMemo<ColumnDef<AuditEvent>[]>(
    () => [
      {
        id: 'at',
        header: 'Time',
        cell: ({ row }) => (
          <button
            type="button"
            onClick={() => onOpen(row.original)}
            className="rounded-sm text-left font-medium tabular-nums underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <time dateTime={row.original.at}>{formatDateTime(row.original.at)}</time>
            <span className="sr-only">, open event #{row.original.seq}</span>
          </button>
        ),
      },
      {
        id: 'actor',
        header: 'Actor',
        cell: ({ row }) => {
          const actor = actorLabel(row.original.actor, directory);
          return (
            <div className="grid max-w-56">
              <span className="truncate">{actor.name}</span>
              <span className="truncate text-xs text-muted-foreground">
                {[actor.kind, row.original.client_name].filter(Boolean).join(' · ')}
              </span>
              {row.original.actor_email && (
                <span className="truncate text-xs" data-testid="audit-person">
                  for {row.original.actor_email}
                </span>
              )}
            </div>
          );
        },
      },
      {
        id: 'action',
        header: 'Action',
        cell: ({ row }) => (
          <div className="grid max-w-64">
            <span className="truncate font-mono text-xs">{row.original.tool ?? row.original.action}</span>
            {row.original.tool && (
              <span className="text-xs text-muted-foreground">{row.original.action}</span>
            )}
            {isApprovalRow(row.original) && (
              <Link
                href={`/approvals/${encodeURIComponent(row.original.job_id as string)}`}
                className="w-fit text-xs underline underline-offset-4"
                data-testid="audit-approval-link"
              >
                Approval request
              </Link>
            )}
          </div>
        ),
      },
      {
        id: 'outcome',
        header: 'Outcome',
        cell: ({ row }) => (
          <OutcomeBadge outcome={row.original.outcome} issueCodes={row.original.issue_codes} />
        ),
      },
      {
        id: 'issues',
        header: 'Issues',
        cell: ({ row }) => (
          <span className="font-mono text-xs text-muted-foreground">
            {row.original.issue_codes.join(', ') || '—'}
          </span>
        ),
      },
      {
        id: 'latency',
        header: () => <span className="block text-right">Latency</span>,
        cell: ({ row }) => (
          <span className="block text-right tabular-nums text-muted-foreground">
            {row.original.duration_ms === null ? '—' : `${formatNumber(row.original.duration_ms)} ms`}
          </span>
        ),
      },
      {
        id: 'ip',
        header: 'IP',
        cell: ({ row }) => <span className="text-muted-foreground">{row.original.ip ?? '—'}</span>,
      },
    ],
    [directory, onOpen],
  );

  const table = useReactTable({
    data: events,
    columns,
    getRowId: (e) => e.id,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
  });

  return (
    <div className="overflow-hidden rounded-xl border bg-card">
      <Table aria-label="Audit events">
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} className="hover:bg-transparent">
              {group.headers.map((header) => (
                <TableHead key={header.id} className="first:pl-4 last:pr-4">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {events.length === 0 ? (
            <TableRow className="hover:bg-transparent">
              <TableCell colSpan={columns.length} className="p-0">
                {empty}
              </TableCell>
            </TableRow>
          ) : (
            table.getRowModel().rows.map((row) => (
              <TableRow
                key={row.id}
                data-testid="audit-row"
                data-state={row.id === selectedId ? 'selected' : undefined}
                className={cn('cursor-pointer')}
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('button, a')) return;
                  onOpen(row.original);
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id} className="first:pl-4 last:pr-4">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
