import { McpServerEntity } from './mcp-server.entity';
import { OrganizationEntity } from './organization.entity';
import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * `pending`: waiting for a decision. `approved`: decided, its call queued (job id = approval id). `rejected`: refused
 * by an approver, or withdrawn by its requester. `expired`: nobody decided in time. `executed`: the queue finished
 * the call; `result` is its envelope, ok or not.
 */
export const APPROVAL_STATES = ['pending', 'approved', 'rejected', 'expired', 'executed'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** One person's decision on a request, in the order they came. */
export interface ApprovalDecision {
  user_id: string;
  email: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
}

/**
 * The MCP request a call waiting for approval came in, kept so the queued job it becomes records the same client,
 * session and person as the request did. Same shape as `ToolCallJobPayload['origin']`.
 */
export interface ApprovalOrigin {
  client_name: string | null;
  client_version: string | null;
  session_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  traceparent?: string | null;
  caller?: { user_id: string; email: string; oauth_client_id: string } | null;
}

/**
 * A tool call held for a person's approval. Its id is also the id of the `tool-call` job that carries the call out
 * once approved, so the audit rows of the request, the decisions and the execution share one `job_id`. The call is
 * bound to `call_hash` (server, requester, tool and arguments): the worker refuses a job whose call differs.
 */
@Entity('approvals')
@Index('ix_approvals_inbox', ['organizationId', 'state', 'createdAt'])
@Index('ix_approvals_server', ['serverId', 'createdAt'])
export class ApprovalEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ForeignKey(() => McpServerEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'server_id' })
  serverId: string;

  /** The server's team when the call was made. */
  @Column('uuid', { name: 'team_id', nullable: true })
  teamId: string | null;

  @Column('text')
  tool: string;

  @Column('jsonb')
  arguments: Record<string, unknown>;

  /** SHA-256 hex of the canonical JSON of `{server_id, requester_user_id, tool, arguments}`. */
  @Column('text', { name: 'call_hash' })
  callHash: string;

  /** The signed-in person who made the call; null at a secret URL, where the server itself asked. */
  @Column('uuid', { name: 'requester_user_id', nullable: true })
  requesterUserId: string | null;

  @Column('text', { name: 'requester_email', nullable: true })
  requesterEmail: string | null;

  @Column('text', { name: 'requester_oauth_client_id', nullable: true })
  requesterOauthClientId: string | null;

  @Column('text', { name: 'requester_client_name', nullable: true })
  requesterClientName: string | null;

  @Column('jsonb')
  origin: ApprovalOrigin;

  @Column('text')
  state: ApprovalState;

  /**
   * Who may decide, as the server's policy named them when the call was made (a team, people); null: the
   * organization's owners and admins.
   */
  @Column('jsonb', { nullable: true })
  approvers: { team_id?: string; user_ids?: string[] } | null;

  /** 1, or 2 for the policy's `second_approver_tools`: approvals by different people. */
  @Column('smallint', { name: 'approvals_required' })
  approvalsRequired: number;

  @Column('jsonb')
  decisions: ApprovalDecision[];

  /** The deciding comment: the rejection's, the last approval's, or why it ended (expired, withdrawn). */
  @Column('text', { nullable: true })
  comment: string | null;

  /** What the call would do, read from ClickUp when it was requested (an `EffectPreview`). */
  @Column('jsonb')
  preview: Record<string, unknown>;

  /** The envelope the call ended with, once executed. */
  @Column('jsonb', { nullable: true })
  result: Record<string, unknown> | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('timestamptz', { name: 'executed_at', nullable: true })
  executedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The state a request shows at `now`: a pending one past its expiry is expired, whether or not its row says so yet. */
export function approvalStateAt(
  approval: Pick<ApprovalEntity, 'state' | 'expiresAt'>,
  now: number,
): ApprovalState {
  return approval.state === 'pending' && approval.expiresAt.getTime() <= now ? 'expired' : approval.state;
}
