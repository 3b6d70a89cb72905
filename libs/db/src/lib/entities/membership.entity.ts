import { UserEntity } from './user.entity';
import { TeamEntity } from './team.entity';
import { Column, ForeignKey, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user's place in a team; a `member` manages the MCP servers of its teams. */
@Entity('memberships')
@Index('uq_memberships_team_user', ['teamId', 'userId'], { unique: true })
@Index('ix_memberships_user', ['userId'])
export class MembershipEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => TeamEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'team_id' })
  teamId: string;

  @ForeignKey(() => UserEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
