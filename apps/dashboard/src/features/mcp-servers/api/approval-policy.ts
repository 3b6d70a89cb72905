import { DEFAULT_APPROVAL_TTL_MINUTES, toolMayWait, type ApprovalMode } from '@gw/tool-filters';
import type { ToolSummary } from './mcp-servers.types';

/**
 * A server's `config.approval`, and a team policy's default for its new servers. The api answers it with its
 * defaults filled in (empty lists, `approvers: null` or a null team, `min_tasks: null`); it takes only what is set.
 */
export interface ApprovalPolicy {
  mode: ApprovalMode;
  tools?: string[];
  /** Absent or null: the organization's owners and admins. */
  approvers?: { team_id?: string | null; user_ids?: string[] } | null;
  second_approver_tools?: string[];
  /** Only calls touching more than this many tasks wait. Absent or null: every call. */
  min_tasks?: number | null;
  /** Minutes a request waits for a decision. Absent: 60. */
  ttl_minutes?: number;
}

export {
  APPROVAL_MODES,
  DEFAULT_APPROVAL_TTL_MINUTES as DEFAULT_TTL_MINUTES,
  MAX_APPROVAL_TTL_MINUTES as MAX_TTL_MINUTES,
  type ApprovalMode,
} from '@gw/tool-filters';

export const MODE_OPTIONS: { value: ApprovalMode; label: string; hint: string }[] = [
  { value: 'none', label: 'Nothing', hint: 'Every call runs at once.' },
  {
    value: 'destructive',
    label: 'Destructive tools',
    hint: 'Deletes, and the tools you mark destructive, wait for a person.',
  },
  { value: 'writes', label: 'All writes', hint: 'Every call that changes ClickUp waits for a person.' },
  { value: 'tools', label: 'Chosen tools', hint: 'Exactly the tools you pick wait for a person.' },
];

/** The tools whose calls would wait under this policy, among the catalog's. */
export function gatedTools(
  policy: Pick<ApprovalPolicy, 'mode' | 'tools'>,
  catalog: Pick<ToolSummary, 'name' | 'method' | 'read_only' | 'tags'>[],
): string[] {
  return catalog
    .filter((t) =>
      toolMayWait(policy, { name: t.name, method: t.method, readOnly: t.read_only, tags: t.tags }),
    )
    .map((t) => t.name);
}

/** One line for a summary: `Deletes and 2 more tools wait for owners and admins, 60 minutes`. */
export function describeApproval(
  policy: ApprovalPolicy | null | undefined,
  names: { team?: (id: string) => string | undefined } = {},
): string {
  if (!policy || policy.mode === 'none') return 'Nothing waits for approval';
  const extra = policy.tools?.length ?? 0;
  const what =
    policy.mode === 'destructive'
      ? extra > 0
        ? `Deletes and ${extra} more tool${extra === 1 ? '' : 's'}`
        : 'Deletes'
      : policy.mode === 'writes'
        ? 'All writes'
        : `${extra} chosen tool${extra === 1 ? '' : 's'}`;
  const threshold = policy.min_tasks ? ` touching more than ${policy.min_tasks} tasks` : '';
  const who = approversLabel(policy, names);
  const ttl = policy.ttl_minutes ?? DEFAULT_APPROVAL_TTL_MINUTES;
  return `${what}${threshold} wait for ${who}; requests expire after ${ttl} minutes`;
}

function approversLabel(
  policy: ApprovalPolicy,
  names: { team?: (id: string) => string | undefined },
): string {
  const team = policy.approvers?.team_id;
  const people = policy.approvers?.user_ids?.length ?? 0;
  const parts = [
    team ? `members of ${names.team?.(team) ?? 'a team'}` : null,
    people > 0 ? `${people} named ${people === 1 ? 'person' : 'people'}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : 'owners and admins';
}
