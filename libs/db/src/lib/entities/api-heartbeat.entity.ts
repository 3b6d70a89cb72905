import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per running api process that may own calls in flight, renewed every few seconds with the database's
 * clock. A row that stops moving means its process is gone: its calls in flight were interrupted.
 */
@Entity('api_heartbeats')
export class ApiHeartbeatEntity {
  @PrimaryColumn('uuid', { name: 'instance_id', primaryKeyConstraintName: 'PK_api_heartbeats' })
  instanceId: string;

  @Column('timestamptz', { name: 'started_at', default: () => 'now()' })
  startedAt: Date;

  @Column('timestamptz', { name: 'beat_at', default: () => 'now()' })
  beatAt: Date;
}
