'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { Link2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { QueryView } from '@/components/common/query-view';
import { TimeAgo } from '@/components/common/time-ago';
import { toast } from '@/components/common/toaster';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import type { LinkedAccount } from '../api/linked-accounts.types';
import { useLinkedAccounts, useUnlinkPerson } from '../api/use-linked-accounts';

/** Who has linked their own ClickUp account, for owners and admins, who can unlink one (offboarding). */
export function LinkedAccountsSection() {
  const accounts = useLinkedAccounts(true);
  const unlink = useUnlinkPerson();
  const [unlinking, setUnlinking] = useState<LinkedAccount | null>(null);

  const columns = useMemo<ColumnDef<LinkedAccount>[]>(
    () => [
      {
        id: 'person',
        header: 'Person',
        cell: ({ row }) => (
          <div className="grid">
            <span className="font-medium">{row.original.user_name}</span>
            <span className="text-xs text-muted-foreground">{row.original.user_email}</span>
          </div>
        ),
      },
      {
        id: 'clickup',
        header: 'ClickUp user',
        cell: ({ row }) => (
          <div className="grid">
            <span>{row.original.clickup_user.username ?? row.original.clickup_user.id}</span>
            <span className="text-xs text-muted-foreground">{row.original.clickup_user.email ?? ''}</span>
          </div>
        ),
      },
      {
        id: 'workspaces',
        header: 'Workspaces',
        cell: ({ row }) => row.original.workspaces.map((w) => w.name).join(', ') || '—',
      },
      { id: 'linked', header: 'Linked', cell: ({ row }) => <TimeAgo iso={row.original.linked_at} /> },
      { id: 'used', header: 'Last used', cell: ({ row }) => <TimeAgo iso={row.original.last_used_at} /> },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) => (
          <Button
            variant="outline"
            size="sm"
            onClick={() => setUnlinking(row.original)}
            aria-label={`Unlink the ClickUp account of ${row.original.user_name}`}
          >
            Unlink
          </Button>
        ),
      },
    ],
    [],
  );

  return (
    <section aria-labelledby="linked-accounts" className="grid gap-3">
      <div className="grid gap-1">
        <h2 id="linked-accounts" className="text-base font-semibold">
          Linked ClickUp accounts
        </h2>
        <p className="text-sm text-muted-foreground">
          People who linked their own ClickUp account, used by MCP servers that act as each person.
        </p>
      </div>
      <QueryView query={accounts} placeholder={<Skeleton className="h-32 w-full" />}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState icon={Link2} title="Nobody has linked a ClickUp account">
              People link theirs under Linked ClickUp account in their account menu, or when an agent first
              calls a server that acts as each person.
            </EmptyState>
          ) : (
            <DataTable
              label="Linked ClickUp accounts"
              data={data}
              columns={columns}
              getRowId={(a) => a.user_id}
              pageSize={25}
              empty={null}
            />
          )
        }
      </QueryView>
      <ConfirmDialog
        open={unlinking !== null}
        onClose={() => setUnlinking(null)}
        title="Unlink this ClickUp account?"
        confirmLabel="Unlink"
        pending={unlink.isPending}
        error={unlink.error}
        onConfirm={() =>
          unlinking &&
          unlink.mutate(unlinking.user_id, {
            onSuccess: () => {
              setUnlinking(null);
              toast('ClickUp account unlinked');
            },
          })
        }
      >
        <p>
          {unlinking?.user_name}&apos;s agents stop acting as their ClickUp account at once, until they link
          it again.
        </p>
      </ConfirmDialog>
    </section>
  );
}
