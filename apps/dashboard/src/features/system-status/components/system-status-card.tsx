'use client';

import { CircleCheck, CircleX, RefreshCw } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@/components/ui/card';
import { cn } from '@/lib/utils';
import type { ComponentStatus, Readiness } from '../api/readiness';
import { useReadiness } from '../api/use-readiness';

export function SystemStatusCard() {
  const { data, error, isPending, isFetching, dataUpdatedAt, errorUpdatedAt, refetch } = useReadiness();
  const checkedAt = Math.max(dataUpdatedAt, errorUpdatedAt);

  return (
    <Card aria-labelledby="system-status-title">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <span id="system-status-title">System status</span>
          <span aria-live="polite" className="font-normal">
            <OverallBadge readiness={data} unreachable={error !== null} pending={isPending} />
          </span>
        </CardTitle>
        <CardDescription>Whether the gateway can reach its database and job queue.</CardDescription>
        <CardAction>
          <Button
            variant="ghost"
            size="icon"
            aria-label="Check again"
            title="Check again"
            disabled={isFetching}
            onClick={() => void refetch()}
          >
            <RefreshCw aria-hidden className={cn(isFetching && 'animate-spin')} />
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent>
        {error ? (
          <p className="rounded-lg border border-destructive/30 bg-destructive/5 px-4 py-3 text-sm text-destructive">
            {error.message}
          </p>
        ) : data ? (
          <ComponentList components={data.components} />
        ) : (
          <ComponentListSkeleton />
        )}
      </CardContent>
      {checkedAt > 0 && (
        <CardFooter className="text-xs text-muted-foreground">
          Last checked at{' '}
          <time className="ml-1" dateTime={new Date(checkedAt).toISOString()}>
            {new Date(checkedAt).toLocaleTimeString()}
          </time>
        </CardFooter>
      )}
    </Card>
  );
}

function OverallBadge({
  readiness,
  unreachable,
  pending,
}: {
  readiness: Readiness | undefined;
  unreachable: boolean;
  pending: boolean;
}) {
  if (pending) return <Badge variant="secondary">Checking…</Badge>;
  if (unreachable || !readiness) return <Badge variant="destructive">Unreachable</Badge>;
  if (readiness.ok) return <Badge variant="success">All systems operational</Badge>;
  return <Badge variant="warning">Degraded</Badge>;
}

function ComponentList({ components }: { components: ComponentStatus[] }) {
  if (components.length === 0) {
    return <p className="text-sm text-muted-foreground">The api reported no components.</p>;
  }
  return (
    <ul className="divide-y rounded-lg border" aria-label="Components">
      {components.map((component) => (
        <li key={component.key} className="flex items-start gap-3 px-4 py-3">
          {component.up ? (
            <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-success" />
          ) : (
            <CircleX aria-hidden className="mt-0.5 size-5 shrink-0 text-destructive" />
          )}
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium">{component.label}</p>
            {component.message && (
              <p className="mt-0.5 break-words text-xs text-muted-foreground">{component.message}</p>
            )}
          </div>
          <Badge variant={component.up ? 'success' : 'destructive'}>{component.up ? 'Up' : 'Down'}</Badge>
        </li>
      ))}
    </ul>
  );
}

function ComponentListSkeleton() {
  return (
    <ul className="divide-y rounded-lg border" aria-busy="true" aria-label="Checking components">
      {[0, 1].map((row) => (
        <li key={row} className="flex items-center gap-3 px-4 py-3">
          <span className="size-5 animate-pulse rounded-full bg-muted" />
          <span className="h-4 w-32 animate-pulse rounded bg-muted" />
        </li>
      ))}
    </ul>
  );
}
