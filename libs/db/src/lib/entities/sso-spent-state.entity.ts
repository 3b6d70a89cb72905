import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The `state` of every SSO callback that got as far as the code exchange (SHA-256 only), kept until the sign-in
 * attempt would have expired anyway, so one authorization response cannot be used twice.
 */
@Entity('sso_spent_states')
@Index('ix_sso_spent_states_expires_at', ['expiresAt'])
export class SsoSpentStateEntity {
  @PrimaryColumn('text', { name: 'state_hash' })
  stateHash: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
