import { ApiProperty } from '@nestjs/swagger';
import { MCP_ACCESS_MODES, MCP_CLICKUP_ACCOUNTS, type McpAccessMode, type McpClickUpAccount } from '@gw/db';
import { CATALOG_MODES, METHOD_FILTERS, TOOL_TAGS, type CatalogMode } from '@gw/tool-filters';
import { MCP_SERVER_STATES, type McpServerState } from '../mcp-server-state';
import { ApprovalPolicyDto } from './approval-policy.dto';

export class McpServerConfigDto {
  @ApiProperty({ enum: METHOD_FILTERS, isArray: true }) methods: string[];
  @ApiProperty({ enum: TOOL_TAGS, isArray: true }) tags: string[];
  @ApiProperty() require_api_token_auth: boolean;
  @ApiProperty({ description: 'A server pinned to spaces also exposes workspace-level objects (goals).' })
  allow_workspace_objects: boolean;
  @ApiProperty({ enum: MCP_ACCESS_MODES, description: 'Secret URL, sign-in, or both.' })
  access_mode: McpAccessMode;
  @ApiProperty({ type: [String], description: 'People listed as allowed to sign in besides the team.' })
  sign_in_user_ids: string[];
  @ApiProperty({
    type: [String],
    description: 'Teams listed as allowed to sign in besides the server’s own.',
  })
  sign_in_team_ids: string[];
  @ApiProperty({ enum: MCP_CLICKUP_ACCOUNTS, description: 'Whose ClickUp account calls act as.' })
  clickup_account: McpClickUpAccount;
  @ApiProperty({
    enum: CATALOG_MODES,
    description:
      'How tools/list shows the tools: all with their schemas, or tool_search/tool_describe/tool_call.',
  })
  catalog: CatalogMode;
  @ApiProperty({
    type: ApprovalPolicyDto,
    description: 'Which calls wait for a person’s approval (mode `none`: nothing waits).',
  })
  approval: ApprovalPolicyDto;
}

export class PolicyViolationDto {
  @ApiProperty({
    enum: [
      'connection_id',
      'workspace_id',
      'space_ids',
      'methods',
      'tags',
      'require_api_token_auth',
      'expires_at',
    ],
  })
  field: string;
  @ApiProperty({ example: 'the team’s policy allows only the methods read' }) message: string;
}

/** An MCP server as listed and read: never its token; `url_hint` only says what the URL looks like. */
export class McpServerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) connection_id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) team_id: string | null;
  @ApiProperty() workspace_id: string;
  @ApiProperty({ type: [String] }) space_ids: string[];
  @ApiProperty({ type: McpServerConfigDto }) config: McpServerConfigDto;
  @ApiProperty({
    enum: MCP_SERVER_STATES,
    description: '`expiring_soon`: expires within 7 days. `expired` also covers a purged token.',
  })
  state: McpServerState;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at: string | null;
  @ApiProperty({ nullable: true, type: String }) last_client_name: string | null;
  @ApiProperty({ nullable: true, type: String }) last_client_ip: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'https://gateway.example.com/mcp/cmcp_…',
    description:
      'The secret URL without its secret; null once the token is revoked or purged, and on sign-in-only servers.',
  })
  url_hint: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'https://gateway.example.com/mcp/servers/6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
    description:
      'The sign-in URL, `{PUBLIC_URL}/mcp/servers/{id}`, which holds no secret: people add it to their MCP client ' +
      'and sign in. Null when the server does not take sign-in.',
  })
  sign_in_url: string | null;
  @ApiProperty({
    type: [PolicyViolationDto],
    description:
      'How the server exceeds its team’s current policy (a policy narrowed after it was made); empty when within. ' +
      'It keeps working; a member can change it only back within the policy.',
  })
  policy_violations: PolicyViolationDto[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class CreatedMcpServerDto extends McpServerDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The secret MCP URL, `{PUBLIC_URL}/mcp/{token}`. Shown in this answer only; null for a sign-in-only server.',
  })
  url: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'cmcp_…',
    description: 'Shown in this answer only; only its SHA-256 is stored. Null for a sign-in-only server.',
  })
  token: string | null;
}

export class RotatedTokenDto {
  @ApiProperty({ description: 'The new MCP URL; the old one stopped working.' }) url: string;
  @ApiProperty({ example: 'cmcp_…' }) token: string;
}
