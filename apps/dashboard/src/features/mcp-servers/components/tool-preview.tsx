'use client';

import { LoaderCircle } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatBytes, formatNumber, humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import type { CatalogMode, ToolPreview as Preview, ToolReach } from '../api/mcp-servers.types';
import { useToolPreview } from '../api/use-mcp-servers';

/** Agents read every listed tool on every conversation; past this the listing starts crowding their context. */
const HEAVY_LISTING_BYTES = 40_000;

/** Which tools a server with these filters exposes, and what their listing costs an agent, updated as you pick. */
export function ToolPreview({
  methods,
  tags,
  reach,
  catalog = 'full',
  className,
}: {
  methods: string[];
  tags: string[];
  reach: ToolReach;
  catalog?: CatalogMode;
  className?: string;
}) {
  const preview = useToolPreview(methods, tags, { reach, catalog });
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
            <ListingSizes data={data} progressive={catalog === 'progressive'} />
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

/**
 * What each tool group adds to the listing, and the full listing against the cap the whole catalog is kept under. On
 * a progressive server the agent's list is the three meta tools; the groups' definitions are read on demand.
 */
function ListingSizes({ data, progressive }: { data: Preview; progressive: boolean }) {
  const groups = data.groups.filter((g) => g.selected > 0).sort((a, b) => b.bytes - a.bytes);
  const share = Math.min(100, Math.round((data.full_listing_bytes / data.cap_bytes) * 100));
  return (
    <section className="grid gap-2" aria-labelledby="listing-sizes-title" data-testid="listing-sizes">
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <h3 id="listing-sizes-title" className="font-medium">
          Size per group
        </h3>
        <span className="tabular-nums text-muted-foreground" data-testid="listing-cap">
          {formatBytes(data.full_listing_bytes)} of {formatNumber(data.cap_bytes)} B cap
        </span>
      </div>
      <div
        role="meter"
        aria-label="Full listing against the cap"
        aria-valuemin={0}
        aria-valuemax={data.cap_bytes}
        aria-valuenow={data.full_listing_bytes}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn('h-full', data.full_listing_bytes > data.cap_bytes ? 'bg-destructive' : 'bg-primary')}
          style={{ width: `${share}%` }}
        />
      </div>
      {progressive && (
        <p className="text-xs text-muted-foreground">
          Progressive: the agent’s tool list is {formatBytes(data.listing_bytes)} (tool_search, tool_describe,
          tool_call); a group’s definitions are read only when the agent asks for them.
        </p>
      )}
      {groups.length > 0 && (
        <ul className="grid gap-1 text-xs" aria-label="Listing size per tool group">
          {groups.map((group) => (
            <li key={group.tag} className="flex items-center gap-2" data-testid="preview-group">
              <span className="flex-1 truncate">{humanize(group.tag)}</span>
              <span className="tabular-nums text-muted-foreground">
                {group.selected}/{group.total}
              </span>
              <span className="w-16 text-right tabular-nums">{formatBytes(group.bytes)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
