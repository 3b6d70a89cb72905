import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityLifecycle1796412372969 implements MigrationInterface {
  name = 'IdentityLifecycle1796412372969';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "password_resets" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_password_resets_user" ON "password_resets" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_password_resets_token_hash" ON "password_resets" ("token_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
    await queryRunner.query(`
            ALTER TABLE "password_resets"
            ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "password_resets" DROP CONSTRAINT "FK_f7a4c3bc48f24df007936d217be"
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP COLUMN "last_seen_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_password_resets_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_password_resets_user"
        `);
    await queryRunner.query(`
            DROP TABLE "password_resets"
        `);
  }
}
