import { ApiProperty } from '@nestjs/swagger';
import { METHOD_FILTERS, TOOL_TAGS } from '@gw/tool-filters';
import { MCP_SERVER_STATES, type McpServerState } from '../mcp-server-state';

export class McpServerConfigDto {
  @ApiProperty({ enum: METHOD_FILTERS, isArray: true }) methods: string[];
  @ApiProperty({ enum: TOOL_TAGS, isArray: true }) tags: string[];
  @ApiProperty() require_api_token_auth: boolean;
  @ApiProperty({ description: 'A server pinned to spaces also exposes workspace-level objects (goals).' })
  allow_workspace_objects: boolean;
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
    description: 'The URL without its secret; null once the token is revoked or purged.',
  })
  url_hint: string | null;
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
  @ApiProperty({ description: 'The MCP URL, `{PUBLIC_URL}/mcp/{token}`. Shown in this answer only.' })
  url: string;
  @ApiProperty({ example: 'cmcp_…', description: 'Shown in this answer only; only its SHA-256 is stored.' })
  token: string;
}

export class RotatedTokenDto {
  @ApiProperty({ description: 'The new MCP URL; the old one stopped working.' }) url: string;
  @ApiProperty({ example: 'cmcp_…' }) token: string;
}
