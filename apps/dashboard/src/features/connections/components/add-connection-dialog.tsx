'use client';

import { ExternalLink, LoaderCircle } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { Tabs } from '@/components/common/tabs';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { startOAuth } from '../api/oauth-start';
import type { Connection } from '../api/connections.types';
import { useCreateConnection } from '../api/use-connections';

export function AddConnectionDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (connection: Connection) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add a ClickUp connection"
      description="The gateway calls ClickUp as this account. Its credential is stored encrypted and never shown again."
    >
      <Tabs
        label="How to connect"
        items={[
          { id: 'oauth', label: 'Connect with ClickUp', content: <OAuthForm onCancel={onClose} /> },
          {
            id: 'token',
            label: 'Personal token',
            content: <TokenForm onCancel={onClose} onCreated={onCreated} />,
          },
        ]}
      />
    </Dialog>
  );
}

function OAuthForm({ onCancel }: { onCancel: () => void }) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    setPending(true);
    setError(null);
    try {
      await startOAuth(name);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      setPending(false);
    }
  }

  return (
    <form className="grid gap-4" onSubmit={(event) => void onSubmit(event)}>
      <p className="text-sm text-muted-foreground">
        You will be sent to ClickUp to pick the workspaces to share, then brought back here.
      </p>
      <Field id={`${id}-name`} label="Connection name">
        <Input id={`${id}-name`} name="name" required maxLength={100} defaultValue="ClickUp workspace" />
      </Field>
      {error && (
        <Alert variant="error" role="alert">
          {error.message}
        </Alert>
      )}
      <DialogFooter className="mt-2">
        <Button variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <ExternalLink aria-hidden />}
          Continue to ClickUp
        </Button>
      </DialogFooter>
    </form>
  );
}

function TokenForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (c: Connection) => void }) {
  const id = useId();
  const create = useCreateConnection();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      { name: String(form.get('name') ?? '').trim(), token: String(form.get('token') ?? '').trim() },
      { onSuccess: onCreated },
    );
  }

  return (
    <form className="grid gap-4" onSubmit={onSubmit}>
      <Field id={`${id}-name`} label="Connection name">
        <Input id={`${id}-name`} name="name" required maxLength={100} placeholder="Acme workspace" />
      </Field>
      <Field
        id={`${id}-token`}
        label="Personal API token"
        hint="In ClickUp: Settings → Apps → API Token. It is checked with ClickUp before it is saved."
      >
        <Input
          id={`${id}-token`}
          name="token"
          type="password"
          required
          autoComplete="off"
          placeholder="pk_…"
          aria-describedby={`${id}-token-hint`}
        />
      </Field>
      {create.error && (
        <Alert variant="error" role="alert">
          {create.error.message}
        </Alert>
      )}
      <DialogFooter className="mt-2">
        <Button variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
          {create.isPending ? 'Checking with ClickUp…' : 'Add connection'}
        </Button>
      </DialogFooter>
    </form>
  );
}
