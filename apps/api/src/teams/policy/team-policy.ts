import { acceptsSecretUrl, type McpAccessMode } from '@gw/db';
import { methodsWithin, tagsWithin } from '@gw/tool-filters';

/** What the members of a team may build. An empty list puts no limit on its axis. */
export interface TeamPolicy {
  connectionIds: readonly string[];
  workspaceIds: readonly string[];
  tags: readonly string[];
  methods: readonly string[];
  requireSpacePinning: boolean;
  requireApiTokenAuth: boolean;
  maxExpiryDays: number | null;
}

/**
 * A team no admin wrote a policy for: read tools only, on the connections granted to it. Writing to ClickUp is the
 * capability that can do harm, so an admin opts a team into it by writing a policy.
 */
export const DEFAULT_TEAM_POLICY: TeamPolicy = {
  connectionIds: [],
  workspaceIds: [],
  tags: [],
  methods: ['read'],
  requireSpacePinning: false,
  requireApiTokenAuth: false,
  maxExpiryDays: null,
};

/** The parts of an MCP server a policy judges. */
export interface ServerReach {
  connectionId: string;
  workspaceId: string;
  spaceIds: readonly string[];
  methods: readonly string[];
  tags: readonly string[];
  requireApiTokenAuth: boolean;
  /** Absent: `url`. */
  accessMode?: McpAccessMode;
  expiresAt: Date | null;
}

export interface PolicyViolation {
  field:
    | 'connection_id'
    | 'workspace_id'
    | 'space_ids'
    | 'methods'
    | 'tags'
    | 'require_api_token_auth'
    | 'expires_at';
  message: string;
}

const DAY_MS = 86_400_000;

/**
 * How a server exceeds what a team's members may build; empty when it stays within. `grantedConnectionIds` are the
 * connections an admin granted to the team: no grant, no connection, whatever the policy lists.
 */
export function policyViolations(
  policy: TeamPolicy,
  grantedConnectionIds: readonly string[],
  server: ServerReach,
  now: Date,
): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if (!grantedConnectionIds.includes(server.connectionId)) {
    violations.push({ field: 'connection_id', message: 'this connection is not granted to the team' });
  } else if (!within(policy.connectionIds, [server.connectionId])) {
    violations.push({ field: 'connection_id', message: 'the team’s policy does not allow this connection' });
  }
  if (!within(policy.workspaceIds, [server.workspaceId])) {
    violations.push({
      field: 'workspace_id',
      message: `the team’s policy allows only workspaces ${policy.workspaceIds.join(', ')}`,
    });
  }
  if (policy.requireSpacePinning && server.spaceIds.length === 0) {
    violations.push({
      field: 'space_ids',
      message: 'the team’s policy requires pinning the server to spaces',
    });
  }
  if (!methodsWithin(policy.methods, server.methods)) {
    violations.push({
      field: 'methods',
      message: `the team’s policy allows only the methods ${policy.methods.join(', ')}`,
    });
  }
  if (!tagsWithin(policy.tags, server.tags)) {
    violations.push({
      field: 'tags',
      message: `the team’s policy allows only the tools ${policy.tags.join(', ')}`,
    });
  }
  // The rule is there so that every call names a person: sign-in does that, so only a secret URL needs the API token.
  if (
    policy.requireApiTokenAuth &&
    !server.requireApiTokenAuth &&
    acceptsSecretUrl({ access_mode: server.accessMode })
  ) {
    violations.push({
      field: 'require_api_token_auth',
      message: 'the team’s policy requires require_api_token_auth on a secret URL, or access by sign-in only',
    });
  }
  if (policy.maxExpiryDays !== null) {
    const latest = now.getTime() + policy.maxExpiryDays * DAY_MS;
    if (!server.expiresAt || server.expiresAt.getTime() > latest) {
      violations.push({
        field: 'expires_at',
        message: `the team’s policy requires an expiry at most ${policy.maxExpiryDays} days ahead`,
      });
    }
  }
  return violations;
}

/** The connections a team's members may build on: those granted to it, narrowed by its policy's list. */
export function usableConnectionIds(policy: TeamPolicy, grantedConnectionIds: readonly string[]): string[] {
  return grantedConnectionIds.filter((id) => within(policy.connectionIds, [id]));
}

/** Whether `wanted` asks for no more than `allowed`; an empty list on either side means everything. */
function within(allowed: readonly string[], wanted: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  if (wanted.length === 0) return false;
  return wanted.every((item) => allowed.includes(item));
}
