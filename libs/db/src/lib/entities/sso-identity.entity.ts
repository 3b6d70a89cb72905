import { UserEntity } from './user.entity';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A user's account at the OpenID provider: matched by issuer and subject after the first sign-in. The IdP's refresh
 * token, when it gave one, is sealed with the encryption key (bound to the identity id) and lets the gateway ask
 * the IdP later whether the person is still active there.
 */
@Entity('sso_identities')
@Index('uq_sso_identities_issuer_subject', ['issuer', 'subject'], { unique: true })
@Index('uq_sso_identities_user', ['userId'], { unique: true })
export class SsoIdentityEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => UserEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  issuer: string;

  @Column('text')
  subject: string;

  @Column('text', { name: 'refresh_token_ciphertext', nullable: true })
  refreshTokenCiphertext: string | null;

  @Column('text', { name: 'refresh_token_key_id', nullable: true })
  refreshTokenKeyId: string | null;

  @Column('timestamptz', { name: 'signed_in_at' })
  signedInAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
