'use client';

import { useId } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { signInSetups } from '../api/client-setup';
import { ClientSetupTabs } from './client-setup-tabs';

/**
 * A sign-in server's URL, which holds no secret and can be shown any time, with setup for the common MCP clients:
 * each person adds the URL and signs in as themselves.
 */
export function SignInUrlPanel({ url }: { url: string }) {
  const id = useId();
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <Label htmlFor={`${id}-url`}>Sign-in URL</Label>
        <div className="flex gap-2">
          <Input
            id={`${id}-url`}
            readOnly
            value={url}
            data-testid="sign-in-url"
            className="font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={url} label="Copy sign-in URL" />
        </div>
        <p className="text-xs text-muted-foreground">
          No secret in it: share it with the people who may use the server. Their MCP client sends them here
          to sign in, and every call is recorded under their name.
        </p>
      </div>
      <ClientSetupTabs setups={signInSetups(url)} />
    </div>
  );
}
