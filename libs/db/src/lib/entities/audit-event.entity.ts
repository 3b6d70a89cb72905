import { OrganizationEntity } from './organization.entity';
import { Column, ForeignKey, Entity, Index, PrimaryColumn } from 'typeorm';

export const AUDIT_OUTCOMES = ['ok', 'denied', 'error', 'queued'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One MCP request or admin action (CONTRACTS §7). Rows are append-only: `seq` is gap-free per organization and
 * `hash` chains each row to the previous one.
 */
@Entity('audit_events')
@Index('uq_audit_events_organization_seq', ['organizationId', 'seq'], { unique: true })
@Index('ix_audit_events_organization_at', ['organizationId', 'at'])
@Index('ix_audit_events_server_at', ['serverId', 'at'])
// Review filters walk one organization's rows newest first (by seq) within one value of the filter.
@Index('ix_audit_events_org_server_seq', ['organizationId', 'serverId', 'seq'])
@Index('ix_audit_events_org_tool_seq', ['organizationId', 'tool', 'seq'])
@Index('ix_audit_events_org_outcome_seq', ['organizationId', 'outcome', 'seq'])
@Index('ix_audit_events_org_actor_seq', ['organizationId', 'actor', 'seq'])
@Index('ix_audit_events_org_client_seq', ['organizationId', 'clientName', 'seq'])
@Index('ix_audit_events_org_team_seq', ['organizationId', 'teamId', 'seq'])
@Index('ix_audit_events_org_action_seq', ['organizationId', 'action', 'seq'])
@Index('ix_audit_events_org_actor_user_seq', ['organizationId', 'actorUserId', 'seq'])
// Every row of a queued or approved call shares its job id: the audit view follows a call to its approval and back.
@Index('ix_audit_events_org_job_seq', ['organizationId', 'jobId', 'seq'])
// Trigram index for `q` (text in arguments); an expression index TypeORM cannot describe, made by the migration.
@Index('ix_audit_events_arguments_trgm', { synchronize: false })
export class AuditEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('bigint')
  seq: string;

  @Column('timestamptz')
  at: Date;

  @Column('uuid', { name: 'server_id', nullable: true })
  serverId: string | null;

  @Column('uuid', { name: 'team_id', nullable: true })
  teamId: string | null;

  /** `mcp:{server_id}`, `user:{id}` or `token:{id}`. */
  @Column('text')
  actor: string;

  @Column('text', { name: 'client_name', nullable: true })
  clientName: string | null;

  @Column('text', { name: 'client_version', nullable: true })
  clientVersion: string | null;

  @Column('text', { name: 'session_id', nullable: true })
  sessionId: string | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;

  @Column('text')
  action: string;

  @Column('text', { nullable: true })
  tool: string | null;

  @Column('jsonb', { nullable: true })
  arguments: unknown;

  @Column('text')
  outcome: AuditOutcome;

  @Column('jsonb', { name: 'issue_codes' })
  issueCodes: string[];

  @Column('integer', { name: 'upstream_status', nullable: true })
  upstreamStatus: number | null;

  @Column('integer', { name: 'duration_ms', nullable: true })
  durationMs: number | null;

  @Column('text', { name: 'job_id', nullable: true })
  jobId: string | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  /** The W3C trace id of the MCP request (from its `_meta.traceparent`), when the client sent one. */
  @Column('text', { name: 'trace_id', nullable: true })
  traceId: string | null;

  /** The signed-in person the action was for (sign-in MCP servers). */
  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('text', { name: 'actor_email', nullable: true })
  actorEmail: string | null;

  /** The OAuth client that acted for the person. */
  @Column('text', { name: 'oauth_client_id', nullable: true })
  oauthClientId: string | null;

  /** The ClickUp user a tool call acted as. */
  @Column('text', { name: 'clickup_user_id', nullable: true })
  clickupUserId: string | null;

  @Column('text', { name: 'prev_hash' })
  prevHash: string;

  @Column('text')
  hash: string;
}
