import { MigrationInterface, QueryRunner } from 'typeorm';

export class Pauses1796471000000 implements MigrationInterface {
  name = 'Pauses1796471000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "pauses" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "scope" character varying(16) NOT NULL,
                "target_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "resumed_at" TIMESTAMP WITH TIME ZONE,
                "resumed_by_user_id" uuid,
                "resume_reason" text,
                "queued" character varying(16) NOT NULL DEFAULT 'held',
                CONSTRAINT "PK_43fc643818a519ae52f57253c98" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_pauses_organization_created" ON "pauses" ("organization_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_pauses_active_scope" ON "pauses" ("organization_id", "scope", "target_id")
            WHERE "resumed_at" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "pauses"
            ADD CONSTRAINT "FK_3f91faf166d90e5e71e1f96de45" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "pauses" DROP CONSTRAINT "FK_3f91faf166d90e5e71e1f96de45"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_pauses_active_scope"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_pauses_organization_created"
        `);
    await queryRunner.query(`
            DROP TABLE "pauses"
        `);
  }
}
