import { DEFAULT_APPROVAL_TTL_MINUTES, toolMayWait as mayWait, type ApprovalMode } from '@gw/tool-filters';
import type { ToolDefinition } from '../core/tool';
import type { EffectPreview } from '../previews/effect-preview';

/**
 * A server's approval policy as the catalog reads it (the server's `config.approval`): which calls wait for a person,
 * how many people must approve, for how long a request stays open.
 */
export interface ApprovalRule {
  mode: ApprovalMode;
  tools?: readonly string[];
  second_approver_tools?: readonly string[];
  min_tasks?: number;
  ttl_minutes?: number;
}

type ToolTraits = Pick<ToolDefinition, 'name' | 'method' | 'annotations' | 'tags'>;

/** Whether calls of `tool` may wait for approval under `rule` (see `@gw/tool-filters`' `toolMayWait`). */
export function toolMayWait(rule: ApprovalRule | undefined, tool: ToolTraits): boolean {
  return mayWait(rule, {
    name: tool.name,
    method: tool.method,
    readOnly: tool.annotations.readOnlyHint,
    tags: tool.tags,
  });
}

/** What a call that waits asks for: how many different people approve it, and for how long it stays open. */
export interface ApprovalDemand {
  approvalsRequired: 1 | 2;
  ttlMs: number;
}

/**
 * Whether this call waits, read with its preview: null when it runs at once. Under `min_tasks` a call waits when it
 * touches more tasks than that, and when its preview cannot count them (the safe side).
 */
export function approvalDemand(
  rule: ApprovalRule | undefined,
  tool: ToolTraits,
  preview: Pick<EffectPreview, 'tasks_touched'>,
): ApprovalDemand | null {
  if (!rule || !toolMayWait(rule, tool)) return null;
  if (rule.min_tasks !== undefined) {
    const touched = preview.tasks_touched;
    if (typeof touched === 'number' && touched <= rule.min_tasks) return null;
  }
  return {
    approvalsRequired: (rule.second_approver_tools ?? []).includes(tool.name) ? 2 : 1,
    ttlMs: (rule.ttl_minutes ?? DEFAULT_APPROVAL_TTL_MINUTES) * 60_000,
  };
}

/**
 * What a tool's description says when its calls may wait, kept short: the listing of every tool is near its 60 KB
 * cap, each held tool pays for the note, and the server instructions explain `APPROVAL_REQUIRED` once.
 */
export function approvalNote(rule: ApprovalRule): string {
  return rule.min_tasks === undefined ? ' Needs approval.' : ` Needs approval above ${rule.min_tasks} tasks.`;
}
