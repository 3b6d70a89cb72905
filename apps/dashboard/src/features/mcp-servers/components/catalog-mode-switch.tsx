'use client';

import { Checkbox } from '@/components/ui/checkbox';
import type { CatalogMode } from '../api/mcp-servers.types';

/**
 * A server's `config.catalog`: a progressive server's tools/list holds only tool_search, tool_describe and
 * tool_call, so a client with a small context pays for a tool's schemas only when its agent asks for them.
 */
export function CatalogModeSwitch({
  id,
  value,
  onChange,
}: {
  id: string;
  value: CatalogMode;
  onChange: (value: CatalogMode) => void;
}) {
  return (
    <label htmlFor={id} className="flex cursor-pointer items-start gap-3 rounded-lg border px-4 py-3 text-sm">
      <Checkbox
        id={id}
        className="mt-0.5"
        checked={value === 'progressive'}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.checked ? 'progressive' : 'full')}
      />
      <span className="grid gap-1">
        <span className="font-medium">List tools progressively</span>
        <span id={`${id}-hint`} className="text-muted-foreground">
          The agent’s tool list holds only tool_search, tool_describe and tool_call; it finds a tool and reads
          its schemas when it needs them. For clients with small contexts. The same tools, spaces, approvals
          and audit apply.
        </span>
      </span>
    </label>
  );
}
