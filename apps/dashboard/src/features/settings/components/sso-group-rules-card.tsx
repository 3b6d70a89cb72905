'use client';

import { LoaderCircle, Plus, Save, Trash2 } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { usePermission } from '@/features/auth/api/use-permission';
import { useSession } from '@/features/auth/api/use-session';
import { type SsoSettings, useSsoSettingsActions } from '../api/sso-settings';
import { type GroupRuleRow, parseGroupRules } from '../schemas/sso-settings.schema';

const ROLE_OPTIONS = [
  { value: '', label: 'No role (teams only)' },
  { value: 'owner', label: 'Owner' },
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
  { value: 'auditor', label: 'Auditor' },
];

const toRows = (settings: SsoSettings): GroupRuleRow[] =>
  settings.group_rules.map((rule) => ({ group: rule.group, role: rule.role ?? '', team_ids: rule.team_ids }));

/**
 * Group → role and group → team rules, applied at every sign-in: the first matching rule that gives a role decides
 * it, and every matching rule adds its teams. Someone matched by no rule is not let in.
 */
export function SsoGroupRulesCard({
  settings,
  teams,
}: {
  settings: SsoSettings;
  teams: { id: string; name: string }[];
}) {
  const id = useId();
  const canManage = usePermission('sso-mapping:manage');
  const isOwner = useSession().data?.user.role === 'owner';
  const { updateGroupRules } = useSsoSettingsActions();
  const [rows, setRows] = useState<GroupRuleRow[]>(() => toRows(settings));
  const [problem, setProblem] = useState<string | null>(null);

  const change = (index: number, patch: Partial<GroupRuleRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseGroupRules(rows);
    if (!parsed.ok) return setProblem(parsed.message);
    setProblem(null);
    updateGroupRules.mutate(parsed.value, { onSuccess: () => toast('Group mapping saved') });
  }

  const error = problem ?? updateGroupRules.error?.message;

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Role and team mapping</CardTitle>
        <CardDescription>
          Applied at every single sign-on: the first rule that matches and gives a role decides the role
          (member when only team rules match); every matching rule adds its teams, and someone removed from a
          group loses that team at the next sign-in. A person matched by no rule cannot sign in.{' '}
          <code>*</code> matches everyone; <code>@example.com</code> matches verified emails of that domain
          (for providers without groups, such as Google Workspace).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={onSubmit}>
          {rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No rule yet: nobody can sign in with single sign-on.
            </p>
          ) : (
            <table className="w-full text-sm" aria-label="Group mapping rules">
              <thead>
                <tr className="text-left text-xs text-muted-foreground">
                  <th scope="col" className="pb-2 pr-3 font-medium">
                    Group at the provider
                  </th>
                  <th scope="col" className="pb-2 pr-3 font-medium">
                    Role
                  </th>
                  <th scope="col" className="pb-2 pr-3 font-medium">
                    Teams
                  </th>
                  <th scope="col" className="pb-2">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => {
                  const n = index + 1;
                  // Only an owner may give, change or take away the owner role through a rule.
                  const ownerLocked = !isOwner && row.role === 'owner';
                  const locked = !canManage || ownerLocked;
                  return (
                    <tr key={index} className="border-t align-top">
                      <td className="py-2 pr-3">
                        <Input
                          aria-label={`Group of rule ${n}`}
                          value={row.group}
                          onChange={(event) => change(index, { group: event.target.value })}
                          readOnly={locked}
                          spellCheck={false}
                        />
                      </td>
                      <td className="py-2 pr-3">
                        <Select
                          aria-label={`Role of rule ${n}`}
                          value={row.role}
                          onChange={(event) => change(index, { role: event.target.value })}
                          disabled={locked}
                          className="min-w-40"
                        >
                          {ROLE_OPTIONS.filter(
                            (o) => isOwner || o.value !== 'owner' || row.role === 'owner',
                          ).map((option) => (
                            <option key={option.value} value={option.value}>
                              {option.label}
                            </option>
                          ))}
                        </Select>
                      </td>
                      <td className="py-2 pr-3">
                        <fieldset className="grid max-h-32 gap-1 overflow-y-auto">
                          <legend className="sr-only">Teams of rule {n}</legend>
                          {teams.length === 0 && <span className="text-muted-foreground">No team yet</span>}
                          {teams.map((team) => (
                            <label key={team.id} className="flex items-center gap-2">
                              <Checkbox
                                checked={row.team_ids.includes(team.id)}
                                disabled={locked}
                                onChange={(event) =>
                                  change(index, {
                                    team_ids: event.target.checked
                                      ? [...row.team_ids, team.id]
                                      : row.team_ids.filter((t) => t !== team.id),
                                  })
                                }
                              />
                              {team.name}
                            </label>
                          ))}
                        </fieldset>
                      </td>
                      <td className="py-2 text-right">
                        {!locked && (
                          <Button
                            variant="ghost"
                            size="icon"
                            aria-label={`Remove rule ${n}`}
                            onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
                          >
                            <Trash2 aria-hidden />
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {error && (
            <Alert variant="error" role="alert">
              {error}
            </Alert>
          )}
          {canManage && (
            <div className="flex flex-wrap gap-2">
              <Button
                type="button"
                variant="outline"
                onClick={() =>
                  setRows((current) => [...current, { group: '', role: 'member', team_ids: [] }])
                }
              >
                <Plus aria-hidden />
                Add rule
              </Button>
              <Button type="submit" disabled={updateGroupRules.isPending}>
                {updateGroupRules.isPending ? (
                  <LoaderCircle aria-hidden className="animate-spin" />
                ) : (
                  <Save aria-hidden />
                )}
                Save mapping
              </Button>
            </div>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
