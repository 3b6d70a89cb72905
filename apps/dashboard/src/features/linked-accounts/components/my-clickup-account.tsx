'use client';

import { Link2, LoaderCircle, Unlink } from 'lucide-react';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { EmptyState } from '@/components/common/empty-state';
import { PageHeader } from '@/components/common/page-header';
import { QueryView } from '@/components/common/query-view';
import { TimeAgo } from '@/components/common/time-ago';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useUrlState } from '@/lib/url-state';
import type { MyClickUpAccount } from '../api/linked-accounts.types';
import { useMyClickUpAccount, useStartLink, useUnlinkMine } from '../api/use-linked-accounts';

/**
 * The signed-in person's own ClickUp account: link, relink, unlink. MCP clients send people here
 * (`?elicitation=…`) when a server acting as each person's account is called before they linked one; ClickUp's
 * callback comes back here with `?linked=1` or `?error=…`.
 */
export function MyClickUpAccountPage() {
  const account = useMyClickUpAccount();
  const url = useUrlState();
  const elicitation = url.get('elicitation') || null;
  const linked = url.get('linked');
  const linkError = url.get('error');

  useEffect(() => {
    if (linked) toast('ClickUp account linked');
  }, [linked]);

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageHeader
        title="Linked ClickUp account"
        description="MCP servers set to act as each person use your own ClickUp account, so ClickUp's own permissions apply to what your agents do."
      />
      {elicitation && !linked && (
        <Alert title="An MCP client asked you to link your ClickUp account">
          A server you called acts as each person&apos;s own ClickUp account. Link yours below, then go back
          to your agent and call the tool again.
        </Alert>
      )}
      {linkError && (
        <Alert variant="error" role="alert" title="Your ClickUp account was not linked">
          {linkError}
        </Alert>
      )}
      <QueryView query={account} placeholder={<Skeleton className="h-40 w-full" />}>
        {(data) => <AccountCard account={data} elicitation={elicitation} />}
      </QueryView>
    </div>
  );
}

function AccountCard({ account, elicitation }: { account: MyClickUpAccount; elicitation: string | null }) {
  const start = useStartLink();
  const unlink = useUnlinkMine();
  const [confirming, setConfirming] = useState(false);

  const linkButton = (
    <Button onClick={() => start.mutate(elicitation)} disabled={start.isPending}>
      {start.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Link2 aria-hidden />}
      {account.linked ? 'Relink with ClickUp' : 'Link with ClickUp'}
    </Button>
  );
  const startError = start.error && (
    <Alert variant="error" role="alert">
      {start.error.message}
    </Alert>
  );

  if (!account.linked || !account.clickup_user) {
    return (
      <div className="grid gap-4">
        {startError}
        <EmptyState icon={Link2} title="No ClickUp account linked" action={linkButton}>
          ClickUp asks you to sign in, then which workspaces the gateway may reach. Tick the workspaces of the
          MCP servers you use.
        </EmptyState>
      </div>
    );
  }

  const user = account.clickup_user;
  return (
    <section aria-labelledby="linked-account" className="grid gap-4 rounded-xl border bg-card p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1">
          <h2 id="linked-account" className="text-base font-semibold">
            {user.username ?? `ClickUp user ${user.id}`}
          </h2>
          {user.email && <p className="text-sm text-muted-foreground">{user.email}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          {linkButton}
          <Button variant="outline" onClick={() => setConfirming(true)}>
            <Unlink aria-hidden />
            Unlink
          </Button>
        </div>
      </div>
      {startError}
      <dl className="grid gap-3 text-sm sm:grid-cols-3">
        <div className="grid gap-0.5">
          <dt className="text-muted-foreground">Workspaces it reaches</dt>
          <dd>{account.workspaces.map((w) => w.name).join(', ') || '—'}</dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-muted-foreground">Linked</dt>
          <dd>
            <TimeAgo iso={account.linked_at} />
          </dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-muted-foreground">Last used by an agent</dt>
          <dd>
            <TimeAgo iso={account.last_used_at} />
          </dd>
        </div>
      </dl>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Unlink your ClickUp account?"
        confirmLabel="Unlink"
        pending={unlink.isPending}
        error={unlink.error}
        onConfirm={() =>
          unlink.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              toast('ClickUp account unlinked');
            },
          })
        }
      >
        <p>
          The gateway forgets the account&apos;s token at once: servers acting as you stop working until you
          link again. To revoke the authorization at ClickUp too, remove the app in your ClickUp settings.
        </p>
      </ConfirmDialog>
    </section>
  );
}
