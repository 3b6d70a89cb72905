import { methodsWithin, tagsWithin } from '@gw/tool-filters';
import type { TeamPolicy } from './teams.types';

const DAY_MS = 86_400_000;

/** Whether a member may tick this method filter under the policy (no policy: anything). */
export function methodAllowed(policy: TeamPolicy | undefined, method: string): boolean {
  return !policy || methodsWithin(policy.methods, [method]);
}

/** Whether a member may tick this tool group under the policy (no policy: anything). */
export function tagAllowed(policy: TeamPolicy | undefined, tag: string): boolean {
  return !policy || tagsWithin(policy.tags, [tag]);
}

/** Whether an expiry choice (days ahead, or null for never) stays within the policy's maximum. */
export function expiryAllowed(policy: TeamPolicy | undefined, days: number | null): boolean {
  if (!policy || policy.max_expiry_days === null) return true;
  return days !== null && days <= policy.max_expiry_days;
}

export interface PolicyProblem {
  field: 'connection' | 'workspace' | 'spaces' | 'methods' | 'tags' | 'auth' | 'expiry';
  message: string;
}

export interface ServerDraft {
  connectionId: string;
  workspaceId: string;
  spaceIds: string[];
  methods: string[];
  tags: string[];
  requireApiToken: boolean;
  /** Absent: a secret URL only. */
  accessMode?: 'url' | 'sign_in' | 'url_and_sign_in';
  expiresAt: string | null;
}

/**
 * Why the api would refuse this server from a member, in the words the form shows. The api decides; this only
 * spares the member a refusal it can foresee.
 */
export function policyProblems(policy: TeamPolicy, draft: ServerDraft, now = new Date()): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (draft.connectionId && !policy.usable_connection_ids.includes(draft.connectionId)) {
    problems.push({ field: 'connection', message: 'Your team may not use this connection.' });
  }
  if (
    draft.workspaceId &&
    policy.workspace_ids.length > 0 &&
    !policy.workspace_ids.includes(draft.workspaceId)
  ) {
    problems.push({ field: 'workspace', message: 'Your team’s policy does not allow this workspace.' });
  }
  if (policy.require_space_pinning && draft.spaceIds.length === 0) {
    problems.push({
      field: 'spaces',
      message: 'Your team’s policy requires pinning the server to at least one space.',
    });
  }
  if (!methodsWithin(policy.methods, draft.methods)) {
    problems.push({
      field: 'methods',
      message: `Your team’s policy allows only these methods: ${policy.methods.join(', ')}. Tick some of them.`,
    });
  }
  if (!tagsWithin(policy.tags, draft.tags)) {
    problems.push({
      field: 'tags',
      message: `Your team’s policy allows only these tool groups: ${policy.tags.join(', ')}. Tick some of them.`,
    });
  }
  // Sign-in names the person, which is what the rule asks for; only a secret URL needs the API token.
  if (policy.require_api_token_auth && !draft.requireApiToken && draft.accessMode !== 'sign_in') {
    problems.push({
      field: 'auth',
      message: 'Your team’s policy requires an API token as second factor on a secret URL, or sign-in only.',
    });
  }
  if (policy.max_expiry_days !== null) {
    const latest = now.getTime() + policy.max_expiry_days * DAY_MS;
    if (!draft.expiresAt || new Date(draft.expiresAt).getTime() > latest) {
      problems.push({
        field: 'expiry',
        message: `Your team’s policy requires the server to expire within ${policy.max_expiry_days} days.`,
      });
    }
  }
  return problems;
}
