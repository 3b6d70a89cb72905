'use client';

import { LoaderCircle, Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { useSession } from '@/features/auth/api/use-session';
import { useSpaces } from '@/features/connections/api/use-connections';
import { expiryAllowed, methodAllowed, policyProblems, tagAllowed } from '@/features/teams/api/policy-limits';
import { useTeamPolicy } from '@/features/teams/api/use-teams';
import { formatDateTime } from '@/lib/format';
import { EXPIRY_OPTIONS, expiresAt, type ExpiryChoice } from '@/lib/expiry';
import type { McpServer, RotatedToken, UpdateServerInput } from '../api/mcp-servers.types';
import { describeApproval } from '../api/approval-policy';
import { useRotateServer, useToolPreview, useUpdateServer } from '../api/use-mcp-servers';
import {
  approvalChanged,
  draftFrom,
  parseApprovalDraft,
  type ApprovalDraft,
} from '../schemas/approval-policy.schema';
import { ApprovalPolicyFields } from './approval-policy-fields';
import { AccessModeFields, type AccessDraft } from './access-mode-fields';
import { GroupPicker, MethodPicker, SpacePicker } from './filter-pickers';
import { CatalogModeSwitch } from './catalog-mode-switch';
import { ToolPreview } from './tool-preview';
import { WorkspaceObjectsSwitch } from './workspace-objects-switch';
import { ExpiryDateField } from '@/components/common/expiry-date-field';

/**
 * Edits what a live server exposes; the change reaches its MCP URLs within a second. A server that starts taking a
 * secret URL gets a new one right after the save, handed to `onSecretUrlIssued` (this form is remounted with the
 * saved server, so the page shows it).
 */
export function ServerSettingsForm({
  server,
  onSecretUrlIssued,
}: {
  server: McpServer;
  onSecretUrlIssued: (issued: RotatedToken) => void;
}) {
  const id = useId();
  const [name, setName] = useState(server.name);
  const [methods, setMethods] = useState(server.config.methods);
  const [tags, setTags] = useState(server.config.tags);
  const [spaceIds, setSpaceIds] = useState(server.space_ids);
  const [access, setAccess] = useState<AccessDraft>({
    accessMode: server.config.access_mode,
    clickupAccount: server.config.clickup_account,
    signInUserIds: server.config.sign_in_user_ids,
    signInTeamIds: server.config.sign_in_team_ids,
    requireApiToken: server.config.require_api_token_auth,
  });
  const requireApiToken = access.requireApiToken;
  const rotate = useRotateServer();
  const [allowWorkspaceObjects, setAllowWorkspaceObjects] = useState(server.config.allow_workspace_objects);
  const [approval, setApproval] = useState<ApprovalDraft>(() => draftFrom(server.config.approval));
  const [catalog, setCatalog] = useState(server.config.catalog ?? 'full');
  const exposed = useToolPreview(methods, tags, {
    catalog,
    reach: { pinned: spaceIds.length > 0, allowWorkspaceObjects },
  });
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
  // The api lets a member set a policy where there is none, and keep one, but not loosen or remove it.
  const approvalLocked = isMember && (server.config.approval?.mode ?? 'none') !== 'none';

  async function save(body: UpdateServerInput, needsSecretUrl: boolean) {
    // mutateAsync: the saved server remounts this form, and the new URL must still reach the page.
    await update.mutateAsync(body);
    setExpiry('keep');
    toast('Server updated: agents see the change within a second');
    if (needsSecretUrl) onSecretUrlIssued(await rotate.mutateAsync(server.id));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsedApproval = parseApprovalDraft(approval, exposed.data?.tools);
    if (!parsedApproval.ok) {
      setFormError(parsedApproval.message);
      return;
    }
    const body: UpdateServerInput = {
      name: name.trim(),
      space_ids: spaceIds,
      config: {
        methods,
        tags,
        require_api_token_auth: access.accessMode !== 'sign_in' && requireApiToken,
        access_mode: access.accessMode,
        clickup_account: access.clickupAccount,
        catalog,
        sign_in_user_ids: access.signInUserIds,
        sign_in_team_ids: access.signInTeamIds,
        // Sent only when it changed, like the switch below: a member may keep a policy but not rewrite it.
        ...(approvalChanged(server.config.approval, approval) ? { approval: parsedApproval.value } : {}),
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
        accessMode: access.accessMode,
        expiresAt: body.expires_at === undefined ? server.expires_at : body.expires_at,
      });
      if (problems.length > 0) {
        setFormError(problems.map((p) => p.message).join(' '));
        return;
      }
    }
    // A server that had no secret URL gets one when it starts taking them: the URL is shown this once.
    const needsSecretUrl = !server.url_hint && access.accessMode !== 'sign_in' && server.state !== 'expired';
    // Failures show through update.error and rotate.error.
    save(body, needsSecretUrl).catch(() => undefined);
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <form onSubmit={onSubmit}>
        <Card aria-labelledby={`${id}-title`}>
          <CardHeader>
            <CardTitle id={`${id}-title`}>Filters and scope</CardTitle>
            <CardDescription>
              What agents using this server can see and do, and how they reach it.
            </CardDescription>
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
              <CatalogModeSwitch id={`${id}-catalog`} value={catalog} onChange={setCatalog} />
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
            <section className="grid gap-2" aria-labelledby={`${id}-access`}>
              <h3 id={`${id}-access`} className="text-sm font-medium">
                Access
              </h3>
              <AccessModeFields
                id={id}
                value={access}
                onChange={(patch) => setAccess((a) => ({ ...a, ...patch }))}
                policyRequiresApiToken={limits?.require_api_token_auth}
              />
              {server.url_hint && access.accessMode === 'sign_in' && (
                <Alert variant="warning">
                  Saving ends this server’s secret URL for good: agents using it stop working, and switching
                  back later issues a new one.
                </Alert>
              )}
            </section>
            <section className="grid gap-2" aria-labelledby={`${id}-approval-title`}>
              <h3 id={`${id}-approval-title`} className="text-sm font-medium">
                Approval
              </h3>
              {approvalLocked ? (
                <p className="text-sm text-muted-foreground" data-testid="approval-locked">
                  {describeApproval(server.config.approval)}. Only owners and admins may change a policy once
                  set.
                </p>
              ) : (
                <ApprovalPolicyFields
                  id={`${id}-approval`}
                  value={approval}
                  onChange={(patch) => setApproval((a) => ({ ...a, ...patch }))}
                  tools={exposed.data?.tools}
                />
              )}
            </section>
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
            {(formError || update.error || rotate.error) && (
              <Alert variant="error" role="alert">
                {formError ?? update.error?.message ?? rotate.error?.message}
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
        catalog={catalog}
        className="lg:sticky lg:top-20"
      />
    </div>
  );
}
