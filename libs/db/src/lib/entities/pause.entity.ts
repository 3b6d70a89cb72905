import { OrganizationEntity } from './organization.entity';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export const PAUSE_SCOPES = ['organization', 'team', 'connection'] as const;
export type PauseScope = (typeof PAUSE_SCOPES)[number];

/** What becomes of the calls a pause held in the queue: held while it lasts, then resumed or discarded. */
export const PAUSE_QUEUED = ['held', 'resumed', 'discarded'] as const;
export type PauseQueued = (typeof PAUSE_QUEUED)[number];

/**
 * The kill switch: while a row has no `resumed_at`, no MCP call of its scope runs (the organization, one team's
 * servers, or one connection's servers) and queued calls of that scope hold. At most one active pause per scope
 * (the partial unique index); every api process polls the active rows, which that same index holds.
 */
@Entity('pauses')
@Index('uq_pauses_active_scope', ['organizationId', 'scope', 'targetId'], {
  unique: true,
  where: '"resumed_at" IS NULL',
})
@Index('ix_pauses_organization_created', ['organizationId', 'createdAt'])
export class PauseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('varchar', { length: 16 })
  scope: PauseScope;

  /** The organization's, team's or connection's id. */
  @Column('uuid', { name: 'target_id' })
  targetId: string;

  @Column('text')
  reason: string;

  /** Null when an API token without a user paused it. */
  @Column('uuid', { name: 'created_by_user_id', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'resumed_at', nullable: true })
  resumedAt: Date | null;

  @Column('uuid', { name: 'resumed_by_user_id', nullable: true })
  resumedByUserId: string | null;

  @Column('text', { name: 'resume_reason', nullable: true })
  resumeReason: string | null;

  @Column('varchar', { length: 16, default: 'held' })
  queued: PauseQueued;
}
