'use client';

import { KeyRound, LoaderCircle, RefreshCw } from 'lucide-react';
import { useId } from 'react';
import { isMissingEndpoint, QueryError } from '@/components/common/query-error';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermission } from '@/features/auth/api/use-permission';
import { formatDateTime, formatNumber } from '@/lib/format';
import { type EncryptionStatus, useEncryptionStatus, useRekey } from '../api/encryption';
import { KIND_FIXES, KIND_LABELS, rotationSummary } from '../schemas/encryption-progress';

/** Settings → Encryption key: where a key rotation stands, and the run that re-encrypts stored secrets. */
export function EncryptionCard() {
  const status = useEncryptionStatus();
  if (status.error) {
    // An api without the endpoint (older version) or a role that may not read it: no card.
    if (isMissingEndpoint(status.error)) return null;
    return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  }
  if (!status.data) return <Skeleton className="h-48 w-full" />;
  return <EncryptionStatusCard status={status.data} />;
}

function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max === 0 ? 100 : Math.min(100, Math.floor((value / max) * 100));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={`${formatNumber(value)} of ${formatNumber(max)}`}
      className="h-2 w-full overflow-hidden rounded-full bg-muted"
    >
      <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
    </div>
  );
}

function EncryptionStatusCard({ status }: { status: EncryptionStatus }) {
  const id = useId();
  const canManage = usePermission('settings:manage');
  const rekey = useRekey();
  const { phase } = rotationSummary(status);
  const job = status.job;

  function run() {
    rekey.mutate(undefined, {
      onSuccess: ({ started }) =>
        toast(started ? 'Re-encryption started' : 'A re-encryption run is already under way'),
    });
  }

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Encryption key</CardTitle>
        <CardDescription>
          Stored secrets (ClickUp tokens, webhook URLs and secrets, SSO secrets, the authorization server’s
          keys) are sealed with <code className="font-mono">ENCRYPTION_KEY</code>. After a rotation the worker
          re-encrypts them under the new key, so <code className="font-mono">ENCRYPTION_KEY_PREVIOUS</code>{' '}
          can be removed.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted-foreground">Current key</dt>
          <dd className="font-mono">{status.current_key_id}</dd>
          <dt className="text-muted-foreground">Previous key</dt>
          <dd className="font-mono">{status.previous_key_id ?? 'not set'}</dd>
        </dl>
        <div className="grid gap-2">
          <p className="text-sm">
            <KeyRound aria-hidden className="mr-1 inline size-4 align-text-bottom" />
            <strong>{formatNumber(status.under_current)}</strong> of {formatNumber(status.total)} credentials
            under the current key
            {status.under_previous > 0 && <>, {formatNumber(status.under_previous)} under the previous key</>}
            {status.unreadable > 0 && <>, {formatNumber(status.unreadable)} unreadable</>}.
          </p>
          <ProgressBar
            label="Credentials under the current key"
            value={status.under_current}
            max={status.total}
          />
        </div>
        {phase === 'running' && job && (
          <p className="text-sm text-muted-foreground" role="status">
            <LoaderCircle aria-hidden className="mr-1 inline size-4 animate-spin align-text-bottom" />
            Re-encrypting: {formatNumber(job.done)} of {formatNumber(job.total)} done
            {job.started_at && <> (started {formatDateTime(job.started_at)})</>}.
          </p>
        )}
        {phase === 'removable' && (
          <Alert role="status" title="Rotation complete">
            All credentials are under the current key: ENCRYPTION_KEY_PREVIOUS can be removed.
          </Alert>
        )}
        {phase === 'single-key' && status.total > 0 && (
          <p className="text-sm text-muted-foreground">Every stored credential opens with the current key.</p>
        )}
        {phase === 'pending' && (
          <Alert variant="warning" title="Credentials still need the previous key">
            Keep <code className="font-mono">ENCRYPTION_KEY_PREVIOUS</code> set until they are re-encrypted.
            The worker starts a run when it starts; “Re-encrypt now” starts one at once.
          </Alert>
        )}
        {job?.state === 'failed' && (
          <Alert variant="error" role="alert" title="The last re-encryption run failed">
            {job.error}
            {job.finished_at && <> ({formatDateTime(job.finished_at)})</>}
          </Alert>
        )}
        {status.unreadable > 0 && (
          <Alert variant="error" role="alert" title="Credentials no configured key opens">
            <p>
              These were sealed under a key that is not configured, or are damaged. Re-encryption skips them;
              fix each one, or restore <code className="font-mono">ENCRYPTION_KEY_PREVIOUS</code> if it was
              removed too early.
            </p>
            <ul className="mt-2 grid gap-1">
              {status.unreadable_values.map((value) => (
                <li key={`${value.kind}:${value.id}`}>
                  {KIND_LABELS[value.kind] ?? value.kind}{' '}
                  <code className="font-mono text-xs">{value.id}</code>
                  {value.reason === 'unknown_key'
                    ? ` (key ${value.key_id ?? '?'} is not configured)`
                    : ' (damaged)'}
                  : {KIND_FIXES[value.kind] ?? 'enter it again'}.
                </li>
              ))}
            </ul>
            {status.unreadable > status.unreadable_values.length && (
              <p className="mt-1">
                …and {formatNumber(status.unreadable - status.unreadable_values.length)} more.
              </p>
            )}
          </Alert>
        )}
        {rekey.error && (
          <Alert variant="error" role="alert">
            {rekey.error.message}
          </Alert>
        )}
        {canManage && (
          <div>
            <Button
              type="button"
              variant="outline"
              disabled={phase === 'running' || rekey.isPending}
              onClick={run}
            >
              {rekey.isPending ? (
                <LoaderCircle aria-hidden className="animate-spin" />
              ) : (
                <RefreshCw aria-hidden />
              )}
              Re-encrypt now
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
