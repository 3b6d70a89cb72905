import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each person's own ClickUp account (`clickup_linked_accounts`, one per person and organization, the token sealed
 * like a connection's), stamped with `change_xid` by the same trigger as servers and connections so every api
 * process drops its cached copy within a poll; `last_used_at` is bookkeeping that does not count as a change. And
 * `oauth_state_uses`: OAuth states already accepted by a callback, so each works once.
 */
export class ClickUpLinkedAccounts1796450000000 implements MigrationInterface {
  name = 'ClickUpLinkedAccounts1796450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "clickup_linked_accounts" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "clickup_user_id" bigint NOT NULL,
                "clickup_username" text NOT NULL,
                "clickup_email" text,
                "workspaces" jsonb NOT NULL,
                "credential_ciphertext" text NOT NULL,
                "credential_key_id" text NOT NULL,
                "credential_fingerprint" text NOT NULL,
                "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "unlinked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "change_xid" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "PK_b7762f36aa826208b0eb560fd40" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_clickup_linked_accounts_change_xid" ON "clickup_linked_accounts" ("change_xid")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_clickup_linked_accounts_org_user" ON "clickup_linked_accounts" ("organization_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_clickup_linked_accounts_change_xid" BEFORE INSERT OR UPDATE ON "clickup_linked_accounts"
            FOR EACH ROW EXECUTE FUNCTION "stamp_change_xid"('last_used_at')
        `);
    await queryRunner.query(`
            CREATE TABLE "oauth_state_uses" (
                "nonce" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_baccb3114e7de5dcbbb9193f684" PRIMARY KEY ("nonce")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_oauth_state_uses_expires_at" ON "oauth_state_uses" ("expires_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "clickup_linked_accounts"
            ADD CONSTRAINT "FK_06000e5f53b9db8675da5b7ee9f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "clickup_linked_accounts"
            ADD CONSTRAINT "FK_825c4304157471fcd2c02e9faee" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "clickup_linked_accounts" DROP CONSTRAINT "FK_825c4304157471fcd2c02e9faee"
        `);
    await queryRunner.query(`
            ALTER TABLE "clickup_linked_accounts" DROP CONSTRAINT "FK_06000e5f53b9db8675da5b7ee9f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_oauth_state_uses_expires_at"
        `);
    await queryRunner.query(`
            DROP TABLE "oauth_state_uses"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_clickup_linked_accounts_org_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_clickup_linked_accounts_change_xid"
        `);
    await queryRunner.query(`
            DROP TRIGGER "tr_clickup_linked_accounts_change_xid" ON "clickup_linked_accounts"
        `);
    await queryRunner.query(`
            DROP TABLE "clickup_linked_accounts"
        `);
  }
}
