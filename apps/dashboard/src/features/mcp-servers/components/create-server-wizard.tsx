'use client';

import { ArrowLeft, ArrowRight, Check, LoaderCircle, Plus } from 'lucide-react';
import Link from 'next/link';
import { useId, useState, type ReactNode } from 'react';
import { PageHeader } from '@/components/common/page-header';
import { QueryError } from '@/components/common/query-error';
import { Alert } from '@/components/ui/alert';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/api/use-session';
import { useConnections, useSpaces } from '@/features/connections/api/use-connections';
import { expiryAllowed, methodAllowed, policyProblems, tagAllowed } from '@/features/teams/api/policy-limits';
import type { TeamPolicy } from '@/features/teams/api/teams.types';
import { useTeamPolicy, useTeams } from '@/features/teams/api/use-teams';
import { cn } from '@/lib/utils';
import { describeConfig } from '../api/config-summary';
import { EXPIRY_OPTIONS, expiresAt, type ExpiryChoice } from '@/lib/expiry';
import type { CatalogMode, CreatedMcpServer } from '../api/mcp-servers.types';
import { useCreateServer, useToolPreview } from '../api/use-mcp-servers';
import { describeApproval } from '../api/approval-policy';
import { draftFrom, parseApprovalDraft, type ApprovalDraft } from '../schemas/approval-policy.schema';
import { ApprovalPolicyFields } from './approval-policy-fields';
import { GroupPicker, MethodPicker, SpacePicker } from './filter-pickers';
import { AccessModeFields, ACCESS_LABELS, type AccessDraft } from './access-mode-fields';
import { ServerUrlPanel } from './server-url-panel';
import { SignInUrlPanel } from './sign-in-url-panel';
import { CatalogModeSwitch } from './catalog-mode-switch';
import { ToolPreview } from './tool-preview';
import { WorkspaceObjectsSwitch } from './workspace-objects-switch';
import { ExpiryDateField } from '@/components/common/expiry-date-field';

const STEPS = [
  { id: 'connection', title: 'Connection' },
  { id: 'workspace', title: 'Workspace' },
  { id: 'spaces', title: 'Spaces' },
  { id: 'methods', title: 'Methods' },
  { id: 'groups', title: 'Tool groups' },
  { id: 'auth', title: 'Access' },
  { id: 'approval', title: 'Approval' },
  { id: 'expiry', title: 'Expiry' },
] as const;

interface Draft {
  name: string;
  teamId: string;
  connectionId: string;
  workspaceId: string;
  spaceIds: string[];
  methods: string[];
  tags: string[];
  requireApiToken: boolean;
  access: Omit<AccessDraft, 'requireApiToken'>;
  allowWorkspaceObjects: boolean;
  catalog: CatalogMode;
  /** Starts as the team policy's default when the step is first shown; edited from there. */
  approval: ApprovalDraft | null;
  expiry: ExpiryChoice;
  expiryDate: string;
}

const EMPTY: Draft = {
  name: '',
  teamId: '',
  connectionId: '',
  workspaceId: '',
  spaceIds: [],
  methods: [],
  tags: [],
  requireApiToken: false,
  access: { accessMode: 'url', clickupAccount: 'connection', signInUserIds: [], signInTeamIds: [] },
  allowWorkspaceObjects: false,
  catalog: 'full',
  approval: null,
  expiry: 'never',
  expiryDate: '',
};

export function CreateServerWizard() {
  const [created, setCreated] = useState<CreatedMcpServer | null>(null);
  if (created) return <CreatedScreen server={created} />;
  return <Wizard onCreated={setCreated} />;
}

function Wizard({ onCreated }: { onCreated: (server: CreatedMcpServer) => void }) {
  const id = useId();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [stepError, setStepError] = useState<string | null>(null);
  const session = useSession();
  const connections = useConnections();
  const teams = useTeams();
  const create = useCreateServer();
  const isMember = session.data?.user.role === 'member';
  // A member builds within its team's policy; owners and admins are not limited by one. Anyone's new server starts
  // with the team's default approval policy.
  const policy = useTeamPolicy(draft.teamId || undefined);
  const limits = isMember ? policy.data : undefined;
  const reach = { pinned: draft.spaceIds.length > 0, allowWorkspaceObjects: draft.allowWorkspaceObjects };
  const exposed = useToolPreview(draft.methods, draft.tags, { reach, catalog: draft.catalog });
  const approval = draft.approval ?? draftFrom(policy.data?.approval);
  const offeredConnections = (connections.data ?? []).filter(
    (c) => !isMember || (limits?.usable_connection_ids.includes(c.id) ?? false),
  );
  const connection = offeredConnections.find((c) => c.id === draft.connectionId);
  const spaces = useSpaces(draft.connectionId || undefined, draft.workspaceId || undefined);

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStepError(null);
  };

  function problem(index: number): string | null {
    const current = STEPS[index].id;
    if (current === 'connection') {
      if (!draft.name.trim()) return 'Give the server a name.';
      if (isMember && !draft.teamId) return 'Pick the team that owns the server.';
      if (!draft.connectionId) return 'Pick the ClickUp connection the server acts through.';
    }
    if (current === 'workspace' && !draft.workspaceId) return 'Pick a workspace.';
    if (current === 'approval') {
      const parsed = parseApprovalDraft(approval, exposed.data?.tools);
      if (!parsed.ok) return parsed.message;
    }
    let expiry: string | null = null;
    if (current === 'expiry') {
      try {
        expiry = expiresAt(draft.expiry, draft.expiryDate);
      } catch (error) {
        return (error as Error).message;
      }
    }
    if (limits) {
      const problems = policyProblems(limits, {
        connectionId: draft.connectionId,
        workspaceId: draft.workspaceId,
        spaceIds: draft.spaceIds,
        methods: draft.methods,
        tags: draft.tags,
        requireApiToken: draft.requireApiToken,
        accessMode: draft.access.accessMode,
        expiresAt: expiry,
      }).filter(
        (p) => p.field === current || (current === 'groups' && p.field === 'tags') || current === 'expiry',
      );
      if (problems.length > 0) return problems.map((p) => p.message).join(' ');
    }
    return null;
  }

  /** Starts a member's choices inside its team's policy, so the defaults are never refused. */
  function startWithin(policy: TeamPolicy) {
    const longest = EXPIRY_OPTIONS.filter((o) => o.value !== 'custom' && o.value !== 'never')
      .filter((o) => expiryAllowed(policy, Number(o.value)))
      .at(-1);
    setDraft((d) => ({
      ...d,
      methods: d.methods.length === 0 ? policy.methods : d.methods,
      tags: d.tags.length === 0 ? policy.tags : d.tags,
      requireApiToken: d.requireApiToken || policy.require_api_token_auth,
      expiry:
        policy.max_expiry_days !== null && d.expiry === 'never' ? (longest?.value ?? 'custom') : d.expiry,
    }));
  }

  function next() {
    const found = problem(step);
    if (found) return setStepError(found);
    if (step < STEPS.length - 1) {
      if (step === 0 && limits) startWithin(limits);
      if (STEPS[step + 1].id === 'approval' && !draft.approval) update({ approval });
      setStep(step + 1);
      return;
    }
    const parsedApproval = parseApprovalDraft(approval, exposed.data?.tools);
    if (!parsedApproval.ok) return setStepError(parsedApproval.message);
    create.mutate(
      {
        connectionId: draft.connectionId,
        name: draft.name.trim(),
        workspace_id: draft.workspaceId,
        space_ids: draft.spaceIds,
        ...(draft.teamId ? { team_id: draft.teamId } : {}),
        config: {
          methods: draft.methods,
          tags: draft.tags,
          require_api_token_auth: draft.access.accessMode !== 'sign_in' && draft.requireApiToken,
          allow_workspace_objects: draft.spaceIds.length > 0 && draft.allowWorkspaceObjects,
          access_mode: draft.access.accessMode,
          clickup_account: draft.access.clickupAccount,
          catalog: draft.catalog,
          sign_in_user_ids: draft.access.signInUserIds,
          sign_in_team_ids: draft.access.signInTeamIds,
          approval: parsedApproval.value,
        },
        ...(draft.expiry === 'never'
          ? {}
          : { expires_at: expiresAt(draft.expiry, draft.expiryDate) as string }),
      },
      { onSuccess: onCreated },
    );
  }

  if (connections.error)
    return <QueryError error={connections.error} onRetry={() => void connections.refetch()} />;
  if (!connections.data) return <Skeleton className="h-96 w-full" />;
  if (connections.data.length === 0) {
    return (
      <div className="mx-auto grid max-w-3xl gap-6">
        <PageHeader title="Create an MCP server" />
        {isMember ? (
          <Alert title="No connection for your teams yet">
            A server acts through a ClickUp connection, and members use only the connections an admin granted
            to their team. Ask an admin to grant one to your team.
          </Alert>
        ) : (
          <Alert title="Connect ClickUp first">
            A server acts through a ClickUp connection.{' '}
            <Link href="/connections" className="underline">
              Add one
            </Link>{' '}
            on the Connections page.
          </Alert>
        )}
      </div>
    );
  }

  const current = STEPS[step];
  const last = step === STEPS.length - 1;

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <PageHeader
        title="Create an MCP server"
        description="An MCP server scoped to one workspace, some spaces and a set of tools, reached by a secret URL or by signing in."
        actions={
          <Link href="/servers" className={buttonVariants({ variant: 'outline' })}>
            Cancel
          </Link>
        }
      />
      <ol className="flex flex-wrap gap-2" aria-label="Steps">
        {STEPS.map((s, index) => (
          <li key={s.id}>
            <button
              type="button"
              disabled={index > step}
              onClick={() => setStep(index)}
              aria-current={index === step ? 'step' : undefined}
              className={cn(
                'flex items-center gap-2 rounded-full border px-3 py-1 text-xs font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50',
                index === step && 'border-primary bg-primary text-primary-foreground',
                index < step && 'bg-accent text-accent-foreground hover:bg-accent/70',
                index > step && 'text-muted-foreground',
              )}
            >
              <span aria-hidden className="tabular-nums">
                {index < step ? <Check className="size-3" /> : index + 1}
              </span>
              {s.title}
            </button>
          </li>
        ))}
      </ol>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            next();
          }}
        >
          <Card aria-labelledby={`${id}-step`}>
            <CardHeader>
              <CardTitle id={`${id}-step`}>
                Step {step + 1} of {STEPS.length}: {current.title}
              </CardTitle>
              <CardDescription>{describeStep(current.id)}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-5">
              {current.id === 'connection' && (
                <>
                  <Field
                    id={`${id}-name`}
                    label="Server name"
                    hint="Who or what will use it, e.g. “Support agent”."
                  >
                    <Input
                      id={`${id}-name`}
                      value={draft.name}
                      maxLength={200}
                      onChange={(e) => update({ name: e.target.value })}
                      autoFocus
                    />
                  </Field>
                  {(teams.data?.length ?? 0) > 0 && (
                    <Field
                      id={`${id}-team`}
                      label={isMember ? 'Team' : 'Team (optional)'}
                      hint={
                        isMember
                          ? 'Members of the team can see and manage the server; its policy decides what you can build.'
                          : 'Members of the team can see and manage the server.'
                      }
                    >
                      <Select
                        id={`${id}-team`}
                        value={draft.teamId}
                        onChange={(e) =>
                          update({ teamId: e.target.value, connectionId: '', workspaceId: '' })
                        }
                      >
                        <option value="">{isMember ? 'Pick a team' : 'No team'}</option>
                        {teams.data?.map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  )}
                  {isMember && !draft.teamId ? (
                    <p className="text-sm text-muted-foreground">
                      Pick your team first: its policy decides which connections you can use.
                    </p>
                  ) : isMember && policy.error ? (
                    <QueryError error={policy.error} onRetry={() => void policy.refetch()} />
                  ) : isMember && !limits ? (
                    <Skeleton className="h-24 w-full" />
                  ) : offeredConnections.length === 0 ? (
                    <Alert title="No connection for this team">
                      No ClickUp connection is granted to this team yet. Ask an admin to grant one on the
                      Connections page.
                    </Alert>
                  ) : (
                    <Choice
                      legend="ClickUp connection"
                      name="connection"
                      value={draft.connectionId}
                      onChange={(connectionId) => {
                        const picked = offeredConnections.find((c) => c.id === connectionId);
                        const workspaces = (picked?.workspaces ?? []).filter(
                          (w) => !limits?.workspace_ids.length || limits.workspace_ids.includes(w.id),
                        );
                        update({
                          connectionId,
                          workspaceId: workspaces.length === 1 ? workspaces[0].id : '',
                          spaceIds: [],
                        });
                      }}
                      options={offeredConnections.map((c) => ({
                        value: c.id,
                        label: c.name,
                        hint: `${c.clickup_user.username ?? 'ClickUp user'} · ${c.workspaces.length} workspace${c.workspaces.length === 1 ? '' : 's'}`,
                      }))}
                    />
                  )}
                  {limits && <PolicyNote policy={limits} />}
                </>
              )}
              {current.id === 'workspace' && connection && (
                <Choice
                  legend="Workspace"
                  name="workspace"
                  value={draft.workspaceId}
                  onChange={(workspaceId) => update({ workspaceId, spaceIds: [] })}
                  options={connection.workspaces.map((w) => {
                    const disabled = Boolean(
                      limits?.workspace_ids.length && !limits.workspace_ids.includes(w.id),
                    );
                    return {
                      value: w.id,
                      label: w.name,
                      hint: disabled ? `${w.id} · Not allowed by your team’s policy` : w.id,
                      disabled,
                    };
                  })}
                />
              )}
              {current.id === 'spaces' && limits?.require_space_pinning && (
                <Alert>Your team’s policy requires pinning the server to at least one space.</Alert>
              )}
              {current.id === 'spaces' && (
                <>
                  <SpacePicker
                    spaces={spaces.data}
                    loading={spaces.isPending}
                    error={spaces.error}
                    value={draft.spaceIds}
                    onChange={(spaceIds) => update({ spaceIds })}
                  />
                  {draft.spaceIds.length > 0 && (
                    <WorkspaceObjectsSwitch
                      id={`${id}-workspace-objects`}
                      checked={draft.allowWorkspaceObjects}
                      onChange={(allowWorkspaceObjects) => update({ allowWorkspaceObjects })}
                    />
                  )}
                </>
              )}
              {current.id === 'methods' && (
                <MethodPicker
                  value={draft.methods}
                  onChange={(methods) => update({ methods })}
                  allowed={limits && ((m) => methodAllowed(limits, m))}
                />
              )}
              {current.id === 'groups' && (
                <>
                  <GroupPicker
                    value={draft.tags}
                    onChange={(tags) => update({ tags })}
                    allowed={limits && ((t) => tagAllowed(limits, t))}
                  />
                  <CatalogModeSwitch
                    id={`${id}-catalog`}
                    value={draft.catalog}
                    onChange={(catalog) => update({ catalog })}
                  />
                </>
              )}
              {current.id === 'auth' && (
                <AccessModeFields
                  id={id}
                  value={{ ...draft.access, requireApiToken: draft.requireApiToken }}
                  onChange={({ requireApiToken, ...access }) =>
                    update({
                      access: { ...draft.access, ...access },
                      ...(requireApiToken === undefined ? {} : { requireApiToken }),
                    })
                  }
                  policyRequiresApiToken={limits?.require_api_token_auth}
                />
              )}
              {current.id === 'approval' && (
                <ApprovalPolicyFields
                  id={`${id}-approval`}
                  value={approval}
                  onChange={(patch) => update({ approval: { ...approval, ...patch } })}
                  tools={exposed.data?.tools}
                />
              )}
              {current.id === 'expiry' && (
                <>
                  <Choice
                    legend="The URL stops working"
                    name="expiry"
                    value={draft.expiry}
                    onChange={(expiry) => update({ expiry: expiry as ExpiryChoice })}
                    options={EXPIRY_OPTIONS.map((o) => {
                      const days = o.value === 'never' ? null : o.value === 'custom' ? 0 : Number(o.value);
                      const disabled = !expiryAllowed(limits, days);
                      return {
                        value: o.value,
                        label: o.label,
                        hint: disabled
                          ? 'Not allowed by your team’s policy'
                          : o.value === 'custom' && limits?.max_expiry_days
                            ? `At most ${limits.max_expiry_days} days ahead`
                            : undefined,
                        disabled,
                      };
                    })}
                    columns
                  />
                  {draft.expiry === 'custom' && (
                    <ExpiryDateField
                      id={`${id}-date`}
                      value={draft.expiryDate}
                      onChange={(value) => update({ expiryDate: value })}
                      className="w-48"
                    />
                  )}
                  <Summary
                    draft={draft}
                    approval={approvalSummary(
                      approval,
                      (teamId) => teams.data?.find((t) => t.id === teamId)?.name,
                    )}
                    workspaceName={connection?.workspaces.find((w) => w.id === draft.workspaceId)?.name}
                    connectionName={connection?.name}
                    spaceNames={(spaces.data ?? [])
                      .filter((s) => draft.spaceIds.includes(s.id))
                      .map((s) => s.name)}
                  />
                </>
              )}
              {(stepError || create.error) && (
                <Alert variant="error" role="alert">
                  {stepError ?? create.error?.message}
                </Alert>
              )}
              <div className="flex justify-between gap-2 border-t pt-5">
                <Button variant="outline" disabled={step === 0} onClick={() => setStep(step - 1)}>
                  <ArrowLeft aria-hidden />
                  Back
                </Button>
                <Button type="submit" disabled={create.isPending}>
                  {create.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
                  {last ? (
                    <>
                      {!create.isPending && <Plus aria-hidden />}
                      Create server
                    </>
                  ) : (
                    <>
                      Next
                      <ArrowRight aria-hidden />
                    </>
                  )}
                </Button>
              </div>
            </CardContent>
          </Card>
        </form>
        <ToolPreview
          methods={draft.methods}
          tags={draft.tags}
          reach={reach}
          catalog={draft.catalog}
          className="lg:sticky lg:top-20"
        />
      </div>
    </div>
  );
}

function describeStep(step: (typeof STEPS)[number]['id']): string {
  switch (step) {
    case 'connection':
      return 'Name the server and pick the ClickUp account it acts through.';
    case 'workspace':
      return 'The ClickUp workspace agents will work in.';
    case 'spaces':
      return 'Optionally limit the server to some spaces of the workspace.';
    case 'methods':
      return 'Read-only, or also write. The preview shows what each choice exposes.';
    case 'groups':
      return 'Tasks, comments, docs… Fewer groups means a smaller tool list for the agent.';
    case 'auth':
      return 'A secret URL, sign-in as a person (every call then names them), or both.';
    case 'approval':
      return 'Which calls wait for a person to approve them before they run, and who decides.';
    case 'expiry':
      return 'A server that expires stops working by itself. Check the summary, then create it.';
  }
}

function Choice({
  legend,
  name,
  value,
  options,
  onChange,
  columns,
}: {
  legend: string;
  name: string;
  value: string;
  options: { value: string; label: string; hint?: string; disabled?: boolean }[];
  onChange: (value: string) => void;
  columns?: boolean;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className={cn('grid gap-2', columns && 'sm:grid-cols-3')}>
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              'flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm transition-colors hover:bg-accent/50',
              value === option.value && 'border-primary/50 bg-accent/40',
              option.disabled && 'cursor-not-allowed opacity-60 hover:bg-transparent',
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              disabled={option.disabled}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="mt-0.5 size-4 accent-primary"
            />
            <span className="grid gap-0.5">
              <span className="font-medium">{option.label}</span>
              {option.hint && <span className="text-xs text-muted-foreground">{option.hint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** What the team's policy holds a member to, before the member runs into it. */
function PolicyNote({ policy }: { policy: TeamPolicy }) {
  const rules = [
    policy.methods.length > 0 && `methods: ${policy.methods.join(', ')}`,
    policy.tags.length > 0 && `tool groups: ${policy.tags.map((t) => t.replace(/_/g, ' ')).join(', ')}`,
    policy.require_space_pinning && 'pinned to spaces',
    policy.require_api_token_auth && 'an API token as second factor',
    policy.max_expiry_days !== null && `an expiry within ${policy.max_expiry_days} days`,
  ].filter(Boolean);
  return (
    <Alert title={policy.is_default ? 'Your team has the default policy' : 'Your team’s policy'}>
      {policy.is_default
        ? 'Until an admin sets a policy for your team, its servers can only read ClickUp.'
        : rules.length > 0
          ? `Servers of your team need ${rules.join('; ')}. Options outside it are unavailable.`
          : 'Your team may build any server on its connections.'}
    </Alert>
  );
}

function Summary({
  draft,
  approval,
  connectionName,
  workspaceName,
  spaceNames,
}: {
  draft: Draft;
  approval: string;
  connectionName?: string;
  workspaceName?: string;
  spaceNames: string[];
}) {
  const rows: [string, ReactNode][] = [
    ['Name', draft.name],
    ['Connection', connectionName],
    ['Workspace', workspaceName],
    ['Spaces', spaceNames.length ? spaceNames.join(', ') : 'All spaces'],
    ...(draft.spaceIds.length > 0
      ? [
          ['Goals', draft.allowWorkspaceObjects ? 'Allowed' : 'Left out (pinned to spaces)'] as [
            string,
            ReactNode,
          ],
        ]
      : []),
    ['Tools', describeConfig({ methods: draft.methods, tags: draft.tags })],
    ['Access', ACCESS_LABELS[draft.access.accessMode]],
    ...(draft.access.accessMode === 'sign_in'
      ? [
          [
            'ClickUp account',
            draft.access.clickupAccount === 'caller' ? 'Each person’s own' : 'The server’s connection',
          ] as [string, ReactNode],
        ]
      : []),
    ...(draft.access.accessMode === 'sign_in'
      ? []
      : [['API token required', draft.requireApiToken ? 'Yes' : 'No'] as [string, ReactNode]]),
    ['Approval', approval],
  ];
  return (
    <dl
      className="grid gap-2 rounded-lg border bg-muted/30 p-4 text-sm sm:grid-cols-[10rem_1fr]"
      aria-label="Summary"
    >
      {rows.map(([term, detail]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="font-medium">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

function approvalSummary(draft: ApprovalDraft, team: (id: string) => string | undefined): string {
  const parsed = parseApprovalDraft(draft);
  return parsed.ok ? describeApproval(parsed.value, { team }) : 'Not valid yet: see the Approval step';
}

function CreatedScreen({ server }: { server: CreatedMcpServer }) {
  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            <span className="flex size-7 items-center justify-center rounded-full bg-success/15 text-success">
              <Check aria-hidden className="size-4" />
            </span>
            {server.name} is ready
          </span>
        }
        description={describeConfig(server.config)}
        actions={
          <Link href={`/servers/${server.id}`} className={buttonVariants({ variant: 'outline' })}>
            Go to the server
          </Link>
        }
      />
      {server.url && (
        <Card>
          <CardContent>
            <ServerUrlPanel url={server.url} requireApiToken={server.config.require_api_token_auth} />
          </CardContent>
        </Card>
      )}
      {server.sign_in_url && (
        <Card>
          <CardContent>
            <SignInUrlPanel url={server.sign_in_url} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
