import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `approval_webhooks`: one webhook per team for approval notifications, its URL and signing secret sealed with the
 * encryption key. Deliveries live in the `notifications` queue, so there is no table for them.
 */
export class ApprovalWebhooks1796472000000 implements MigrationInterface {
  name = 'ApprovalWebhooks1796472000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "approval_webhooks" (
                "team_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "url_ciphertext" text NOT NULL,
                "url_key_id" text NOT NULL,
                "secret_ciphertext" text NOT NULL,
                "secret_key_id" text NOT NULL,
                "secret_hint" text NOT NULL,
                "secret_created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "created_by_user_id" uuid,
                "updated_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a4d326d64fab642f4a25a47f58e" PRIMARY KEY ("team_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_approval_webhooks_organization" ON "approval_webhooks" ("organization_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "approval_webhooks"
            ADD CONSTRAINT "FK_a4d326d64fab642f4a25a47f58e" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "approval_webhooks"
            ADD CONSTRAINT "FK_25933ee282a225d645195703d94" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "approval_webhooks" DROP CONSTRAINT "FK_25933ee282a225d645195703d94"
        `);
    await queryRunner.query(`
            ALTER TABLE "approval_webhooks" DROP CONSTRAINT "FK_a4d326d64fab642f4a25a47f58e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_approval_webhooks_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "approval_webhooks"
        `);
  }
}
