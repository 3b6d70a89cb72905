'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { ListRestart, LoaderCircle, RotateCcw, Trash2 } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { isMissingEndpoint, QueryError } from '@/components/common/query-error';
import { TimeAgo } from '@/components/common/time-ago';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { formatDateTime, humanize } from '@/lib/format';
import { useUrlState } from '@/lib/url-state';
import { cn } from '@/lib/utils';
import { JOB_STATES, type RetryJob } from '../api/retry-jobs';
import { useRetryJob, useRetryJobActions, useRetryJobs } from '../api/use-retry-jobs';

export function RetryQueuePage() {
  const url = useUrlState();
  const state = url.get('state') || 'waiting';
  const jobId = url.get('job');
  const jobs = useRetryJobs(state);

  const columns = useMemo<ColumnDef<RetryJob>[]>(
    () => [
      {
        id: 'id',
        header: 'Job',
        cell: ({ row }) => (
          <button
            type="button"
            onClick={() => url.set({ job: row.original.id }, { push: true })}
            className="rounded-sm font-mono text-xs underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            {row.original.id}
          </button>
        ),
      },
      {
        id: 'tool',
        header: 'Tool',
        cell: ({ row }) => <span className="font-mono text-xs">{row.original.tool ?? '—'}</span>,
      },
      {
        id: 'attempts',
        header: 'Attempts',
        cell: ({ row }) => (
          <span className="tabular-nums">
            {row.original.attemptsMade}
            {row.original.maxAttempts !== null && ` / ${row.original.maxAttempts}`}
          </span>
        ),
      },
      { id: 'next', header: 'Next run', cell: ({ row }) => <TimeAgo iso={row.original.nextRunAt} /> },
      { id: 'created', header: 'Queued', cell: ({ row }) => <TimeAgo iso={row.original.createdAt} /> },
      {
        id: 'reason',
        header: 'Last error',
        cell: ({ row }) => (
          <span className="line-clamp-1 max-w-72 text-muted-foreground">
            {row.original.failedReason ?? '—'}
          </span>
        ),
      },
    ],
    [url],
  );

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <PageHeader
        title="Retry queue"
        description="ClickUp requests that hit a rate limit or an outage, waiting for their next attempt."
      />
      <div role="group" aria-label="Job state" className="flex w-fit flex-wrap gap-1 rounded-lg bg-muted p-1">
        {JOB_STATES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={s === state}
            onClick={() => url.set({ state: s === 'waiting' ? null : s, page: null })}
            className={cn(
              'rounded-md px-3 py-1.5 text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
              s === state ? 'bg-card shadow-xs' : 'text-muted-foreground hover:text-foreground',
            )}
          >
            {humanize(s)}
          </button>
        ))}
      </div>
      {jobs.error ? (
        isMissingEndpoint(jobs.error) ? (
          <Alert title="The retry queue is not available on this gateway yet">
            This version of the api does not serve <code className="font-mono">/api/v1/retry-jobs</code>.
            Update the gateway to see and manage queued retries here.
          </Alert>
        ) : (
          <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />
        )
      ) : !jobs.data ? (
        <Skeleton className="h-64 w-full" />
      ) : (
        <DataTable
          label={`${humanize(state)} jobs`}
          data={jobs.data}
          columns={columns}
          getRowId={(j) => j.id}
          pageSize={25}
          empty={
            <EmptyState icon={ListRestart} title={`No ${state} job`} className="m-4 border-0">
              Requests are queued here when ClickUp answers 429 or 5xx.
            </EmptyState>
          }
        />
      )}
      {jobId && (
        <JobDrawer
          id={jobId}
          initial={jobs.data?.find((j) => j.id === jobId)}
          onClose={() => url.set({ job: null })}
        />
      )}
    </div>
  );
}

function JobDrawer({ id, initial, onClose }: { id: string; initial?: RetryJob; onClose: () => void }) {
  const detail = useRetryJob(id);
  const job = detail.data ?? initial;
  const canManage = usePermission('queue:manage');
  const { retry, discard } = useRetryJobActions();
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  return (
    <Dialog
      open
      onClose={onClose}
      variant="right"
      title={`Job ${id}`}
      description={job ? `${job.tool ?? 'Tool call'} · ${humanize(job.state)}` : undefined}
    >
      {detail.error && !job ? (
        isMissingEndpoint(detail.error) ? (
          <Alert>This job is no longer in the queue, or the gateway cannot show it.</Alert>
        ) : (
          <QueryError error={detail.error} />
        )
      ) : !job ? (
        <Skeleton className="h-64 w-full" />
      ) : (
        <div className="grid gap-6 text-sm">
          {canManage && (
            <div className="flex gap-2">
              <Button
                variant="outline"
                disabled={retry.isPending}
                onClick={() =>
                  retry.mutate(job.id, { onSuccess: () => toast('Job sent for another attempt') })
                }
              >
                {retry.isPending ? (
                  <LoaderCircle aria-hidden className="animate-spin" />
                ) : (
                  <RotateCcw aria-hidden />
                )}
                Retry now
              </Button>
              <Button variant="destructive" onClick={() => setConfirmDiscard(true)}>
                <Trash2 aria-hidden />
                Discard
              </Button>
            </div>
          )}
          {retry.error && <Alert variant="error">{retry.error.message}</Alert>}
          <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[9rem_minmax(0,1fr)]">
            <Fact term="State">
              <Badge variant="secondary">{humanize(job.state)}</Badge>
            </Fact>
            <Fact term="Queued because">
              {job.reason === 'rate_limit'
                ? 'ClickUp rate limit (429)'
                : job.reason === 'upstream_error'
                  ? 'ClickUp error or timeout (5xx)'
                  : (job.reason ?? '—')}
            </Fact>
            <Fact term="Attempts">
              {job.attemptsMade}
              {job.maxAttempts !== null && ` of ${job.maxAttempts}`}
            </Fact>
            <Fact term="Next run">{job.nextRunAt ? formatDateTime(job.nextRunAt) : '—'}</Fact>
            <Fact term="Queued">{formatDateTime(job.createdAt)}</Fact>
            <Fact term="Finished">{formatDateTime(job.finishedAt)}</Fact>
            <Fact term="Last error">{job.failedReason ?? '—'}</Fact>
          </dl>
          {job.writes.length > 0 && (
            <section className="grid gap-2">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">
                Changes sent to ClickUp
              </h3>
              <ol className="divide-y rounded-lg border">
                {job.writes.map((write, i) => (
                  <li key={i} className="flex flex-wrap items-center gap-3 px-3 py-2">
                    <span className="tabular-nums text-muted-foreground">#{i + 1}</span>
                    <span className="font-mono text-xs">
                      {write.method} {write.path}
                    </span>
                    <Badge variant={write.state === 'done' ? 'success' : 'outline'}>
                      {humanize(write.state)}
                    </Badge>
                  </li>
                ))}
              </ol>
            </section>
          )}
          <Json title="Arguments" value={job.payload} />
          <Json title="Result" value={job.result} />
          <ConfirmDialog
            open={confirmDiscard}
            onClose={() => setConfirmDiscard(false)}
            title="Discard this job?"
            confirmLabel="Discard job"
            pending={discard.isPending}
            error={discard.error}
            onConfirm={() =>
              discard.mutate(job.id, {
                onSuccess: () => {
                  setConfirmDiscard(false);
                  toast('Job discarded');
                  onClose();
                },
              })
            }
          >
            <p>The request will not be sent to ClickUp again. The agent that queued it is not told.</p>
          </ConfirmDialog>
        </div>
      )}
    </Dialog>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function Json({ title, value }: { title: string; value: unknown }) {
  if (value === undefined || value === null) return null;
  return (
    <section className="grid gap-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{title}</h3>
      <pre
        tabIndex={0}
        aria-label={title}
        className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-lg border bg-muted/50 p-3 font-mono text-xs"
      >
        {JSON.stringify(value, null, 2)}
      </pre>
    </section>
  );
}
