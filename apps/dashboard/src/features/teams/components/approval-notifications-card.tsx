'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { BellRing, KeyRound, LoaderCircle, RotateCcw, Save, Send, Trash2 } from 'lucide-react';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { DataTable } from '@/components/common/data-table';
import { EmptyState } from '@/components/common/empty-state';
import { QueryError } from '@/components/common/query-error';
import { SigningSecretAlert } from '@/components/common/signing-secret-alert';
import { TimeAgo } from '@/components/common/time-ago';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { useUrlState } from '@/lib/url-state';
import { cn } from '@/lib/utils';
import {
  DELIVERY_STATES,
  type ApprovalWebhook,
  type DeliveryState,
  type WebhookDelivery,
} from '../api/approval-webhook.types';
import {
  useApprovalWebhook,
  useApprovalWebhookActions,
  useWebhookDeliveries,
} from '../api/use-approval-webhook';
import { parseWebhookUrl } from '../schemas/approval-webhook.schema';

const STATE_LABEL: Record<DeliveryState, string> = {
  pending: 'Pending',
  completed: 'Delivered',
  failed: 'Failed',
};

/**
 * Where the team's approvers hear of new approval requests: the webhook URL, its signing secret (shown once, when
 * issued), a test, and the deliveries with the failed ones to redeliver. Owners and admins only.
 */
export function ApprovalNotificationsCard({ teamId, teamName }: { teamId: string; teamName: string }) {
  const id = useId();
  const webhook = useApprovalWebhook(teamId);
  const [issuedSecret, setIssuedSecret] = useState<string | null>(null);

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Approval notifications</CardTitle>
        <CardDescription>
          New approval requests of {teamName}’s servers are posted to this webhook, with a link to approve or
          reject them: a Slack incoming webhook, or any receiver that checks the signature.
        </CardDescription>
        {webhook.data !== undefined && (
          <CardAction>
            <Badge variant={webhook.data?.enabled ? 'success' : 'secondary'}>
              {webhook.data === null ? 'Not set up' : webhook.data.enabled ? 'On' : 'Off'}
            </Badge>
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="grid gap-6">
        {webhook.error ? (
          <QueryError error={webhook.error} onRetry={() => void webhook.refetch()} />
        ) : webhook.data === undefined ? (
          <Skeleton className="h-32 w-full" />
        ) : (
          <>
            {issuedSecret && (
              <SigningSecretAlert
                secret={issuedSecret}
                onDone={() => setIssuedSecret(null)}
                testId="webhook-secret-value"
              >
                Give it to the receiver so it can check the{' '}
                <code className="font-mono">X-Gateway-Signature</code> of each notification. The gateway keeps
                it encrypted and cannot show it again.
              </SigningSecretAlert>
            )}
            <WebhookForm
              key={webhook.data?.updated_at ?? 'new'}
              teamId={teamId}
              webhook={webhook.data}
              onSecret={setIssuedSecret}
            />
            {webhook.data && (
              <>
                <WebhookActions teamId={teamId} webhook={webhook.data} onSecret={setIssuedSecret} />
                <Deliveries teamId={teamId} />
              </>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}

function WebhookForm({
  teamId,
  webhook,
  onSecret,
}: {
  teamId: string;
  webhook: ApprovalWebhook | null;
  onSecret: (secret: string) => void;
}) {
  const id = useId();
  const { save } = useApprovalWebhookActions(teamId);
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const [formError, setFormError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseWebhookUrl(url);
    if (!parsed.ok) return setFormError(parsed.message);
    save.mutate(
      { url: parsed.url, enabled },
      {
        onSuccess: (saved) => {
          if (saved.secret) onSecret(saved.secret);
          toast(webhook ? 'Webhook saved' : 'Webhook set up: copy its signing secret now');
        },
      },
    );
  }

  return (
    <form className="grid gap-4" onSubmit={onSubmit} aria-label="Approval webhook" noValidate>
      <Field
        id={`${id}-url`}
        label="Webhook URL"
        hint="https:// or http://, private addresses included. For Slack, paste the URL of an incoming webhook."
      >
        <Input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.slack.com/services/…"
          value={url}
          aria-invalid={formError ? true : undefined}
          aria-describedby={`${id}-url-hint`}
          onChange={(e) => {
            setUrl(e.target.value);
            setFormError(null);
          }}
        />
      </Field>
      <label htmlFor={`${id}-enabled`} className="flex w-fit cursor-pointer items-center gap-3 text-sm">
        <Checkbox id={`${id}-enabled`} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Send notifications
      </label>
      {(formError || save.error) && (
        <Alert variant="error" role="alert">
          {formError ?? save.error?.message}
        </Alert>
      )}
      <div className="flex justify-end">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Save aria-hidden />}
          {webhook ? 'Save webhook' : 'Set up webhook'}
        </Button>
      </div>
    </form>
  );
}

function WebhookActions({
  teamId,
  webhook,
  onSecret,
}: {
  teamId: string;
  webhook: ApprovalWebhook;
  onSecret: (secret: string) => void;
}) {
  const { save, test, remove } = useApprovalWebhookActions(teamId);
  const [confirm, setConfirm] = useState<'rotate' | 'remove' | null>(null);

  return (
    <div className="grid gap-3 border-t pt-5">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <KeyRound aria-hidden className="size-4 text-muted-foreground" />
        <span className="text-muted-foreground">Signing secret</span>
        <code className="font-mono text-xs" data-testid="webhook-secret-hint">
          {webhook.secret_hint}
        </code>
        <span className="text-muted-foreground">
          issued <TimeAgo iso={webhook.secret_created_at} />
        </span>
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          disabled={test.isPending || !webhook.enabled}
          title={webhook.enabled ? undefined : 'Turn the webhook on to send a test'}
          onClick={() =>
            test.mutate(undefined, { onSuccess: () => toast('Test notification queued: see Deliveries') })
          }
        >
          {test.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Send aria-hidden />}
          Send a test
        </Button>
        <Button variant="outline" onClick={() => setConfirm('rotate')}>
          <RotateCcw aria-hidden />
          Rotate secret
        </Button>
        <Button variant="destructive" onClick={() => setConfirm('remove')}>
          <Trash2 aria-hidden />
          Remove webhook
        </Button>
      </div>
      {test.error && <Alert variant="error">{test.error.message}</Alert>}
      <ConfirmDialog
        open={confirm === 'rotate'}
        onClose={() => setConfirm(null)}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        pending={save.isPending}
        error={save.error}
        onConfirm={() =>
          save.mutate(
            { url: webhook.url, enabled: webhook.enabled, rotate_secret: true },
            {
              onSuccess: (saved) => {
                setConfirm(null);
                if (saved.secret) onSecret(saved.secret);
              },
            },
          )
        }
      >
        <p>
          Notifications are signed with the new secret from now on, retries of pending ones included. A
          receiver that checks signatures refuses them until it has the new secret.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'remove'}
        onClose={() => setConfirm(null)}
        title="Remove the approval webhook?"
        confirmLabel="Remove webhook"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirm(null);
              toast('Webhook removed');
            },
          })
        }
      >
        <p>
          Approvers of this team are no longer told of new requests outside the console. Pending deliveries
          fail at their next attempt.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function Deliveries({ teamId }: { teamId: string }) {
  const id = useId();
  const url = useUrlState();
  const requested = url.get('deliveries');
  const state = (DELIVERY_STATES as readonly string[]).includes(requested)
    ? (requested as DeliveryState)
    : undefined;
  const deliveries = useWebhookDeliveries(teamId, state, true);
  const { redeliver } = useApprovalWebhookActions(teamId);

  const columns = useMemo<ColumnDef<WebhookDelivery>[]>(
    () => [
      { id: 'sent', header: 'Sent', cell: ({ row }) => <TimeAgo iso={row.original.created_at} /> },
      {
        id: 'what',
        header: 'Notification',
        cell: ({ row }) =>
          row.original.event === 'webhook.test' ? (
            'Test'
          ) : (
            <span>
              Approval request{' '}
              {row.original.tool && <span className="font-mono text-xs">{row.original.tool}</span>}
            </span>
          ),
      },
      {
        id: 'state',
        header: 'State',
        cell: ({ row }) => (
          <div className="grid justify-items-start gap-1">
            <Badge
              variant={
                row.original.state === 'failed'
                  ? 'destructive'
                  : row.original.state === 'completed'
                    ? 'success'
                    : 'secondary'
              }
            >
              {STATE_LABEL[row.original.state]}
            </Badge>
            {row.original.state === 'pending' && (
              <span className="text-xs text-muted-foreground">
                next <TimeAgo iso={row.original.next_attempt_at} />
              </span>
            )}
          </div>
        ),
      },
      {
        id: 'attempts',
        header: 'Attempts',
        cell: ({ row }) => (
          <span className="tabular-nums">
            {row.original.attempts} / {row.original.max_attempts}
          </span>
        ),
      },
      {
        id: 'answer',
        header: 'Last answer',
        cell: ({ row }) => (
          <span className="line-clamp-2 max-w-56 break-words text-muted-foreground">
            {row.original.last_error ??
              (row.original.last_status !== null ? `HTTP ${row.original.last_status}` : '—')}
          </span>
        ),
      },
      {
        id: 'action',
        header: () => <span className="sr-only">Action</span>,
        cell: ({ row }) =>
          row.original.state === 'failed' ? (
            <Button
              variant="outline"
              size="sm"
              disabled={redeliver.isPending}
              aria-label={`Redeliver notification ${row.original.id.slice(0, 8)}`}
              onClick={() =>
                redeliver.mutate(row.original.id, { onSuccess: () => toast('Notification sent again') })
              }
            >
              <RotateCcw aria-hidden />
              Redeliver
            </Button>
          ) : null,
      },
    ],
    [redeliver],
  );

  return (
    <section className="grid gap-3 border-t pt-5" aria-labelledby={`${id}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={`${id}-title`} className="text-sm font-medium">
          Deliveries
        </h3>
        <div
          role="group"
          aria-label="Delivery state"
          className="flex flex-wrap gap-1 rounded-lg bg-muted p-1"
        >
          {([undefined, ...DELIVERY_STATES] as const).map((s) => (
            <button
              key={s ?? 'all'}
              type="button"
              aria-pressed={s === state}
              onClick={() => url.set({ deliveries: s ?? null, deliveries_page: null })}
              className={cn(
                'rounded-md px-3 py-1 text-xs font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
                s === state ? 'bg-card shadow-xs' : 'text-muted-foreground hover:text-foreground',
              )}
            >
              {s ? STATE_LABEL[s] : 'All'}
            </button>
          ))}
        </div>
      </div>
      {redeliver.error && <Alert variant="error">{redeliver.error.message}</Alert>}
      {deliveries.error ? (
        <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : !deliveries.data ? (
        <Skeleton className="h-24 w-full" />
      ) : (
        <DataTable
          label="Webhook deliveries"
          data={deliveries.data}
          columns={columns}
          getRowId={(d) => d.id}
          pageSize={10}
          pageParam="deliveries_page"
          rowTestId="webhook-delivery"
          rowClassName={(row) => (row.original.state === 'failed' ? 'bg-destructive/5' : undefined)}
          empty={
            <EmptyState icon={BellRing} title="No delivery" className="m-4 border-0">
              {state === 'failed'
                ? 'No notification failed: nothing to redeliver.'
                : 'Send a test, or wait for the next approval request.'}
            </EmptyState>
          }
        />
      )}
    </section>
  );
}
