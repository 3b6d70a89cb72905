import type { ApprovalPolicy } from './mcp-server.entity';
import { OrganizationEntity } from './organization.entity';
import { TeamEntity } from './team.entity';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What the members of a team may build, set by an admin. Empty lists mean "no restriction on this axis";
 * a team without a row gets the default policy of the api (read methods only).
 */
@Entity('team_policies')
@Index('ix_team_policies_organization', ['organizationId'])
export class TeamPolicyEntity {
  @ForeignKey(() => TeamEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn('uuid', { name: 'team_id' })
  teamId: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('jsonb', { name: 'connection_ids' })
  connectionIds: string[];

  @Column('jsonb', { name: 'workspace_ids' })
  workspaceIds: string[];

  @Column('jsonb')
  tags: string[];

  @Column('jsonb')
  methods: string[];

  @Column('boolean', { name: 'require_space_pinning' })
  requireSpacePinning: boolean;

  @Column('boolean', { name: 'require_api_token_auth' })
  requireApiTokenAuth: boolean;

  @Column('integer', { name: 'max_expiry_days', nullable: true })
  maxExpiryDays: number | null;

  /** The approval policy a new server of the team gets when its body names none; null: none. */
  @Column('jsonb', { nullable: true })
  approval: ApprovalPolicy | null;

  @Column('uuid', { name: 'updated_by_user_id', nullable: true })
  updatedByUserId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
