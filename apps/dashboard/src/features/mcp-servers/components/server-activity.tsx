'use client';

import { ArrowRight } from 'lucide-react';
import Link from 'next/link';
import { QueryError } from '@/components/common/query-error';
import { TimeAgo } from '@/components/common/time-ago';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { buttonVariants } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useAuditPage } from '@/features/audit/api/use-audit';
import { OutcomeBadge } from '@/features/audit/components/outcome-badge';
import { usePermission } from '@/features/auth/api/use-permission';

const SHOWN = 10;

/** The server's latest requests from the audit log (for roles that may read it). */
export function ServerActivity({ serverId }: { serverId: string }) {
  const allowed = usePermission('audit:read');
  return (
    <Card aria-labelledby="server-activity-title">
      <CardHeader>
        <CardTitle id="server-activity-title">Recent activity</CardTitle>
        <CardDescription>The latest requests agents made through this URL.</CardDescription>
        {allowed && (
          <CardAction>
            <Link
              href={`/audit?server_id=${encodeURIComponent(serverId)}`}
              className={buttonVariants({ variant: 'ghost', size: 'sm' })}
            >
              Open in the audit log
              <ArrowRight aria-hidden />
            </Link>
          </CardAction>
        )}
      </CardHeader>
      <CardContent>
        {allowed ? (
          <ActivityList serverId={serverId} />
        ) : (
          <p className="text-sm text-muted-foreground">Owners, admins and auditors can see the activity.</p>
        )}
      </CardContent>
    </Card>
  );
}

function ActivityList({ serverId }: { serverId: string }) {
  const page = useAuditPage({ server_id: serverId }, '');
  if (page.error) return <QueryError error={page.error} />;
  if (!page.data) return <Skeleton className="h-40 w-full" />;
  const events = page.data.items.slice(0, SHOWN);
  if (events.length === 0) return <p className="text-sm text-muted-foreground">No request yet.</p>;
  return (
    <ul className="divide-y rounded-lg border text-sm" aria-label="Recent requests">
      {events.map((event) => (
        <li key={event.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
          <OutcomeBadge outcome={event.outcome} issueCodes={event.issue_codes} />
          <Link
            href={`/audit?server_id=${encodeURIComponent(serverId)}&event=${encodeURIComponent(event.id)}`}
            className="font-mono text-xs underline-offset-4 hover:underline"
          >
            {event.tool ?? event.action}
          </Link>
          <span className="text-xs text-muted-foreground">{event.client_name ?? ''}</span>
          <TimeAgo iso={event.at} className="ml-auto text-xs text-muted-foreground" />
        </li>
      ))}
    </ul>
  );
}
