import { OrganizationEntity } from './organization.entity';
import { TeamEntity } from './team.entity';
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
 * Where a team's approvers are told of new approval requests: one webhook per team. The URL (a Slack incoming
 * webhook URL is itself a credential) and the signing secret are AES-256-GCM sealed under a key id, each bound to
 * the team and the field. Deliveries are jobs of the `notifications` queue, not rows.
 */
@Entity('approval_webhooks')
@Index('ix_approval_webhooks_organization', ['organizationId'])
export class ApprovalWebhookEntity {
  @ForeignKey(() => TeamEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn('uuid', { name: 'team_id' })
  teamId: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text', { name: 'url_ciphertext' })
  urlCiphertext: string;

  @Column('text', { name: 'url_key_id' })
  urlKeyId: string;

  @Column('text', { name: 'secret_ciphertext' })
  secretCiphertext: string;

  @Column('text', { name: 'secret_key_id' })
  secretKeyId: string;

  /** The secret's last four characters, so an admin can tell which one a receiver holds. */
  @Column('text', { name: 'secret_hint' })
  secretHint: string;

  @Column('timestamptz', { name: 'secret_created_at' })
  secretCreatedAt: Date;

  /** Off: no notification is sent, and pending deliveries fail when their turn comes. */
  @Column('boolean', { default: true })
  enabled: boolean;

  @Column('uuid', { name: 'created_by_user_id', nullable: true })
  createdByUserId: string | null;

  @Column('uuid', { name: 'updated_by_user_id', nullable: true })
  updatedByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
