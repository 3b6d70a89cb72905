import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity';

/**
 * A signed checkpoint of one organization's audit chain: the hash of the row at `seq`, signed with Ed25519 by the
 * worker. The primary key makes one checkpoint per (chain, seq) however many workers sign. Kept after retention
 * purges the rows: archives and verifiers check the purged ranges against them.
 */
@Entity('audit_checkpoints')
export class AuditCheckpointEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  @ForeignKey(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  organizationId: string;

  @PrimaryColumn('bigint')
  seq: string;

  @Column('text')
  hash: string;

  /** When it was signed; part of the signed payload. */
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** The policy in force when signed (part of the signed payload), so verifiers know the longest allowed gap. */
  @Column('integer', { name: 'every_events' })
  everyEvents: number;

  @Column('integer', { name: 'every_minutes' })
  everyMinutes: number;

  /** First 16 hex digits of the SHA-256 of the signing key's public key (SPKI, DER). */
  @Column('text', { name: 'key_id' })
  keyId: string;

  /** The signer's public key (PEM), for operators; verifiers trust only the keys they are given. */
  @Column('text', { name: 'public_key' })
  publicKey: string;

  /** Ed25519 signature, base64. */
  @Column('text')
  signature: string;
}
