import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_OUTCOMES } from '@gw/db';

export class AuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Gap-free per organization' }) seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() organization_id: string;
  @ApiProperty({ nullable: true, type: String }) server_id: string | null;
  @ApiProperty({ nullable: true, type: String }) team_id: string | null;
  @ApiProperty({ example: 'mcp:7c9e…' }) actor: string;
  @ApiProperty({ nullable: true, type: String }) client_name: string | null;
  @ApiProperty({ nullable: true, type: String }) client_version: string | null;
  @ApiProperty({ nullable: true, type: String }) session_id: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) user_agent: string | null;
  @ApiProperty({ example: 'tools/call' }) action: string;
  @ApiProperty({ nullable: true, type: String }) tool: string | null;
  @ApiProperty({ description: 'Secrets redacted, at most 16 KB', type: Object, nullable: true })
  arguments: unknown;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome: string;
  @ApiProperty({ type: [String] }) issue_codes: string[];
  @ApiProperty({ nullable: true, type: Number }) upstream_status: number | null;
  @ApiProperty({ nullable: true, type: Number }) duration_ms: number | null;
  @ApiProperty({ nullable: true, type: String }) job_id: string | null;
  @ApiProperty({ nullable: true, type: String }) request_id: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'W3C trace id the MCP request carried (its _meta.traceparent), when it carried one',
  })
  trace_id?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'The signed-in person the action was for (a call on a sign-in MCP server, or an admin action)',
  })
  actor_user_id?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'That person’s email when the row was written',
  })
  actor_email?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The OAuth client that acted for the person: its metadata document URL or registered id',
  })
  oauth_client_id?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The ClickUp user a tool call acted as' })
  clickup_user_id?: string | null;
  @ApiProperty() prev_hash: string;
  @ApiProperty() hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next (older) page',
  })
  next_cursor: string | null;
}

export class ChainVerdictDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Rows checked before the first bad one (all rows when ok)' }) checked: number;
  @ApiPropertyOptional() first_bad_id?: string;
  @ApiPropertyOptional() reason?: string;
}
