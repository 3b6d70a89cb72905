import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console single sign-on: the provider and group mapping of each organization, the IdP account linked to each user
 * (with its sealed refresh token), and the spent `state` of each SSO callback so none is used twice.
 */
export class SsoSignIn1796443210000 implements MigrationInterface {
  name = 'SsoSignIn1796443210000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sso_identities" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "issuer" text NOT NULL,
                "subject" text NOT NULL,
                "refresh_token_ciphertext" text,
                "refresh_token_key_id" text,
                "signed_in_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a8d11d478e6dc2743d407a7456a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sso_identities_user" ON "sso_identities" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sso_identities_issuer_subject" ON "sso_identities" ("issuer", "subject")
        `);
    await queryRunner.query(`
            CREATE TABLE "sso_settings" (
                "organization_id" uuid NOT NULL,
                "issuer_url" text,
                "client_id" text,
                "client_secret_ciphertext" text,
                "client_secret_key_id" text,
                "groups_claim" text NOT NULL DEFAULT 'groups',
                "button_label" text,
                "scopes" text NOT NULL DEFAULT 'openid email profile',
                "group_rules" jsonb NOT NULL DEFAULT '[]'::jsonb,
                "password_sign_in" text NOT NULL DEFAULT 'everyone',
                "break_glass_user_ids" jsonb NOT NULL DEFAULT '[]'::jsonb,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2da1d6adf800509ac95bd7d305e" PRIMARY KEY ("organization_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "sso_spent_states" (
                "state_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_ff52ce3d24ff330f7e0d8a0ff18" PRIMARY KEY ("state_hash")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sso_spent_states_expires_at" ON "sso_spent_states" ("expires_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "sso_identities"
            ADD CONSTRAINT "FK_17b0ed9f37917807a7072f71f96" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sso_settings"
            ADD CONSTRAINT "FK_2da1d6adf800509ac95bd7d305e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sso_settings" DROP CONSTRAINT "FK_2da1d6adf800509ac95bd7d305e"
        `);
    await queryRunner.query(`
            ALTER TABLE "sso_identities" DROP CONSTRAINT "FK_17b0ed9f37917807a7072f71f96"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sso_spent_states_expires_at"
        `);
    await queryRunner.query(`
            DROP TABLE "sso_spent_states"
        `);
    await queryRunner.query(`
            DROP TABLE "sso_settings"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_sso_identities_issuer_subject"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_sso_identities_user"
        `);
    await queryRunner.query(`
            DROP TABLE "sso_identities"
        `);
  }
}
