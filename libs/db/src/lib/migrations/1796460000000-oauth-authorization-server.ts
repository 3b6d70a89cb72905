import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storage of the MCP authorization server: its records (grants, codes, tokens, sessions, clients), keyed by the
 * SHA-256 of their ids, and its own keys, sealed with ENCRYPTION_KEY.
 */
export class OAuthAuthorizationServer1796460000000 implements MigrationInterface {
  name = 'OAuthAuthorizationServer1796460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "oauth_provider_keys" (
                "name" character varying(32) NOT NULL,
                "ciphertext" text NOT NULL,
                "key_id" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b0faa9470f031b576ccb2abb811" PRIMARY KEY ("name")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "oauth_records" (
                "model" character varying(40) NOT NULL,
                "id_hash" character(64) NOT NULL,
                "payload" jsonb NOT NULL,
                "grant_id" character varying(64),
                "uid_hash" character(64),
                "account_id" text,
                "client_id" text,
                "client_name" text,
                "resource" text,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "consumed_at" TIMESTAMP WITH TIME ZONE,
        "first_used_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_923ed951e3f1929531bab1a9abd" PRIMARY KEY ("model", "id_hash")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_oauth_records_expires_at" ON "oauth_records" ("expires_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_oauth_records_account" ON "oauth_records" ("model", "account_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_oauth_records_uid" ON "oauth_records" ("uid_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_oauth_records_grant" ON "oauth_records" ("grant_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_oauth_records_grant"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_oauth_records_uid"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_oauth_records_account"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_oauth_records_expires_at"
        `);
    await queryRunner.query(`
            DROP TABLE "oauth_records"
        `);
    await queryRunner.query(`
            DROP TABLE "oauth_provider_keys"
        `);
  }
}
