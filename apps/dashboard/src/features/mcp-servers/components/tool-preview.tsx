'use client';

import { LoaderCircle } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatBytes, formatNumber, humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import type { ToolReach } from '../api/mcp-servers.types';
import { useToolPreview } from '../api/use-mcp-servers';

/** Agents read every listed tool on every conversation; past this the listing starts crowding their context. */
const HEAVY_LISTING_BYTES = 40_000;

/** Which tools a server with these filters exposes, and what their listing costs an agent, updated as you pick. */
export function ToolPreview({
  methods,
  tags,
  reach,
  className,
}: {
  methods: string[];
  tags: string[];
  reach: ToolReach;
  className?: string;
}) {
  const preview = useToolPreview(methods, tags, { reach });
  const data = preview.data;
  return (
    <Card aria-labelledby="tool-preview-title" className={cn('gap-4', className)}>
      <CardHeader>
        <CardTitle id="tool-preview-title" className="flex items-center gap-2">
          Tools exposed
          {preview.isFetching && (
            <LoaderCircle aria-hidden className="size-4 animate-spin text-muted-foreground" />
          )}
        </CardTitle>
        <CardDescription>What an agent will see in its tool list.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {preview.error ? (
          <Alert variant="error">{preview.error.message}</Alert>
        ) : !data ? (
          <p className="text-sm text-muted-foreground">Loading the tool catalog…</p>
        ) : (
          <>
            <dl
              className="grid grid-cols-3 gap-3 text-center"
              aria-live="polite"
              data-testid="tool-preview-stats"
            >
              <div className="rounded-lg bg-muted/60 px-2 py-3">
                <dt className="text-xs text-muted-foreground">Tools</dt>
                <dd className="text-xl font-semibold tabular-nums">
                  {data.tools.length}
                  <span className="text-sm font-normal text-muted-foreground">/{data.catalog_count}</span>
                </dd>
              </div>
              <div className="rounded-lg bg-muted/60 px-2 py-3">
                <dt className="text-xs text-muted-foreground">Listing size</dt>
                <dd className="text-xl font-semibold tabular-nums">{formatBytes(data.listing_bytes)}</dd>
              </div>
              <div className="rounded-lg bg-muted/60 px-2 py-3">
                <dt className="text-xs text-muted-foreground">Context</dt>
                <dd className="text-xl font-semibold tabular-nums">≈{formatNumber(data.approx_tokens)}</dd>
                <dd className="text-xs text-muted-foreground">tokens</dd>
              </div>
            </dl>
            {data.listing_bytes > HEAVY_LISTING_BYTES && (
              <Alert variant="warning">
                A large tool list takes room in every conversation. Narrow the methods or tool groups if the
                agent does not need them all.
              </Alert>
            )}
            {data.withheld_tools.length > 0 && (
              <Alert title="Goal tools are left out">
                Goals belong to the whole workspace, not to the spaces this server is pinned to, so{' '}
                {data.withheld_tools.length} goal tool{data.withheld_tools.length === 1 ? ' is' : 's are'} not
                listed. An owner or admin can turn on “Allow workspace-level objects” under Spaces.
              </Alert>
            )}
            {data.tools.length === 0 ? (
              <Alert variant="warning">No tool matches these filters: the server would expose nothing.</Alert>
            ) : (
              <ul
                className="max-h-80 divide-y overflow-y-auto rounded-lg border text-sm"
                aria-label="Tools exposed"
                tabIndex={0}
              >
                {data.tools.map((tool) => (
                  <li
                    key={tool.name}
                    className="flex items-center gap-2 px-3 py-2"
                    data-testid="preview-tool"
                  >
                    <div className="min-w-0 flex-1">
                      <p className="truncate font-mono text-xs">{tool.name}</p>
                      <p className="truncate text-xs text-muted-foreground">
                        {tool.title} · {tool.tags.map(humanize).join(', ')}
                      </p>
                    </div>
                    <Badge
                      variant={tool.read_only ? 'secondary' : tool.destructive ? 'destructive' : 'outline'}
                    >
                      {tool.method}
                    </Badge>
                    <span className="w-16 text-right text-xs tabular-nums text-muted-foreground">
                      {formatBytes(tool.bytes)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
