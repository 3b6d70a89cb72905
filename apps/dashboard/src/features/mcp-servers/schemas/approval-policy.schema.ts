import { z } from '@/lib/zod';
import {
  APPROVAL_MODES,
  DEFAULT_TTL_MINUTES,
  gatedTools,
  MAX_TTL_MINUTES,
  type ApprovalMode,
  type ApprovalPolicy,
} from '../api/approval-policy';
import type { ToolSummary } from '../api/mcp-servers.types';

/**
 * The approval section as the editor holds it: a tool list per mode (switching modes keeps each), approvers as a
 * choice between the default and chosen ones, and the numbers as the text of their inputs.
 */
export interface ApprovalDraft {
  mode: ApprovalMode;
  /** Mode `tools`: the tools that wait. */
  chosenTools: string[];
  /** Mode `destructive`: the tools marked destructive besides every delete. */
  destructiveTools: string[];
  secondApproverTools: string[];
  approvers: 'admins' | 'chosen';
  approverTeamId: string;
  approverUserIds: string[];
  minTasks: string;
  ttlMinutes: string;
}

export function draftFrom(policy: ApprovalPolicy | null | undefined): ApprovalDraft {
  const mode = policy?.mode ?? 'none';
  const team = policy?.approvers?.team_id ?? '';
  const users = policy?.approvers?.user_ids ?? [];
  return {
    mode,
    chosenTools: mode === 'tools' ? (policy?.tools ?? []) : [],
    destructiveTools: mode === 'destructive' ? (policy?.tools ?? []) : [],
    secondApproverTools: policy?.second_approver_tools ?? [],
    approvers: team || users.length > 0 ? 'chosen' : 'admins',
    approverTeamId: team,
    approverUserIds: users,
    minTasks: policy?.min_tasks == null ? '' : String(policy.min_tasks),
    ttlMinutes: String(policy?.ttl_minutes ?? DEFAULT_TTL_MINUTES),
  };
}

/** The text of a number input as a whole number within bounds; empty is `undefined` when `optional`. */
const wholeNumber = (what: string, min: number, max: number, { optional = false } = {}) =>
  z
    .string()
    .trim()
    .refine((v) => (optional && v === '') || /^\d+$/.test(v), `${what} is a whole number.`)
    .transform((v) => (v === '' ? undefined : Number(v)))
    .refine((v) => v === undefined || (v >= min && v <= max), `${what} is between ${min} and ${max}.`);

const draftSchema = z
  .object({
    mode: z.enum(APPROVAL_MODES),
    chosenTools: z.array(z.string()),
    destructiveTools: z.array(z.string()),
    secondApproverTools: z.array(z.string()),
    approvers: z.enum(['admins', 'chosen']),
    approverTeamId: z.string(),
    approverUserIds: z.array(z.string()),
    minTasks: wholeNumber('The task threshold', 1, 100_000, { optional: true }),
    ttlMinutes: wholeNumber('The expiry', 1, MAX_TTL_MINUTES),
  })
  .refine((d) => d.mode !== 'tools' || d.chosenTools.length > 0, {
    message: 'Pick at least one tool that needs approval, or choose another mode.',
  })
  .refine((d) => d.approvers === 'admins' || d.approverTeamId !== '' || d.approverUserIds.length > 0, {
    message: 'Pick a team or at least one person to approve, or leave it to owners and admins.',
  });

/** The tools that would wait under the draft, among the server's (`catalog`). */
export function draftGatedTools(
  draft: ApprovalDraft,
  catalog: Pick<ToolSummary, 'name' | 'method' | 'read_only' | 'tags'>[],
): string[] {
  return gatedTools(
    { mode: draft.mode, tools: draft.mode === 'tools' ? draft.chosenTools : draft.destructiveTools },
    catalog,
  );
}

/**
 * The policy to send, or the first message that explains what to fix. Second approvers are kept only for tools
 * that wait under the policy, among the server's (`catalog`); without a catalog they are kept as they are.
 */
export function parseApprovalDraft(
  draft: ApprovalDraft,
  catalog?: Pick<ToolSummary, 'name' | 'method' | 'read_only' | 'tags'>[],
): { ok: true; value: ApprovalPolicy } | { ok: false; message: string } {
  if (draft.mode === 'none') return { ok: true, value: { mode: 'none' } };
  const parsed = draftSchema.safeParse(draft);
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the approval.' };
  const d = parsed.data;
  const tools = d.mode === 'tools' ? d.chosenTools : d.mode === 'destructive' ? d.destructiveTools : [];
  const gated = catalog ? draftGatedTools(draft, catalog) : null;
  const second = gated ? d.secondApproverTools.filter((t) => gated.includes(t)) : d.secondApproverTools;
  const value: ApprovalPolicy = { mode: d.mode, ttl_minutes: d.ttlMinutes as number };
  if (tools.length > 0) value.tools = tools;
  if (second.length > 0) value.second_approver_tools = second;
  if (d.minTasks !== undefined) value.min_tasks = d.minTasks;
  if (d.approvers === 'chosen') {
    value.approvers = {
      ...(d.approverTeamId ? { team_id: d.approverTeamId } : {}),
      ...(d.approverUserIds.length > 0 ? { user_ids: d.approverUserIds } : {}),
    };
  }
  return { ok: true, value };
}

/** Whether the draft says something else than the policy it started from (so a save must send it). */
export function approvalChanged(policy: ApprovalPolicy | null | undefined, draft: ApprovalDraft): boolean {
  const before = parseApprovalDraft(draftFrom(policy));
  const after = parseApprovalDraft(draft);
  return !before.ok || !after.ok || JSON.stringify(before.value) !== JSON.stringify(after.value);
}
