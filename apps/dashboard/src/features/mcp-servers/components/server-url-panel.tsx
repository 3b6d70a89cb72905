'use client';

import { TriangleAlert } from 'lucide-react';
import { useId } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { secretUrlSetups } from '../api/client-setup';
import { ClientSetupTabs } from './client-setup-tabs';

/** The secret URL, shown this once, with copy buttons and setup for the common MCP clients that keeps it out of files. */
export function ServerUrlPanel({ url, requireApiToken }: { url: string; requireApiToken: boolean }) {
  const id = useId();
  return (
    <div className="grid gap-6">
      <div className="flex gap-3 rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>
          <strong>Copy the URL now.</strong> It is shown only this once: the gateway keeps only a hash of it.
          Anyone with the URL can use the server, so share it like a password.
        </p>
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-url`}>MCP server URL</Label>
        <div className="flex gap-2">
          <Input
            id={`${id}-url`}
            readOnly
            value={url}
            data-testid="mcp-url"
            className="font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={url} label="Copy URL" />
        </div>
        {requireApiToken && (
          <p className="text-xs text-muted-foreground">
            Clients must also send <code className="font-mono">Authorization: Bearer cgw_…</code> with an API
            token of your organization.
          </p>
        )}
      </div>
      <ClientSetupTabs setups={secretUrlSetups(url, requireApiToken)} />
    </div>
  );
}
