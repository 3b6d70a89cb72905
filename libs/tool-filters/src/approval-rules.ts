import type { ToolTag } from './index';

/**
 * An MCP server's approval modes (CONTRACTS §13 `config.approval.mode`). `none`: nothing waits. `destructive`: every
 * delete, and the further tools an admin marks destructive in `tools`. `writes`: every tool that changes ClickUp.
 * `tools`: exactly the tools in `tools`.
 */
export const APPROVAL_MODES = ['none', 'destructive', 'writes', 'tools'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/**
 * How long an approval request stays open when the policy does not say, and at most: one hour, and a week (a request
 * nobody decides within a week is better made again, with a fresh preview).
 */
export const DEFAULT_APPROVAL_TTL_MINUTES = 60;
export const MAX_APPROVAL_TTL_MINUTES = 10_080;

/**
 * The tools that only read the gateway's own queue (`retry_job_get`, `approval_get`) never wait: an agent could
 * otherwise not learn what became of the very call that waits.
 */
export const NEVER_WAITING_TAG: ToolTag = 'jobs';

/** What the rule needs to know of a tool: the catalog's definition and the console's tool summary both have it. */
export interface ApprovalToolTraits {
  name: string;
  method: string;
  readOnly: boolean;
  tags: readonly string[];
}

/**
 * Whether calls of a tool may wait for approval under a policy, before anything about a call is read: `destructive`
 * holds every delete and the tools it lists, `writes` every tool that is not read-only, `tools` exactly its list.
 * The api holds calls by it and the console shows which tools a policy holds by it.
 */
export function toolMayWait(
  rule: { mode: ApprovalMode; tools?: readonly string[] } | null | undefined,
  tool: ApprovalToolTraits,
): boolean {
  if (!rule || tool.tags.includes(NEVER_WAITING_TAG)) return false;
  switch (rule.mode) {
    case 'none':
      return false;
    case 'destructive':
      return tool.method === 'delete' || (rule.tools ?? []).includes(tool.name);
    case 'writes':
      return !tool.readOnly;
    case 'tools':
      return (rule.tools ?? []).includes(tool.name);
  }
}
