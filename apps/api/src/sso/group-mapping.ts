import type { Role, SsoGroupRule } from '@gw/db';

/** A rule's group that matches everyone who signs in (for IdPs without a groups claim, such as Google Workspace). */
export const EVERYONE = '*';

export interface SignInSubject {
  groups: string[];
  /** Verified, lower-cased. */
  email: string;
}

export interface MappedAccess {
  /** False when no rule matched: the person is not assigned to this gateway. */
  assigned: boolean;
  /** The role of the first matching rule that names one; `member` when only team rules matched. */
  role: Role;
  /** Teams the person belongs to by the mapping. */
  teamIds: string[];
  /** Every team some rule names: memberships of these follow the mapping; other teams are left as they are. */
  managedTeamIds: string[];
}

/** Whether a rule applies: its IdP group, `*` for everyone, or `@domain` for verified emails of that domain. */
export function ruleMatches(rule: Pick<SsoGroupRule, 'group'>, subject: SignInSubject): boolean {
  if (rule.group === EVERYONE) return true;
  if (rule.group.startsWith('@')) return subject.email.endsWith(rule.group.toLowerCase());
  return subject.groups.includes(rule.group);
}

/**
 * What the group mapping gives a person at this sign-in. Applied in full at every sign-in, so a person removed from
 * an IdP group loses that role or team the next time.
 */
export function mapGroups(rules: SsoGroupRule[], subject: SignInSubject): MappedAccess {
  const matching = rules.filter((rule) => ruleMatches(rule, subject));
  const role = matching.find((rule) => rule.role !== null)?.role ?? 'member';
  const teamIds = unique(matching.flatMap((rule) => rule.team_ids));
  const managedTeamIds = unique(rules.flatMap((rule) => rule.team_ids));
  return { assigned: matching.length > 0, role, teamIds, managedTeamIds };
}

/**
 * The groups a token or userinfo answer carries under `claim`: a list of strings, or one string. Anything else
 * (absent, a number, objects) is no groups.
 */
export function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
