'use client';

import { LoaderCircle, Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { QueryError } from '@/components/common/query-error';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import type { Connection } from '@/features/connections/api/connections.types';
import { useConnections } from '@/features/connections/api/use-connections';
import { describeApproval } from '@/features/mcp-servers/api/approval-policy';
import { useToolPreview } from '@/features/mcp-servers/api/use-mcp-servers';
import { ApprovalPolicyFields } from '@/features/mcp-servers/components/approval-policy-fields';
import { GroupPicker, MethodPicker } from '@/features/mcp-servers/components/filter-pickers';
import {
  draftFrom,
  parseApprovalDraft,
  type ApprovalDraft,
} from '@/features/mcp-servers/schemas/approval-policy.schema';
import { useTeams } from '../api/use-teams';
import type { TeamPolicy } from '../api/teams.types';
import { useSetTeamPolicy, useTeamPolicy } from '../api/use-teams';
import { parseTeamPolicyForm, type TeamPolicyForm } from '../schemas/team-policy.schema';

/** What the team's members may build: an editor for admins, a plain statement for everyone else. */
export function TeamPolicyCard({
  teamId,
  teamName,
  canManage,
}: {
  teamId: string;
  teamName: string;
  canManage: boolean;
}) {
  const id = useId();
  const policy = useTeamPolicy(teamId);
  const connections = useConnections();

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Policy</CardTitle>
        <CardDescription>
          What members of {teamName} may build. Owners and admins are not limited by it.
        </CardDescription>
        {policy.data && (
          <CardAction>
            <Badge variant={policy.data.is_default ? 'secondary' : 'outline'}>
              {policy.data.is_default ? 'Default: read only' : 'Set by an admin'}
            </Badge>
          </CardAction>
        )}
      </CardHeader>
      <CardContent>
        {policy.error ? (
          <QueryError error={policy.error} onRetry={() => void policy.refetch()} />
        ) : !policy.data || !connections.data ? (
          <Skeleton className="h-40 w-full" />
        ) : canManage ? (
          <PolicyEditor
            key={policy.data.updated_at ?? 'default'}
            teamId={teamId}
            policy={policy.data}
            connections={connections.data}
          />
        ) : (
          <PolicyStatement policy={policy.data} connections={connections.data} />
        )}
      </CardContent>
    </Card>
  );
}

function PolicyStatement({ policy, connections }: { policy: TeamPolicy; connections: Connection[] }) {
  const names = new Map(connections.map((c) => [c.id, c.name]));
  const teams = useTeams();
  const all = (list: string[], what: string, label = (v: string) => v) =>
    list.length === 0 ? `All ${what}` : list.map(label).join(', ');
  const rows: [string, string][] = [
    [
      'Connections',
      policy.usable_connection_ids.length
        ? policy.usable_connection_ids.map((c) => names.get(c) ?? c).join(', ')
        : 'None granted yet',
    ],
    ['Workspaces', all(policy.workspace_ids, 'workspaces')],
    ['Methods', all(policy.methods, 'methods')],
    ['Tool groups', all(policy.tags, 'tool groups', (t) => t.replace(/_/g, ' '))],
    ['Pinned to spaces', policy.require_space_pinning ? 'Required' : 'Optional'],
    ['API token as second factor', policy.require_api_token_auth ? 'Required' : 'Optional'],
    ['Expiry', policy.max_expiry_days === null ? 'Any, or none' : `Within ${policy.max_expiry_days} days`],
    [
      'Approval for new servers',
      describeApproval(policy.approval, { team: (id) => teams.data?.find((t) => t.id === id)?.name }),
    ],
  ];
  return (
    <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]" aria-label="Team policy">
      {rows.map(([term, detail]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="font-medium">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

function PolicyEditor({
  teamId,
  policy,
  connections,
}: {
  teamId: string;
  policy: TeamPolicy;
  connections: Connection[];
}) {
  const id = useId();
  const save = useSetTeamPolicy(teamId);
  const [form, setForm] = useState<TeamPolicyForm>({
    connection_ids: policy.connection_ids,
    workspace_ids: policy.workspace_ids,
    tags: policy.tags,
    methods: policy.methods,
    require_space_pinning: policy.require_space_pinning,
    require_api_token_auth: policy.require_api_token_auth,
    max_expiry_days: policy.max_expiry_days === null ? '' : String(policy.max_expiry_days),
  });
  const [approval, setApproval] = useState<ApprovalDraft>(() => draftFrom(policy.approval));
  // The tools a server within this policy could expose: what its default approval can name.
  const exposed = useToolPreview(form.methods, form.tags);
  const [formError, setFormError] = useState<string | null>(null);
  const granted = connections.filter((c) => policy.granted_connection_ids.includes(c.id));
  const workspaces = [...new Map(granted.flatMap((c) => c.workspaces).map((w) => [w.id, w])).values()];
  const set = (patch: Partial<TeamPolicyForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setFormError(null);
  };
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseTeamPolicyForm(form);
    if (!parsed.ok) return setFormError(parsed.message);
    const parsedApproval = parseApprovalDraft(approval, exposed.data?.tools);
    if (!parsedApproval.ok) return setFormError(parsedApproval.message);
    const defaultApproval = parsedApproval.value.mode === 'none' ? null : parsedApproval.value;
    save.mutate(
      { ...parsed.value, approval: defaultApproval },
      {
        onSuccess: () => toast('Policy saved: members’ servers are checked against it'),
      },
    );
  }

  return (
    <form className="grid gap-6" onSubmit={onSubmit} aria-label="Team policy">
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Connections</legend>
        {granted.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No connection is granted to this team yet, so its members cannot create servers. Grant one under
            “Teams with access” on the Connections page.
          </p>
        ) : (
          <>
            <p className="text-sm text-muted-foreground">
              Among the connections granted to the team. None ticked means all of them.
            </p>
            {granted.map((c) => (
              <CheckRow
                key={c.id}
                id={`${id}-connection-${c.id}`}
                label={c.name}
                checked={form.connection_ids.includes(c.id)}
                onChange={(on) => set({ connection_ids: toggle(form.connection_ids, c.id, on) })}
              />
            ))}
          </>
        )}
      </fieldset>
      {workspaces.length > 0 && (
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Workspaces</legend>
          <p className="text-sm text-muted-foreground">
            None ticked means every workspace of those connections.
          </p>
          {workspaces.map((w) => (
            <CheckRow
              key={w.id}
              id={`${id}-workspace-${w.id}`}
              label={`${w.name} (${w.id})`}
              checked={form.workspace_ids.includes(w.id)}
              onChange={(on) => set({ workspace_ids: toggle(form.workspace_ids, w.id, on) })}
            />
          ))}
        </fieldset>
      )}
      <section className="grid gap-2" aria-labelledby={`${id}-methods`}>
        <h3 id={`${id}-methods`} className="text-sm font-medium">
          Methods
        </h3>
        <MethodPicker value={form.methods} onChange={(methods) => set({ methods })} />
      </section>
      <section className="grid gap-2" aria-labelledby={`${id}-groups`}>
        <h3 id={`${id}-groups`} className="text-sm font-medium">
          Tool groups
        </h3>
        <GroupPicker value={form.tags} onChange={(tags) => set({ tags })} />
      </section>
      <div className="grid gap-2">
        <CheckRow
          id={`${id}-pinning`}
          label="Require pinning servers to spaces"
          checked={form.require_space_pinning}
          onChange={(on) => set({ require_space_pinning: on })}
        />
        <CheckRow
          id={`${id}-auth`}
          label="Require an API token as second factor"
          checked={form.require_api_token_auth}
          onChange={(on) => set({ require_api_token_auth: on })}
        />
      </div>
      <Field
        id={`${id}-expiry`}
        label="Maximum expiry (days)"
        hint="Empty: members may make servers that never expire."
        className="max-w-60"
      >
        <Input
          id={`${id}-expiry`}
          inputMode="numeric"
          value={form.max_expiry_days}
          onChange={(e) => set({ max_expiry_days: e.target.value })}
        />
      </Field>
      <section className="grid gap-2" aria-labelledby={`${id}-approval-title`}>
        <h3 id={`${id}-approval-title`} className="text-sm font-medium">
          Approval for new servers
        </h3>
        <p className="text-sm text-muted-foreground">
          A server created for this team starts with this approval policy unless its creator picks another.
        </p>
        <ApprovalPolicyFields
          id={`${id}-approval`}
          value={approval}
          onChange={(patch) => {
            setApproval((a) => ({ ...a, ...patch }));
            setFormError(null);
          }}
          tools={exposed.data?.tools}
        />
      </section>
      {(formError || save.error) && (
        <Alert variant="error" role="alert">
          {formError ?? save.error?.message}
        </Alert>
      )}
      <div className="flex justify-end border-t pt-5">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Save aria-hidden />}
          Save policy
        </Button>
      </div>
    </form>
  );
}

function CheckRow({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label htmlFor={id} className="flex cursor-pointer items-center gap-3 text-sm">
      <Checkbox id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
