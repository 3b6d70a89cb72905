'use client';

import { LoaderCircle, Play, Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { PageHeader } from '@/components/common/page-header';
import { isMissingEndpoint, QueryError } from '@/components/common/query-error';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { AuditSinksCard } from '@/features/audit-sinks/components/audit-sinks-card';
import { usePermission } from '@/features/auth/api/use-permission';
import { formatDate } from '@/lib/format';
import { useSettings, useSettingsActions, type OrganizationSettings } from '../api/settings';
import { EncryptionCard } from './encryption-card';
import { SsoSection } from './sso-section';

export function SettingsPage() {
  const settings = useSettings();
  const canManageSinks = usePermission('audit-sinks:manage');
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <PageHeader title="Settings" description="Organization-wide settings of the gateway." />
      {settings.error ? (
        isMissingEndpoint(settings.error) ? (
          <Alert title="Settings are not available on this gateway yet">
            This version of the api does not serve <code className="font-mono">/api/v1/settings</code>. Audit
            events are kept until the gateway is updated.
          </Alert>
        ) : (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        )
      ) : !settings.data ? (
        <Skeleton className="h-56 w-full" />
      ) : (
        <RetentionCard key={settings.data.audit_retention_days} settings={settings.data} />
      )}
      {canManageSinks && <AuditSinksCard />}
      <SsoSection />
      <EncryptionCard />
    </div>
  );
}

type Pending = { kind: 'shorten'; days: number } | { kind: 'run'; days: number };

const DAY_MS = 86_400_000;

/** What a retention of `days` erases, said in words an owner can check against the calendar. */
function ErasedEvents({ days }: { days: number }) {
  const before = formatDate(new Date(Date.now() - days * DAY_MS).toISOString());
  return (
    <p>
      Every audit event older than <strong>{days} days</strong> — everything recorded before{' '}
      <strong>{before}</strong> — will be permanently deleted. The hash chain stays verifiable from its new
      anchor, but the deleted events cannot be restored.
    </p>
  );
}

function RetentionCard({ settings }: { settings: OrganizationSettings }) {
  const id = useId();
  const canManage = usePermission('settings:manage');
  const { update, runRetention } = useSettingsActions();
  const [pending, setPending] = useState<Pending | null>(null);
  const floor = settings.audit_retention_min_days;

  function save(days: number, confirmed: boolean) {
    update.mutate(
      { audit_retention_days: days, ...(confirmed ? { confirm_audit_retention_days: days } : {}) },
      {
        onSuccess: () => {
          setPending(null);
          toast('Audit retention saved');
        },
      },
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const days = Number(new FormData(event.currentTarget).get('days'));
    // Shortening erases history: the owner confirms, and the api checks that confirmation too.
    if (days < settings.audit_retention_days) setPending({ kind: 'shorten', days });
    else save(days, false);
  }

  function run() {
    runRetention.mutate(undefined, {
      onSuccess: ({ job_id }) => {
        setPending(null);
        toast(`Retention run queued (job ${job_id})`);
      },
    });
  }

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Audit retention</CardTitle>
        <CardDescription>
          Audit events older than this are deleted daily by the worker. The hash chain stays verifiable: its
          anchor moves past the deleted rows. Only the owner can change it.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={onSubmit}>
          <Field
            id={`${id}-days`}
            label="Keep audit events for (days)"
            hint={`Between ${floor} and 3650 days.`}
          >
            <Input
              id={`${id}-days`}
              name="days"
              type="number"
              min={floor}
              max={3650}
              required
              className="w-40"
              defaultValue={settings.audit_retention_days}
              disabled={!canManage}
              aria-describedby={`${id}-days-hint`}
            />
          </Field>
          {!pending && (update.error || runRetention.error) && (
            <Alert variant="error" role="alert">
              {(update.error ?? runRetention.error)?.message}
            </Alert>
          )}
          {canManage && (
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={update.isPending}>
                {update.isPending ? (
                  <LoaderCircle aria-hidden className="animate-spin" />
                ) : (
                  <Save aria-hidden />
                )}
                Save
              </Button>
              <Button
                type="button"
                variant="outline"
                disabled={runRetention.isPending}
                onClick={() => setPending({ kind: 'run', days: settings.audit_retention_days })}
              >
                <Play aria-hidden />
                Apply now
              </Button>
            </div>
          )}
        </form>
        <ConfirmDialog
          open={pending !== null}
          onClose={() => setPending(null)}
          title={
            pending?.kind === 'shorten'
              ? `Shorten audit retention to ${pending.days} days?`
              : 'Delete old audit events now?'
          }
          confirmLabel={pending?.kind === 'shorten' ? `Keep only ${pending.days} days` : 'Delete old events'}
          pending={pending?.kind === 'shorten' ? update.isPending : runRetention.isPending}
          error={pending?.kind === 'shorten' ? update.error : runRetention.error}
          onConfirm={() => (pending?.kind === 'shorten' ? save(pending.days, true) : run())}
        >
          {pending && <ErasedEvents days={pending.days} />}
          {pending?.kind === 'shorten' && (
            <p>The worker deletes them at its next daily run, or when you choose “Apply now”.</p>
          )}
        </ConfirmDialog>
      </CardContent>
    </Card>
  );
}
