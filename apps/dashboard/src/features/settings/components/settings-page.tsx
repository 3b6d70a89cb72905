'use client';

import { LoaderCircle, Play, Save } from 'lucide-react';
import { useId, type FormEvent } from 'react';
import { PageHeader } from '@/components/common/page-header';
import { isMissingEndpoint, QueryError } from '@/components/common/query-error';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { useSettings, useSettingsActions, type OrganizationSettings } from '../api/settings';

export function SettingsPage() {
  const settings = useSettings();
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
    </div>
  );
}

function RetentionCard({ settings }: { settings: OrganizationSettings }) {
  const id = useId();
  const canManage = usePermission('settings:manage');
  const { update, runRetention } = useSettingsActions();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const days = Number(new FormData(event.currentTarget).get('days'));
    update.mutate({ audit_retention_days: days }, { onSuccess: () => toast('Audit retention saved') });
  }

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Audit retention</CardTitle>
        <CardDescription>
          Audit events older than this are deleted daily by the worker. The hash chain stays verifiable: its
          anchor moves past the deleted rows.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={onSubmit}>
          <Field id={`${id}-days`} label="Keep audit events for (days)" hint="Between 1 and 3650 days.">
            <Input
              id={`${id}-days`}
              name="days"
              type="number"
              min={1}
              max={3650}
              required
              className="w-40"
              defaultValue={settings.audit_retention_days}
              disabled={!canManage}
              aria-describedby={`${id}-days-hint`}
            />
          </Field>
          {(update.error || runRetention.error) && (
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
                variant="outline"
                disabled={runRetention.isPending}
                onClick={() =>
                  runRetention.mutate(undefined, {
                    onSuccess: ({ job_id }) => toast(`Retention run queued (job ${job_id})`),
                  })
                }
              >
                <Play aria-hidden />
                Apply now
              </Button>
            </div>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
