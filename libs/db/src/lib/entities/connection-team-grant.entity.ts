import { ClickUpConnectionEntity } from './clickup-connection.entity';
import { TeamEntity } from './team.entity';
import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A team whose members may build MCP servers on a connection; owners and admins need no grant. */
@Entity('connection_team_grants')
@Index('ix_connection_team_grants_team', ['teamId'])
export class ConnectionTeamGrantEntity {
  @ForeignKey(() => ClickUpConnectionEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn('uuid', { name: 'connection_id' })
  connectionId: string;

  @ForeignKey(() => TeamEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn('uuid', { name: 'team_id' })
  teamId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
