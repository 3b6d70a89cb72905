'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { QueryError } from '@/components/common/query-error';
import { Badge } from '@/components/ui/badge';
import { Dialog } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useApprovalLookup } from '@/features/approvals/api/use-approvals';
import { actorLabel, type ActorDirectory } from '../api/actor-label';
import { INTERRUPTED_EXPLANATION, isApprovalRow, isInterrupted } from '../api/audit-filters';
import type { AuditEvent } from '../api/audit.types';
import { useAuditEvent } from '../api/use-audit';
import { OutcomeBadge } from './outcome-badge';

/** One event in full. Agent-written values (arguments, names, user agents) are rendered as text only. */
export function AuditDetailDrawer({
  eventId,
  initial,
  directory,
  onClose,
}: {
  eventId: string;
  initial?: AuditEvent;
  directory: ActorDirectory;
  onClose: () => void;
}) {
  const query = useAuditEvent(initial ? '' : eventId);
  const event = initial ?? query.data;
  return (
    <Dialog
      open={Boolean(eventId)}
      onClose={onClose}
      variant="right"
      title={event ? `${event.tool ?? event.action} · #${event.seq}` : 'Audit event'}
      description={event ? formatDateTime(event.at) : undefined}
    >
      {query.error ? (
        <QueryError error={query.error} />
      ) : !event ? (
        <Skeleton className="h-96 w-full" />
      ) : (
        <EventDetails event={event} directory={directory} />
      )}
    </Dialog>
  );
}

function EventDetails({ event, directory }: { event: AuditEvent; directory: ActorDirectory }) {
  const actor = actorLabel(event.actor, directory);
  return (
    <div className="grid gap-6 text-sm" data-testid="audit-detail">
      <Section title="Outcome">
        <Row term="Outcome">
          <OutcomeBadge outcome={event.outcome} issueCodes={event.issue_codes} />
        </Row>
        <Row term="Result issues">
          {event.issue_codes.length === 0 ? (
            <span className="text-muted-foreground">None</span>
          ) : (
            <span className="flex flex-wrap gap-1">
              {event.issue_codes.map((code) => (
                <Badge key={code} variant="outline" className="font-mono">
                  {code}
                </Badge>
              ))}
            </span>
          )}
        </Row>
        {isInterrupted(event) && (
          <Row term="What this means">
            <span data-testid="audit-interrupted-explanation">{INTERRUPTED_EXPLANATION}</span>
          </Row>
        )}
        <Row term="Upstream status">{event.upstream_status ?? '—'}</Row>
        <Row term="Latency">{event.duration_ms === null ? '—' : `${formatNumber(event.duration_ms)} ms`}</Row>
        <JobRows event={event} />
      </Section>
      <Section title="Request">
        <Row term="Action">{event.action}</Row>
        <Row term="Tool">{event.tool ?? '—'}</Row>
        <Row term="Arguments">
          {event.arguments === null || event.arguments === undefined ? (
            <span className="text-muted-foreground">None</span>
          ) : (
            <pre
              tabIndex={0}
              aria-label="Arguments"
              data-testid="audit-arguments"
              className="max-h-80 overflow-auto whitespace-pre-wrap break-all rounded-lg border bg-muted/50 p-3 font-mono text-xs"
            >
              {JSON.stringify(event.arguments, null, 2)}
            </pre>
          )}
        </Row>
        <Row term="Request id">
          <span className="font-mono text-xs">{event.request_id ?? '—'}</span>
        </Row>
        {event.trace_id ? (
          <Row term="Trace id">
            <span className="font-mono text-xs">{event.trace_id}</span>
          </Row>
        ) : null}
      </Section>
      <Section title="Who">
        <Row term={actor.kind}>
          {event.server_id && actor.kind === 'Agent' ? (
            <Link href={`/servers/${event.server_id}`} className="underline underline-offset-4">
              {actor.name}
            </Link>
          ) : (
            actor.name
          )}
        </Row>
        <Row term="Actor">
          <span className="break-all font-mono text-xs">{event.actor}</span>
        </Row>
        {event.actor_user_id && (
          <Row term="Person">
            {event.actor_email ?? directory.users.get(event.actor_user_id) ?? event.actor_user_id}
          </Row>
        )}
        {event.oauth_client_id && (
          <Row term="OAuth client">
            <span className="break-all font-mono text-xs">{event.oauth_client_id}</span>
          </Row>
        )}
        {event.clickup_user_id && <Row term="ClickUp user">{event.clickup_user_id}</Row>}
        <Row term="Client">
          {event.client_name
            ? `${event.client_name}${event.client_version ? ` ${event.client_version}` : ''}`
            : '—'}
        </Row>
        <Row term="IP address">{event.ip ?? '—'}</Row>
        <Row term="User agent">
          <span className="break-all">{event.user_agent ?? '—'}</span>
        </Row>
        <Row term="Session">
          <span className="break-all font-mono text-xs">{event.session_id ?? '—'}</span>
        </Row>
      </Section>
      <Section title="Integrity">
        <Row term="Sequence">#{event.seq}</Row>
        <Row term="Hash">
          <span className="break-all font-mono text-xs">{event.hash}</span>
        </Row>
        <Row term="Previous hash">
          <span className="break-all font-mono text-xs">{event.prev_hash}</span>
        </Row>
      </Section>
    </div>
  );
}

/**
 * The queued call the row belongs to and, when that job carries an approved call, its approval request (asked of
 * the api for rows that do not say so themselves, such as the worker's run of the call), with the job's whole trail.
 */
function JobRows({ event }: { event: AuditEvent }) {
  const known = isApprovalRow(event);
  const lookup = useApprovalLookup(event.job_id && !known ? event.job_id : null);
  if (!event.job_id) return <Row term="Retry job">—</Row>;
  const jobId = event.job_id;
  const approval = known || lookup.isSuccess;
  return (
    <>
      {approval && (
        <Row term="Approval">
          <Link
            href={`/approvals/${encodeURIComponent(jobId)}`}
            className="underline underline-offset-4"
            data-testid="audit-detail-approval"
          >
            Open the approval request
          </Link>
        </Row>
      )}
      <Row term={approval ? 'Job' : 'Retry job'}>
        <Link
          href={`/queue?job=${encodeURIComponent(jobId)}`}
          className="font-mono underline underline-offset-4"
        >
          {jobId}
        </Link>
      </Row>
      <Row term="Trail">
        <Link href={`/audit?job_id=${encodeURIComponent(jobId)}`} className="underline underline-offset-4">
          Every row of this {approval ? 'approval' : 'job'}
        </Link>
      </Row>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{title}</h3>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[9rem_minmax(0,1fr)]">{children}</dl>
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
