import { acceptsSignIn, type McpServerEntity } from '@gw/db';
import { MCP_TOKEN_PREFIX } from '@gw/security';
import { toApprovalPolicyDto } from '../approvals/approval-policy.mapper';
import { signInResource } from '../oauth/mcp-access-tokens';
import type { PolicyViolation } from '../teams/policy/team-policy';
import type { McpServerDto } from './dto/mcp-server.dto';
import { serverState } from './mcp-server-state';

export function mcpUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/mcp/${token}`;
}

export function toMcpServerDto(
  server: McpServerEntity,
  publicUrl: string,
  policyViolations: readonly PolicyViolation[],
): McpServerDto {
  return {
    id: server.id,
    name: server.name,
    connection_id: server.connectionId,
    team_id: server.teamId,
    workspace_id: server.workspaceId,
    space_ids: [...server.spaceIds],
    config: {
      methods: [...server.config.methods],
      tags: [...server.config.tags],
      require_api_token_auth: server.config.require_api_token_auth,
      allow_workspace_objects: server.config.allow_workspace_objects === true,
      access_mode: server.config.access_mode ?? 'url',
      sign_in_user_ids: [...(server.config.sign_in_user_ids ?? [])],
      sign_in_team_ids: [...(server.config.sign_in_team_ids ?? [])],
      clickup_account: server.config.clickup_account ?? 'connection',
      catalog: server.config.catalog ?? 'full',
      approval: toApprovalPolicyDto(server.config.approval),
    },
    state: serverState(server),
    expires_at: server.expiresAt?.toISOString() ?? null,
    revoked_at: server.revokedAt?.toISOString() ?? null,
    last_used_at: server.lastUsedAt?.toISOString() ?? null,
    last_client_name: server.lastClientName,
    last_client_ip: server.lastClientIp,
    url_hint: server.tokenHash ? mcpUrl(publicUrl, `${MCP_TOKEN_PREFIX}…`) : null,
    sign_in_url:
      acceptsSignIn(server.config) && !server.revokedAt ? signInResource(publicUrl, server.id) : null,
    policy_violations: policyViolations.map((v) => ({ field: v.field, message: v.message })),
    created_at: server.createdAt.toISOString(),
    updated_at: server.updatedAt.toISOString(),
  };
}
