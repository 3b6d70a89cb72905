'use client';

import { Tabs } from '@/components/common/tabs';
import { CopyButton } from '@/components/ui/copy-button';
import type { ClientSetup } from '../api/client-setup';

/** Ready-to-paste setup for the common MCP clients, one tab each, with a copy button. */
export function ClientSetupTabs({ setups }: { setups: ClientSetup[] }) {
  return (
    <div className="grid gap-3">
      <h3 className="text-sm font-semibold">Set up a client</h3>
      <Tabs
        label="MCP clients"
        items={setups.map((setup) => ({
          id: setup.id,
          label: setup.label,
          content: (
            <div className="grid gap-3">
              <p className="whitespace-pre-line text-sm text-muted-foreground">{setup.instructions}</p>
              <div className="relative">
                <pre
                  tabIndex={0}
                  aria-label={`${setup.label} setup`}
                  className="max-h-72 overflow-auto rounded-lg border bg-muted/50 p-4 pr-24 font-mono text-xs leading-relaxed"
                >
                  {setup.snippet}
                </pre>
                <CopyButton
                  value={setup.snippet}
                  className="absolute right-2 top-2"
                  label="Copy"
                  aria-label={`Copy ${setup.label} setup`}
                />
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}
