import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A tool call that may write, from before its first ClickUp request until its audit row commits. `id` is the id its
 * audit row will have; `record` is the row to append, already redacted and clipped, should its process die first.
 */
@Entity('calls_in_flight')
@Index('ix_calls_in_flight_instance', ['instanceId'])
export class CallInFlightEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_calls_in_flight' })
  id: string;

  /** The api process running the call (`api_heartbeats`). */
  @Column('uuid', { name: 'instance_id' })
  instanceId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'server_id', nullable: true })
  serverId: string | null;

  @Column('text', { nullable: true })
  tool: string | null;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('jsonb')
  record: unknown;
}
