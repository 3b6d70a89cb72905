import { OrganizationEntity } from './organization.entity';
import { Column, ForeignKey, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('teams')
@Index('uq_teams_organization_name', ['organizationId', 'name'], { unique: true })
export class TeamEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
