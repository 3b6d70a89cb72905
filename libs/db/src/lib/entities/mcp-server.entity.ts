import type { ApprovalMode, CatalogMode } from '@gw/tool-filters';
import { TeamEntity } from './team.entity';
import { ClickUpConnectionEntity } from './clickup-connection.entity';
import { OrganizationEntity } from './organization.entity';
import {
  Column,
  ForeignKey,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

export interface McpServerConfig {
  methods: string[];
  tags: string[];
  require_api_token_auth: boolean;
  /**
   * Lets a server pinned to spaces reach workspace-level objects, which no space contains: goals and the member
   * directory. Absent on rows written before it existed: read as false.
   */
  allow_workspace_objects?: boolean;
  /**
   * How agents reach the server: its secret URL (`url`), OAuth sign-in at `/mcp/servers/{id}` (`sign_in`), or
   * either (`url_and_sign_in`). Absent on rows written before it existed: read as `url`.
   */
  access_mode?: McpAccessMode;
  /**
   * People who may sign in to the server besides its team's members, the admins and the owners: user ids and
   * team ids an admin lists. Absent: nobody else.
   */
  sign_in_user_ids?: string[];
  sign_in_team_ids?: string[];
  /**
   * Whose ClickUp account a call acts as: the server's connection (`connection`), or the signed-in caller's own
   * linked account (`caller`), so ClickUp's own permissions apply too. Absent: `connection`.
   */
  clickup_account?: McpClickUpAccount;
  /**
   * Which calls wait for a person's approval before they run, who may approve them, and for how long a request
   * stays open. Absent on rows written before it existed, or when nothing needs approval.
   */
  approval?: ApprovalPolicy;
  /**
   * How `tools/list` shows the server's tools: every one with its schemas (`full`), or only tool_search,
   * tool_describe and tool_call (`progressive`), for clients with small contexts. Absent: `full`.
   */
  catalog?: CatalogMode;
}

export { APPROVAL_MODES, DEFAULT_APPROVAL_TTL_MINUTES, type ApprovalMode } from '@gw/tool-filters';

export interface ApprovalPolicy {
  mode: ApprovalMode;
  /** The tools named by the mode (`tools`), or marked destructive besides every delete (`destructive`). */
  tools?: string[];
  /**
   * Who may approve besides nobody else: the members of a team and named users. Absent: the organization's owners
   * and admins. The person (or, at a secret URL, the server's creator) whose call it is never approves it.
   */
  approvers?: { team_id?: string; user_ids?: string[] };
  /** Tools whose calls need a second approval by a different person. */
  second_approver_tools?: string[];
  /**
   * Only calls that touch more than this many tasks need approval (a task deleted with its subtasks, a list with its
   * tasks), as the preview read from ClickUp counts them; a call whose count cannot be read waits. Absent: every call.
   */
  min_tasks?: number;
  /** Minutes a request waits for a decision before it expires. Absent: 60. */
  ttl_minutes?: number;
}

export const MCP_ACCESS_MODES = ['url', 'sign_in', 'url_and_sign_in'] as const;
export type McpAccessMode = (typeof MCP_ACCESS_MODES)[number];

export const MCP_CLICKUP_ACCOUNTS = ['connection', 'caller'] as const;
export type McpClickUpAccount = (typeof MCP_CLICKUP_ACCOUNTS)[number];

/** Whether a server answers at its secret URL, at its sign-in URL, or both. */
export function acceptsSecretUrl(config: Pick<McpServerConfig, 'access_mode'>): boolean {
  return (config.access_mode ?? 'url') !== 'sign_in';
}
export function acceptsSignIn(config: Pick<McpServerConfig, 'access_mode'>): boolean {
  return (config.access_mode ?? 'url') !== 'url';
}

/** One secret MCP URL: a ClickUp workspace (and optionally spaces) seen through method and tag filters. */
@Entity('mcp_servers')
@Index('uq_mcp_servers_token_hash', ['tokenHash'], { unique: true })
@Index('ix_mcp_servers_organization', ['organizationId'])
@Index('ix_mcp_servers_connection', ['connectionId'])
// Every api process polls for rows changed since its last look, to drop cached servers within a second.
@Index('ix_mcp_servers_updated_at', ['updatedAt'])
@Index('ix_mcp_servers_change_xid', ['changeXid'])
export class McpServerEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ForeignKey(() => ClickUpConnectionEntity, { onDelete: 'RESTRICT' })
  @Column('uuid', { name: 'connection_id' })
  connectionId: string;

  @ForeignKey(() => TeamEntity, { onDelete: 'SET NULL' })
  @Column('uuid', { name: 'team_id', nullable: true })
  teamId: string | null;

  @Column('text')
  name: string;

  @Column('text', { name: 'workspace_id' })
  workspaceId: string;

  @Column('jsonb', { name: 'space_ids' })
  spaceIds: string[];

  @Column('jsonb')
  config: McpServerConfig;

  /** SHA-256 of the URL token; null once the server expired and its token was purged. */
  @Column('text', { name: 'token_hash', nullable: true })
  tokenHash: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('text', { name: 'last_client_name', nullable: true })
  lastClientName: string | null;

  @Column('text', { name: 'last_client_ip', nullable: true })
  lastClientIp: string | null;

  @Column('uuid', { name: 'created_by_user_id', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /**
   * The id of the transaction that last changed what a request sees (a trigger sets it; last-use columns do not
   * count): the version the api's server cache compares, and what its poll reads by (ADR 0004).
   */
  @Column('bigint', { name: 'change_xid', default: 0 })
  changeXid: string;
}
