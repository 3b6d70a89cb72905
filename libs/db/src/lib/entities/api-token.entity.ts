import { OrganizationEntity } from './organization.entity';
import { Column, ForeignKey, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from './user.entity';

/** A bearer token for automation, or the second factor of an MCP server. Only its SHA-256 is stored. */
@Entity('api_tokens')
@Index('uq_api_tokens_token_hash', ['tokenHash'], { unique: true })
@Index('ix_api_tokens_organization', ['organizationId'])
export class ApiTokenEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'created_by_user_id', nullable: true })
  createdByUserId: string | null;

  @Column('text')
  name: string;

  @Column('text')
  role: Role;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  /** The first characters of the token, so an admin can tell tokens apart without seeing them. */
  @Column('text', { name: 'token_prefix' })
  tokenPrefix: string;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
