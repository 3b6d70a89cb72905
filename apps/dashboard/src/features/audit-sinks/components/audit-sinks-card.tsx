'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { LoaderCircle, Pause, Play, Plus, RadioTower, RotateCcw, Send, Trash2 } from 'lucide-react';
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
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { Textarea } from '@/components/ui/textarea';
import { SINK_KINDS, type AuditSink, type SinkKind, type SinkState } from '../api/audit-sinks.types';
import { useAuditSinkActions, useAuditSinks } from '../api/use-audit-sinks';
import { parseAuditSinkForm, type AuditSinkForm } from '../schemas/audit-sink.schema';

const KIND_LABEL: Record<SinkKind, string> = { webhook: 'Webhook', syslog: 'Syslog', otlp: 'OTLP' };

const STATE: Record<
  SinkState,
  { label: string; variant: 'success' | 'secondary' | 'warning' | 'destructive' }
> = {
  up_to_date: { label: 'Up to date', variant: 'success' },
  catching_up: { label: 'Catching up', variant: 'warning' },
  failing: { label: 'Failing', variant: 'destructive' },
  paused: { label: 'Paused', variant: 'secondary' },
};

/** Where a sink sends, as text: the settings are the admin's own input, shown as text only. */
function destination(sink: AuditSink): string {
  const s = sink.settings;
  if (sink.kind === 'syslog')
    return `${String(s['host'])}:${String(s['port'])}${s['tls'] ? ' (TLS)' : ' (TCP)'}`;
  return String(sink.kind === 'webhook' ? s['url'] : s['endpoint']);
}

function lag(sink: AuditSink): string {
  if (sink.lag_events === 0) return 'none';
  const seconds = Math.round(sink.lag_seconds);
  const age =
    seconds < 120
      ? `${seconds} s`
      : seconds < 7200
        ? `${Math.round(seconds / 60)} min`
        : `${Math.round(seconds / 3600)} h`;
  return `${sink.lag_events} event${sink.lag_events === 1 ? '' : 's'}, oldest ${age}`;
}

/**
 * The audit stream to the SIEM: every sink with its state, lag and last error, and adding, testing, pausing and
 * removing one. Owners and admins only.
 */
export function AuditSinksCard() {
  const id = useId();
  const sinks = useAuditSinks();
  const [adding, setAdding] = useState(false);
  const [issuedSecret, setIssuedSecret] = useState<string | null>(null);

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Audit sinks</CardTitle>
        <CardDescription>
          Every audit event is streamed, in order and at least once, to each sink: an HTTPS webhook, a syslog
          receiver (RFC 5424 over TCP or TLS) or an OpenTelemetry collector. A sink that is down is retried
          and resumes where it stopped.
        </CardDescription>
        {!adding && (
          <CardAction>
            <Button size="sm" onClick={() => setAdding(true)}>
              <Plus aria-hidden />
              Add sink
            </Button>
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="grid gap-6">
        {issuedSecret && (
          <SigningSecretAlert
            secret={issuedSecret}
            onDone={() => setIssuedSecret(null)}
            testId="audit-sink-secret-value"
          >
            Give it to the receiver so it can check the <code className="font-mono">X-Gateway-Signature</code>{' '}
            of each batch. The gateway keeps it encrypted and cannot show it again.
          </SigningSecretAlert>
        )}
        {adding && (
          <AddSinkForm
            onDone={(secret) => {
              setAdding(false);
              if (secret) setIssuedSecret(secret);
            }}
          />
        )}
        {sinks.error ? (
          <QueryError error={sinks.error} onRetry={() => void sinks.refetch()} />
        ) : !sinks.data ? (
          <Skeleton className="h-32 w-full" />
        ) : (
          <SinkTable sinks={sinks.data} onSecret={setIssuedSecret} />
        )}
      </CardContent>
    </Card>
  );
}

function AddSinkForm({ onDone }: { onDone: (secret: string | null) => void }) {
  const id = useId();
  const { create } = useAuditSinkActions();
  const [kind, setKind] = useState<SinkKind>('webhook');
  const [formError, setFormError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '');
    const form = {
      kind,
      name: text('name').trim(),
      start: text('start'),
      url: text('url').trim(),
      endpoint: text('endpoint').trim(),
      headers: text('headers'),
      host: text('host'),
      port: text('port'),
      tls: data.get('tls') === 'on',
      ca_pem: text('ca_pem'),
      facility: text('facility'),
      app_name: text('app_name').trim(),
    } as AuditSinkForm;
    const parsed = parseAuditSinkForm(form);
    if (!parsed.ok) return setFormError(parsed.message);
    create.mutate(parsed.body, {
      onSuccess: (saved) => {
        toast(
          saved.secret ? `Sink ${saved.name} added: copy its signing secret now` : `Sink ${saved.name} added`,
        );
        onDone(saved.secret ?? null);
      },
    });
  }

  const field = (name: string) => `${id}-${name}`;
  return (
    <form
      className="grid gap-4 rounded-xl border p-4"
      onSubmit={onSubmit}
      aria-label="Add audit sink"
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={field('name')} label="Name" hint="Lower-case; labels the sink’s metrics.">
          <Input id={field('name')} name="name" autoComplete="off" spellCheck={false} placeholder="splunk" />
        </Field>
        <Field id={field('kind')} label="Kind">
          <Select id={field('kind')} value={kind} onChange={(e) => setKind(e.target.value as SinkKind)}>
            {SINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {kind === 'webhook' && (
        <Field id={field('url')} label="Webhook URL" hint="https://; plain http only to this machine.">
          <Input
            id={field('url')}
            name="url"
            type="url"
            inputMode="url"
            spellCheck={false}
            placeholder="https://siem.example.com/gateway-audit"
          />
        </Field>
      )}
      {kind === 'otlp' && (
        <>
          <Field
            id={field('endpoint')}
            label="Collector endpoint"
            hint="Logs are posted to <endpoint>/v1/logs as OTLP/HTTP JSON."
          >
            <Input
              id={field('endpoint')}
              name="endpoint"
              type="url"
              inputMode="url"
              spellCheck={false}
              placeholder="https://otel-collector.example.com:4318"
            />
          </Field>
          <Field
            id={field('headers')}
            label="Headers (optional)"
            hint="One per line, Name: value. Kept encrypted; never shown again."
          >
            <Textarea
              id={field('headers')}
              name="headers"
              rows={2}
              spellCheck={false}
              className="font-mono text-xs"
              placeholder="Authorization: Bearer …"
            />
          </Field>
        </>
      )}
      {kind === 'syslog' && (
        <>
          <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
            <Field id={field('host')} label="Host">
              <Input id={field('host')} name="host" spellCheck={false} placeholder="siem.example.com" />
            </Field>
            <Field id={field('port')} label="Port">
              <Input id={field('port')} name="port" type="number" min={1} max={65535} defaultValue={6514} />
            </Field>
          </div>
          <label htmlFor={field('tls')} className="flex w-fit cursor-pointer items-center gap-3 text-sm">
            <Checkbox id={field('tls')} name="tls" defaultChecked />
            TLS (required unless the receiver runs on this machine)
          </label>
          <Field
            id={field('ca_pem')}
            label="CA certificate (optional)"
            hint="PEM; leave empty to trust the system’s CAs."
          >
            <Textarea
              id={field('ca_pem')}
              name="ca_pem"
              rows={3}
              spellCheck={false}
              className="font-mono text-xs"
              placeholder="-----BEGIN CERTIFICATE-----"
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={field('facility')} label="Facility" hint="13 is log audit; 16–23 are local0–local7.">
              <Input
                id={field('facility')}
                name="facility"
                type="number"
                min={0}
                max={23}
                defaultValue={13}
              />
            </Field>
            <Field id={field('app_name')} label="App name">
              <Input
                id={field('app_name')}
                name="app_name"
                spellCheck={false}
                defaultValue="clickup-mcp-gateway"
              />
            </Field>
          </div>
        </>
      )}
      <Field id={field('start')} label="Send">
        <Select id={field('start')} name="start" defaultValue="oldest">
          <option value="oldest">Every kept audit event, from the oldest</option>
          <option value="now">Only events recorded from now on</option>
        </Select>
      </Field>
      {(formError || create.error) && (
        <Alert variant="error" role="alert">
          {formError ?? create.error?.message}
        </Alert>
      )}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={() => onDone(null)}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Plus aria-hidden />}
          Add sink
        </Button>
      </div>
    </form>
  );
}

type Pending = { kind: 'remove' | 'rotate'; sink: AuditSink };

function SinkTable({ sinks, onSecret }: { sinks: AuditSink[]; onSecret: (secret: string) => void }) {
  const { change, test, remove } = useAuditSinkActions();
  const [pending, setPending] = useState<Pending | null>(null);

  const columns = useMemo<ColumnDef<AuditSink>[]>(
    () => [
      {
        id: 'sink',
        header: 'Sink',
        cell: ({ row }) => {
          const sink = row.original;
          return (
            <div className="grid gap-2">
              <div className="grid gap-1">
                <span className="font-medium">{sink.name}</span>
                <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <Badge variant="outline">{KIND_LABEL[sink.kind]}</Badge>
                  <span className="break-all font-mono">{destination(sink)}</span>
                </span>
              </div>
              <div className="flex flex-wrap gap-1">
                <Button
                  variant="outline"
                  size="sm"
                  disabled={test.isPending}
                  onClick={() =>
                    test.mutate(sink.id, { onSuccess: () => toast(`Test queued for ${sink.name}`) })
                  }
                >
                  <Send aria-hidden />
                  Test
                </Button>
                <Button
                  variant="outline"
                  size="sm"
                  disabled={change.isPending}
                  onClick={() =>
                    change.mutate(
                      { id: sink.id, body: { paused: !sink.paused } },
                      {
                        onSuccess: () => toast(sink.paused ? `${sink.name} resumed` : `${sink.name} paused`),
                      },
                    )
                  }
                >
                  {sink.paused ? <Play aria-hidden /> : <Pause aria-hidden />}
                  {sink.paused ? 'Resume' : 'Pause'}
                </Button>
                {sink.kind === 'webhook' && (
                  <Button variant="outline" size="sm" onClick={() => setPending({ kind: 'rotate', sink })}>
                    <RotateCcw aria-hidden />
                    Rotate secret
                  </Button>
                )}
                <Button variant="destructive" size="sm" onClick={() => setPending({ kind: 'remove', sink })}>
                  <Trash2 aria-hidden />
                  Delete
                </Button>
              </div>
            </div>
          );
        },
      },
      {
        id: 'state',
        header: 'State',
        cell: ({ row }) => {
          const sink = row.original;
          return (
            <div className="grid justify-items-start gap-1 text-xs">
              <Badge variant={STATE[sink.state].variant}>{STATE[sink.state].label}</Badge>
              {sink.last_error && sink.failures > 0 && (
                <span className="break-words text-destructive">
                  {sink.last_error} ({sink.failures} failed {sink.failures === 1 ? 'attempt' : 'attempts'}
                  {sink.next_attempt_at && (
                    <>
                      , next <TimeAgo iso={sink.next_attempt_at} />
                    </>
                  )}
                  )
                </span>
              )}
              {sink.test.requested_at && (
                <span className="break-words text-muted-foreground">
                  {!sink.test.tested_at
                    ? 'Test waiting for the worker'
                    : sink.test.error
                      ? `Test failed: ${sink.test.error}`
                      : 'Test delivered'}
                </span>
              )}
            </div>
          );
        },
      },
      {
        id: 'lag',
        header: 'Lag',
        cell: ({ row }) => (
          <div className="grid gap-1 text-xs">
            <span data-testid="audit-sink-lag">{lag(row.original)}</span>
            <span className="text-muted-foreground">
              seq {row.original.cursor_seq} of {row.original.head_seq}
            </span>
            <span className="text-muted-foreground">
              last delivery{' '}
              {row.original.delivered_at ? <TimeAgo iso={row.original.delivered_at} /> : 'never'}
            </span>
          </div>
        ),
      },
    ],
    [change, test],
  );

  return (
    <>
      {(test.error || change.error) && <Alert variant="error">{(test.error ?? change.error)?.message}</Alert>}
      <DataTable
        data={sinks}
        columns={columns}
        label="Audit sinks"
        getRowId={(sink) => sink.id}
        rowTestId="audit-sink-row"
        empty={
          <EmptyState icon={RadioTower} title="No audit sinks" className="border-0">
            Add one to stream every audit event to your SIEM.
          </EmptyState>
        }
      />
      <ConfirmDialog
        open={pending?.kind === 'remove'}
        onClose={() => setPending(null)}
        title={`Delete the sink ${pending?.sink.name ?? ''}?`}
        confirmLabel="Delete sink"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          pending &&
          remove.mutate(pending.sink.id, {
            onSuccess: () => {
              toast(`Sink ${pending.sink.name} deleted`);
              setPending(null);
            },
          })
        }
      >
        <p>
          Nothing more is sent to it, and audit retention no longer keeps events for it. Adding it again
          starts a new stream.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'rotate'}
        onClose={() => setPending(null)}
        title={`Rotate the signing secret of ${pending?.sink.name ?? ''}?`}
        confirmLabel="Rotate secret"
        pending={change.isPending}
        error={change.error}
        onConfirm={() =>
          pending &&
          change.mutate(
            { id: pending.sink.id, body: { rotate_secret: true } },
            {
              onSuccess: (saved) => {
                setPending(null);
                if (saved.secret) onSecret(saved.secret);
              },
            },
          )
        }
      >
        <p>
          Batches are signed with the new secret from the next one on. A receiver that checks signatures
          refuses them until it has the new secret; they are retried meanwhile, nothing is lost.
        </p>
      </ConfirmDialog>
    </>
  );
}
