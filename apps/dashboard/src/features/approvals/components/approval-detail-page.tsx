'use client';

import { ArrowLeft, ScrollText } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState, type ReactNode } from 'react';
import { PageHeader } from '@/components/common/page-header';
import { QueryError } from '@/components/common/query-error';
import { TimeAgo } from '@/components/common/time-ago';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { useTeams } from '@/features/teams/api/use-teams';
import { formatDateTime } from '@/lib/format';
import type { Approval } from '../api/approvals.types';
import { timeLeft } from '../api/countdown';
import { requesterLabel } from '../api/requester-label';
import { useApproval } from '../api/use-approvals';
import { ApprovalStateBadge } from './approval-state-badge';
import { DecisionForm } from './decision-form';
import { EffectPreviewView } from './effect-preview-view';

/** One request in full: who asked, what it would do, the decisions so far, and the outcome once it ran. */
export function ApprovalDetailPage({ id }: { id: string }) {
  const approval = useApproval(id);
  const canReadAudit = usePermission('audit:read');

  if (approval.error) return <QueryError error={approval.error} onRetry={() => void approval.refetch()} />;
  if (!approval.data) return <Skeleton className="mx-auto h-96 max-w-6xl" />;
  const a = approval.data;

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <Link
        href="/approvals"
        className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        Approvals
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono">{a.tool}</span>
            <ApprovalStateBadge state={a.state} />
          </span>
        }
        description={`Asked on ${a.server.name}, ${formatDateTime(a.created_at)}`}
        actions={
          canReadAudit && (
            <Link
              href={`/audit?job_id=${encodeURIComponent(a.id)}`}
              className={buttonVariants({ variant: 'outline' })}
            >
              <ScrollText aria-hidden />
              Audit trail
            </Link>
          )
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid gap-6">
          <Card aria-labelledby="effect-title">
            <CardHeader>
              <CardTitle id="effect-title">Effect</CardTitle>
              <CardDescription>Read from ClickUp when the agent asked.</CardDescription>
            </CardHeader>
            <CardContent>
              <EffectPreviewView preview={a.preview} />
            </CardContent>
          </Card>
          <Card aria-labelledby="arguments-title">
            <CardHeader>
              <CardTitle id="arguments-title">Arguments</CardTitle>
              <CardDescription>
                Exactly what the agent sent. Approving runs this call, and only this one.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <pre
                tabIndex={0}
                aria-label="Arguments"
                data-testid="approval-arguments"
                className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-lg border bg-muted/50 p-3 font-mono text-xs"
              >
                {JSON.stringify(a.arguments, null, 2)}
              </pre>
            </CardContent>
          </Card>
          {(a.state === 'executed' || a.result) && <Outcome approval={a} />}
        </div>
        <div className="grid gap-6 lg:sticky lg:top-20">
          <Card aria-labelledby="decision-title">
            <CardHeader>
              <CardTitle id="decision-title">Decision</CardTitle>
              <CardDescription>
                <DecisionStatus approval={a} />
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-6">
              {a.state === 'pending' && <DecisionForm key={a.id} approval={a} />}
              <Decisions approval={a} />
            </CardContent>
          </Card>
          <RequestFacts approval={a} />
        </div>
      </div>
    </div>
  );
}

function DecisionStatus({ approval }: { approval: Approval }) {
  switch (approval.state) {
    case 'pending':
      return (
        <>
          Waiting for a decision. <Countdown iso={approval.expires_at} />
        </>
      );
    case 'approved':
      return <>Approved: the call is running through the queue.</>;
    case 'executed':
      return (
        <>Approved and carried out {approval.executed_at ? formatDateTime(approval.executed_at) : ''}.</>
      );
    case 'rejected':
      return <>Rejected: the agent was told, with the comment.</>;
    case 'expired':
      return <>Nobody decided in time: the call did not run.</>;
  }
}

/** The time left before the request expires, ticking each second. */
function Countdown({ iso }: { iso: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = timeLeft(iso, now);
  return (
    <span data-testid="approval-countdown">
      {left ? (
        <>
          Expires in <time dateTime={iso}>{left}</time>.
        </>
      ) : (
        'Expired.'
      )}
    </span>
  );
}

function Decisions({ approval }: { approval: Approval }) {
  if (approval.decisions.length === 0) {
    return approval.comment ? (
      <p className="whitespace-pre-wrap break-words text-sm" data-testid="approval-comment">
        {approval.comment}
      </p>
    ) : null;
  }
  return (
    <section className="grid gap-2" aria-labelledby="decisions-title">
      <h3
        id="decisions-title"
        className="text-xs font-semibold uppercase tracking-wide text-muted-foreground"
      >
        Decisions
      </h3>
      <ol className="grid gap-3" data-testid="approval-decisions">
        {approval.decisions.map((d, i) => (
          <li key={`${d.user_id}-${i}`} className="grid gap-1 rounded-lg border p-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Badge variant={d.decision === 'approve' ? 'success' : 'destructive'}>
                {d.decision === 'approve' ? 'Approved' : 'Rejected'}
              </Badge>
              <span className="font-medium">{d.email ?? `User ${d.user_id.slice(0, 8)}`}</span>
              <TimeAgo iso={d.at} className="text-muted-foreground" />
            </div>
            {d.comment && <p className="whitespace-pre-wrap break-words">{d.comment}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function RequestFacts({ approval }: { approval: Approval }) {
  const teams = useTeams();
  const team = teams.data?.find((t) => t.id === approval.team_id);
  const { who, via } = requesterLabel(approval);
  const facts: [string, ReactNode][] = [
    [
      'Asked by',
      <span key="who" data-testid="approval-requester">
        {who}
      </span>,
    ],
    ...(via ? [['Client', via] as [string, ReactNode]] : []),
    [
      'Server',
      <Link key="server" href={`/servers/${approval.server.id}`} className="underline underline-offset-4">
        {approval.server.name}
      </Link>,
    ],
    ['Team', approval.team_id ? (team?.name ?? approval.team_id) : 'None'],
    ['Asked', formatDateTime(approval.created_at)],
    ['Expires', formatDateTime(approval.expires_at)],
    ['Who may decide', approversText(approval, (teamId) => teams.data?.find((t) => t.id === teamId)?.name)],
    ['Approvals needed', String(approval.approvals_required)],
    [
      'Request id',
      <span key="id" className="break-all font-mono text-xs">
        {approval.id}
      </span>,
    ],
  ];
  return (
    <Card aria-labelledby="request-title">
      <CardHeader>
        <CardTitle id="request-title">Request</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
          {facts.map(([term, detail]) => (
            <div key={term} className="contents">
              <dt className="text-muted-foreground">{term}</dt>
              <dd className="min-w-0 break-words">{detail}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

function approversText(approval: Approval, team: (id: string) => string | undefined): string {
  const teamId = approval.approvers?.team_id;
  const people = approval.approvers?.user_ids?.length ?? 0;
  const parts = [
    teamId ? `Members of ${team(teamId) ?? 'a team'}` : null,
    people > 0 ? `${people} named ${people === 1 ? 'person' : 'people'}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'Owners and admins';
}

/** What the approved call answered: the same envelope the agent reads from `approval_get`. */
function Outcome({ approval }: { approval: Approval }) {
  const result = approval.result;
  return (
    <Card aria-labelledby="outcome-title">
      <CardHeader>
        <CardTitle id="outcome-title">Outcome</CardTitle>
        <CardDescription>What the call answered when it ran.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {!result ? (
          <p className="text-muted-foreground">No result was recorded.</p>
        ) : (
          <>
            <div data-testid="approval-outcome">
              {result.ok ? (
                <Badge variant="success">Succeeded</Badge>
              ) : (
                <Badge variant="destructive">Failed</Badge>
              )}
            </div>
            {result.issues.length > 0 && (
              <Alert variant={result.ok ? 'info' : 'error'}>
                <ul className="grid gap-1">
                  {result.issues.map((issue, i) => (
                    <li key={i}>
                      <span className="font-mono text-xs">{issue.code}</span>: {issue.message}
                    </li>
                  ))}
                </ul>
              </Alert>
            )}
            {result.result !== null && result.result !== undefined && (
              <pre
                tabIndex={0}
                aria-label="Result"
                className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-lg border bg-muted/50 p-3 font-mono text-xs"
              >
                {JSON.stringify(result.result, null, 2)}
              </pre>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
