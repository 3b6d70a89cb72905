'use client';

import {
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
} from '@tanstack/react-table';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useUrlState } from '@/lib/url-state';
import { cn } from '@/lib/utils';

export interface ColumnMeta {
  className?: string;
}

interface DataTableProps<T> {
  data: T[];
  columns: ColumnDef<T>[];
  /** The table's accessible name. */
  label: string;
  getRowId: (row: T) => string;
  empty: ReactNode;
  /** Rows per page; the page number lives in the URL under `pageParam`. Without it every row is shown. */
  pageSize?: number;
  pageParam?: string;
  rowClassName?: (row: Row<T>) => string | undefined;
  rowTestId?: string;
}

/** A list rendered with TanStack Table, paged on the client with the page number in the URL. */
export function DataTable<T>({
  data,
  columns,
  label,
  getRowId,
  empty,
  pageSize,
  pageParam = 'page',
  rowClassName,
  rowTestId,
}: DataTableProps<T>) {
  const url = useUrlState();
  const pageCount = pageSize ? Math.max(1, Math.ceil(data.length / pageSize)) : 1;
  const pageIndex = Math.min(Math.max(0, Number(url.get(pageParam) || '1') - 1), pageCount - 1);

  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    ...(pageSize
      ? {
          getPaginationRowModel: getPaginationRowModel(),
          state: { pagination: { pageIndex, pageSize } },
          onPaginationChange: () => undefined,
        }
      : {}),
  });

  const goTo = (index: number) =>
    url.set({ [pageParam]: index === 0 ? null : String(index + 1) }, { push: true });
  const rows = table.getRowModel().rows;

  return (
    <div className="grid gap-3">
      <div className="overflow-hidden rounded-xl border bg-card">
        <Table aria-label={label}>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => (
                  <TableHead
                    key={header.id}
                    className={cn(
                      'first:pl-4 last:pr-4',
                      (header.column.columnDef.meta as ColumnMeta)?.className,
                    )}
                  >
                    {header.isPlaceholder
                      ? null
                      : flexRender(header.column.columnDef.header, header.getContext())}
                  </TableHead>
                ))}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={columns.length} className="p-0">
                  {empty}
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => (
                <TableRow key={row.id} data-testid={rowTestId} className={rowClassName?.(row)}>
                  {row.getVisibleCells().map((cell) => (
                    <TableCell
                      key={cell.id}
                      className={cn(
                        'first:pl-4 last:pr-4',
                        (cell.column.columnDef.meta as ColumnMeta)?.className,
                      )}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      {pageSize && pageCount > 1 && (
        <nav aria-label={`${label} pages`} className="flex items-center justify-end gap-2 text-sm">
          <span className="mr-2 text-muted-foreground">
            Page {pageIndex + 1} of {pageCount}
          </span>
          <Button variant="outline" size="sm" disabled={pageIndex === 0} onClick={() => goTo(pageIndex - 1)}>
            <ChevronLeft aria-hidden />
            Previous
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={pageIndex >= pageCount - 1}
            onClick={() => goTo(pageIndex + 1)}
          >
            Next
            <ChevronRight aria-hidden />
          </Button>
        </nav>
      )}
    </div>
  );
}
