'use client';

import { LoaderCircle, Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useSession } from '@/features/auth/api/use-session';
import { useSpaces } from '@/features/connections/api/use-connections';
import { expiryAllowed, methodAllowed, policyProblems, tagAllowed } from '@/features/teams/api/policy-limits';
import { useTeamPolicy } from '@/features/teams/api/use-teams';
import { formatDateTime } from '@/lib/format';
import { EXPIRY_OPTIONS, expiresAt, type ExpiryChoice } from '@/lib/expiry';
import type { McpServer, UpdateServerInput } from '../api/mcp-servers.types';
import { useUpdateServer } from '../api/use-mcp-servers';
import { GroupPicker, MethodPicker, SpacePicker } from './filter-pickers';
import { ToolPreview } from './tool-preview';
import { WorkspaceObjectsSwitch } from './workspace-objects-switch';
import { ExpiryDateField } from '@/components/common/expiry-date-field';

/** Edits what a live server exposes; the change reaches its MCP URL within a second. */
export function ServerSettingsForm({ server }: { server: McpServer }) {
  const id = useId();
  const [name, setName] = useState(server.name);
  const [methods, setMethods] = useState(server.config.methods);
  const [tags, setTags] = useState(server.config.tags);
  const [spaceIds, setSpaceIds] = useState(server.space_ids);
  const [requireApiToken, setRequireApiToken] = useState(server.config.require_api_token_auth);
  const [allowWorkspaceObjects, setAllowWorkspaceObjects] = useState(server.config.allow_workspace_objects);
  const [expiry, setExpiry] = useState<ExpiryChoice | 'keep'>('keep');
  const [expiryDate, setExpiryDate] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const spaces = useSpaces(server.connection_id, server.workspace_id);
  const update = useUpdateServer(server.id);
  const session = useSession();
  // A member edits within its team's policy: the api refuses a result wider than it.
  const isMember = session.data?.user.role === 'member';
  const policy = useTeamPolicy(isMember && server.team_id ? server.team_id : undefined);
  const limits = isMember ? policy.data : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const body: UpdateServerInput = {
      name: name.trim(),
      space_ids: spaceIds,
      config: {
        methods,
        tags,
        require_api_token_auth: requireApiToken,
        // Sent only when it changed: a member keeps what an admin allowed without being asked to allow it again.
        ...(allowWorkspaceObjects === server.config.allow_workspace_objects
          ? {}
          : { allow_workspace_objects: allowWorkspaceObjects }),
      },
    };
    if (expiry !== 'keep') {
      try {
        body.expires_at = expiresAt(expiry, expiryDate);
      } catch (error) {
        setFormError((error as Error).message);
        return;
      }
    }
    if (limits) {
      const problems = policyProblems(limits, {
        connectionId: server.connection_id,
        workspaceId: server.workspace_id,
        spaceIds,
        methods,
        tags,
        requireApiToken,
        expiresAt: body.expires_at === undefined ? server.expires_at : body.expires_at,
      });
      if (problems.length > 0) {
        setFormError(problems.map((p) => p.message).join(' '));
        return;
      }
    }
    update.mutate(body, {
      onSuccess: () => {
        setExpiry('keep');
        toast('Server updated: agents see the change within a second');
      },
    });
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <form onSubmit={onSubmit}>
        <Card aria-labelledby={`${id}-title`}>
          <CardHeader>
            <CardTitle id={`${id}-title`}>Filters and scope</CardTitle>
            <CardDescription>What agents using this URL can see and do.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <Field id={`${id}-name`} label="Name">
              <Input
                id={`${id}-name`}
                value={name}
                maxLength={200}
                required
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <section className="grid gap-2" aria-labelledby={`${id}-methods`}>
              <h3 id={`${id}-methods`} className="text-sm font-medium">
                Methods
              </h3>
              <MethodPicker
                value={methods}
                onChange={setMethods}
                allowed={limits && ((m) => methodAllowed(limits, m))}
              />
            </section>
            <section className="grid gap-2" aria-labelledby={`${id}-groups`}>
              <h3 id={`${id}-groups`} className="text-sm font-medium">
                Tool groups
              </h3>
              <GroupPicker
                value={tags}
                onChange={setTags}
                allowed={limits && ((t) => tagAllowed(limits, t))}
              />
            </section>
            <section className="grid gap-2" aria-labelledby={`${id}-spaces`}>
              <h3 id={`${id}-spaces`} className="text-sm font-medium">
                Spaces
              </h3>
              <SpacePicker
                spaces={spaces.data}
                loading={spaces.isPending}
                error={spaces.error}
                value={spaceIds}
                onChange={setSpaceIds}
              />
              {spaceIds.length > 0 && (
                <WorkspaceObjectsSwitch
                  id={`${id}-workspace-objects`}
                  checked={allowWorkspaceObjects}
                  onChange={setAllowWorkspaceObjects}
                />
              )}
            </section>
            <label htmlFor={`${id}-auth`} className="flex cursor-pointer items-start gap-3 text-sm">
              <Checkbox
                id={`${id}-auth`}
                className="mt-0.5"
                checked={requireApiToken}
                disabled={limits?.require_api_token_auth && requireApiToken}
                onChange={(e) => setRequireApiToken(e.target.checked)}
              />
              <span className="grid gap-0.5">
                <span className="font-medium">
                  Also require an API token
                  {limits?.require_api_token_auth && ' (required by your team’s policy)'}
                </span>
                <span className="text-muted-foreground">
                  Clients must send Authorization: Bearer cgw_… as well.
                </span>
              </span>
            </label>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                id={`${id}-expiry`}
                label="Expiry"
                hint={server.expires_at ? `Now: ${formatDateTime(server.expires_at)}` : 'Now: never expires'}
              >
                <Select
                  id={`${id}-expiry`}
                  value={expiry}
                  onChange={(e) => setExpiry(e.target.value as ExpiryChoice | 'keep')}
                >
                  <option value="keep">Keep as it is</option>
                  {EXPIRY_OPTIONS.map((o) => {
                    const days = o.value === 'never' ? null : o.value === 'custom' ? 0 : Number(o.value);
                    const allowed = expiryAllowed(limits, days);
                    return (
                      <option key={o.value} value={o.value} disabled={!allowed}>
                        {o.value === 'never' ? 'Never expire' : o.label}
                        {!allowed && ' (not allowed by your team’s policy)'}
                      </option>
                    );
                  })}
                </Select>
              </Field>
              {expiry === 'custom' && (
                <ExpiryDateField id={`${id}-date`} value={expiryDate} onChange={setExpiryDate} />
              )}
            </div>
            {(formError || update.error) && (
              <Alert variant="error" role="alert">
                {formError ?? update.error?.message}
              </Alert>
            )}
            <div className="flex justify-end border-t pt-5">
              <Button type="submit" disabled={update.isPending}>
                {update.isPending ? (
                  <LoaderCircle aria-hidden className="animate-spin" />
                ) : (
                  <Save aria-hidden />
                )}
                Save changes
              </Button>
            </div>
          </CardContent>
        </Card>
      </form>
      <ToolPreview
        methods={methods}
        tags={tags}
        reach={{ pinned: spaceIds.length > 0, allowWorkspaceObjects }}
        className="lg:sticky lg:top-20"
      />
    </div>
  );
}
