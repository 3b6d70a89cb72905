import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The authorization server's own keys (its signing keys and the keys that sign its cookies), created once by
 * whichever api process starts first and shared by every replica, so each accepts what another issued. Sealed with
 * ENCRYPTION_KEY, bound to the row's name.
 */
@Entity('oauth_provider_keys')
export class OAuthProviderKeyEntity {
  /** `jwks` or `cookies`. */
  @PrimaryColumn('varchar', { length: 32 })
  name: string;

  @Column('text')
  ciphertext: string;

  @Column('text', { name: 'key_id' })
  keyId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
