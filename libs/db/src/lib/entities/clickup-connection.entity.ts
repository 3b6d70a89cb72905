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

export type ConnectionType = 'personal_token' | 'oauth';

export interface ConnectionWorkspace {
  id: string;
  name: string;
}

/** A ClickUp account the gateway acts as. The credential is AES-256-GCM encrypted under a key id. */
@Entity('clickup_connections')
@Index('ix_clickup_connections_organization', ['organizationId'])
@Index('ix_clickup_connections_updated_at', ['updatedAt'])
@Index('ix_clickup_connections_change_xid', ['changeXid'])
export class ClickUpConnectionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  name: string;

  @Column('text')
  type: ConnectionType;

  @Column('text', { name: 'credential_ciphertext' })
  credentialCiphertext: string;

  @Column('text', { name: 'credential_key_id' })
  credentialKeyId: string;

  /** SHA-256 of the ClickUp token: the key of the shared request budget, never the token itself. */
  @Column('text', { name: 'credential_fingerprint' })
  credentialFingerprint: string;

  @Column('bigint', { name: 'clickup_user_id' })
  clickupUserId: string;

  @Column('text', { name: 'clickup_username' })
  clickupUsername: string;

  @Column('text', { name: 'clickup_email', nullable: true })
  clickupEmail: string | null;

  @Column('jsonb')
  workspaces: ConnectionWorkspace[];

  @Column('uuid', { name: 'created_by_user_id', nullable: true })
  createdByUserId: string | null;

  /** Set when an admin removes the connection: the credential is wiped and its servers revoked; the row stays for the audit trail. */
  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** The id of the transaction that last changed the row (a trigger sets it): see `McpServerEntity.changeXid`. */
  @Column('bigint', { name: 'change_xid', default: 0 })
  changeXid: string;
}
