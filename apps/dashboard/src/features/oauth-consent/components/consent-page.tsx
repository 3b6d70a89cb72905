'use client';

import { Bot, LoaderCircle, ShieldCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import { Brand } from '@/components/app-shell/brand';
import { QueryView } from '@/components/common/query-view';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { RequireSession } from '@/features/auth/components/require-session';
import { useConsentDecision, useConsentRequest, type ConsentRequest } from '../api/oauth-consent';

/**
 * The consent page an MCP client's sign-in lands on: for a signed-in person (anyone else signs in first), what
 * the client asks to do and on which MCP server, with Allow and Deny.
 */
export function ConsentPage({ uid }: { uid: string }) {
  return (
    <RequireSession>
      {() => (
        <div className="flex min-h-svh flex-col items-center gap-8 bg-gradient-to-b from-accent/40 to-background px-4 py-12">
          <Brand />
          <main className="w-full max-w-xl">
            <ConsentCard uid={uid} />
          </main>
        </div>
      )}
    </RequireSession>
  );
}

function ConsentCard({ uid }: { uid: string }) {
  const request = useConsentRequest(uid);
  return (
    <QueryView query={request} placeholder={<Skeleton className="h-96 w-full" />}>
      {(data) => <ConsentDetails request={data} />}
    </QueryView>
  );
}

function ConsentDetails({ request }: { request: ConsentRequest }) {
  const decide = useConsentDecision(request.uid);
  const { client, server } = request;
  const clientLabel = client.name ?? client.host ?? 'An MCP client';
  const busy = decide.isPending || decide.isSuccess;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="flex items-center gap-2 text-xl">
          <Bot aria-hidden className="size-5" />
          Let {clientLabel} use {server.name}?
        </CardTitle>
        <CardDescription>
          It will call ClickUp tools as you, {request.signed_in_as.email}, and every call is recorded under
          your name in the audit log.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5 text-sm">
        <section aria-labelledby="consent-client" className="grid gap-2">
          <h2 id="consent-client" className="font-semibold">
            The MCP client
          </h2>
          <Facts>
            <Fact label="Name it gives">{client.name ?? 'None given'}</Fact>
            <Fact label={client.kind === 'metadata_document' ? 'Published at' : 'Registered id'}>
              <span className="break-all font-mono text-xs">
                {client.kind === 'metadata_document' ? client.host : client.id}
              </span>
            </Fact>
            <Fact label="Returns to">
              <span className="break-all font-mono text-xs">{client.redirect_host}</span>
            </Fact>
          </Facts>
        </section>
        <section aria-labelledby="consent-server" className="grid gap-2">
          <h2 id="consent-server" className="font-semibold">
            What it may reach
          </h2>
          <Facts>
            <Fact label="MCP server">{server.name}</Fact>
            <Fact label="Workspace">{server.workspace_name ?? server.workspace_id}</Fact>
            <Fact label="Spaces">
              <List values={server.space_ids} all="Every space of the workspace" mono />
            </Fact>
            <Fact label="Methods">
              <List values={server.methods} all="Every method (read and write)" />
            </Fact>
            <Fact label="Tool groups">
              <List values={server.tool_groups} all="Every tool group" />
            </Fact>
          </Facts>
        </section>
        {!request.allowed && (
          <Alert variant="error" role="alert" title="You cannot allow this">
            {request.refusal}
          </Alert>
        )}
        {decide.error && (
          <Alert variant="error" role="alert">
            {decide.error.message}
          </Alert>
        )}
        <p className="flex items-center gap-2 text-xs text-muted-foreground">
          <ShieldCheck aria-hidden className="size-4" />
          You can disconnect it at any time under Connected agents.
        </p>
      </CardContent>
      <CardFooter className="flex justify-end gap-2">
        <Button variant="outline" disabled={busy} onClick={() => decide.mutate('deny')}>
          {request.allowed ? 'Deny' : 'Return to the client'}
        </Button>
        {request.allowed && (
          <Button disabled={busy} onClick={() => decide.mutate('allow')}>
            {busy && <LoaderCircle aria-hidden className="animate-spin" />}
            Allow
          </Button>
        )}
      </CardFooter>
    </Card>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-2">{children}</dl>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function List({ values, all, mono = false }: { values: string[]; all: string; mono?: boolean }) {
  if (values.length === 0) return <span>{all}</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {values.map((value) => (
        <Badge key={value} variant="secondary" className={mono ? 'font-mono' : undefined}>
          {value}
        </Badge>
      ))}
    </span>
  );
}
