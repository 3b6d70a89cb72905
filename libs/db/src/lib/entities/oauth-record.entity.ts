import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the MCP authorization server (oidc-provider) keeps between requests: grants, codes, access and refresh
 * tokens, interactions, provider sessions and registered clients, one row each. The key is the SHA-256 of the
 * model's id: for opaque tokens and codes the id *is* the secret, so neither the key nor the payload holds it
 * (the payload's `jti` is removed before storing and restored from the presented value on lookup).
 */
@Entity('oauth_records')
@Index('ix_oauth_records_grant', ['grantId'])
@Index('ix_oauth_records_uid', ['uidHash'])
@Index('ix_oauth_records_account', ['model', 'accountId'])
@Index('ix_oauth_records_expires_at', ['expiresAt'])
export class OAuthRecordEntity {
  /** oidc-provider's model name: `Grant`, `AccessToken`, `RefreshToken`, `AuthorizationCode`, `Session`… */
  @PrimaryColumn('varchar', { length: 40 })
  model: string;

  /** SHA-256 (hex) of the model's id. */
  @PrimaryColumn('char', { name: 'id_hash', length: 64 })
  idHash: string;

  /** The model's payload without its id. */
  @Column('jsonb')
  payload: Record<string, unknown>;

  /** The grant a token or code belongs to (a grant row names itself): what revoking a grant deletes. */
  @Column('varchar', { name: 'grant_id', length: 64, nullable: true })
  grantId: string | null;

  /** SHA-256 of a provider session's uid, for `findByUid`. */
  @Column('char', { name: 'uid_hash', length: 64, nullable: true })
  uidHash: string | null;

  /** The signed-in person (`users.id`) of a grant or token. */
  @Column('text', { name: 'account_id', nullable: true })
  accountId: string | null;

  @Column('text', { name: 'client_id', nullable: true })
  clientId: string | null;

  /** The client's name when the person consented, shown in their connected agents (grant rows). */
  @Column('text', { name: 'client_name', nullable: true })
  clientName: string | null;

  /** The resource (RFC 8707) a grant or token is for: `{PUBLIC_URL}/mcp/servers/{id}`. */
  @Column('text', { nullable: true })
  resource: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  /** Set once a code or refresh token is used; a second use revokes its grant. */
  @Column('timestamptz', { name: 'consumed_at', nullable: true })
  consumedAt: Date | null;

  /** When a token of the grant first reached an MCP server (grant rows). */
  @Column('timestamptz', { name: 'first_used_at', nullable: true })
  firstUsedAt: Date | null;

  /** When a token of the grant last reached an MCP server (grant rows; noted at most once a minute per process). */
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
