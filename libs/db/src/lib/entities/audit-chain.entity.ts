import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity';

/**
 * The head and the anchor of one organization's audit hash chain. Appends lock this row, which makes `seq`
 * gap-free across api processes; the anchor moves forward when retention purges old rows, so the chain that
 * remains still verifies from its first row.
 */
@Entity('audit_chains')
export class AuditChainEntity {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  @ForeignKey(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  organizationId: string;

  @Column('bigint', { name: 'last_seq' })
  lastSeq: string;

  @Column('text', { name: 'last_hash' })
  lastHash: string;

  /** The seq the oldest kept row must have. */
  @Column('bigint', { name: 'anchor_seq' })
  anchorSeq: string;

  /** The hash the oldest kept row must point back to. */
  @Column('text', { name: 'anchor_hash' })
  anchorHash: string;
}
