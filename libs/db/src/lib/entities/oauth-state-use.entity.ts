import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The OAuth `state` values a callback has already accepted, kept until they would have expired anyway, so a state
 * (and the browser redirect carrying it) works once.
 */
@Entity('oauth_state_uses')
@Index('ix_oauth_state_uses_expires_at', ['expiresAt'])
export class OAuthStateUseEntity {
  /** The state's random nonce. */
  @PrimaryColumn('text')
  nonce: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
