import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';
import type { ConnectionWorkspace } from './clickup-connection.entity';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A person's own ClickUp account, linked through ClickUp's OAuth so servers set to act as their caller use it. One
 * row per person and organization: relinking rewrites it, unlinking wipes its credential and keeps the row, so the
 * change reaches every process's cache through `change_xid` like server and connection changes do. The token is
 * AES-256-GCM encrypted under a key id, bound to the row id.
 */
@Entity('clickup_linked_accounts')
@Index('uq_clickup_linked_accounts_org_user', ['organizationId', 'userId'], { unique: true })
@Index('ix_clickup_linked_accounts_change_xid', ['changeXid'])
export class ClickUpLinkedAccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ForeignKey(() => UserEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('bigint', { name: 'clickup_user_id' })
  clickupUserId: string;

  @Column('text', { name: 'clickup_username' })
  clickupUsername: string;

  @Column('text', { name: 'clickup_email', nullable: true })
  clickupEmail: string | null;

  /** The workspaces the person ticked on ClickUp's consent page: all an OAuth token reaches. */
  @Column('jsonb')
  workspaces: ConnectionWorkspace[];

  /** Empty once unlinked. */
  @Column('text', { name: 'credential_ciphertext' })
  credentialCiphertext: string;

  @Column('text', { name: 'credential_key_id' })
  credentialKeyId: string;

  /** SHA-256 of the token: its key in the shared request budget, never the token itself. */
  @Column('text', { name: 'credential_fingerprint' })
  credentialFingerprint: string;

  @Column('timestamptz', { name: 'linked_at' })
  linkedAt: Date;

  /** Null while linked. */
  @Column('timestamptz', { name: 'unlinked_at', nullable: true })
  unlinkedAt: Date | null;

  /** Bookkeeping written by calls; the trigger leaves `change_xid` alone when only this changes. */
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  /** The id of the transaction that last changed the row (a trigger sets it): see `McpServerEntity.changeXid`. */
  @Column('bigint', { name: 'change_xid', default: 0 })
  changeXid: string;
}
