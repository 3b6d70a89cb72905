import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_checkpoints`: the worker's Ed25519-signed checkpoints of each organization's audit chain. The primary key
 * (organization_id, seq) keeps one checkpoint per chain position across several workers.
 */
export class AuditCheckpoints1796480000000 implements MigrationInterface {
  name = 'AuditCheckpoints1796480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_checkpoints" (
                "organization_id" uuid NOT NULL,
                "seq" bigint NOT NULL,
                "hash" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "every_events" integer NOT NULL,
                "every_minutes" integer NOT NULL,
                "key_id" text NOT NULL,
                "public_key" text NOT NULL,
                "signature" text NOT NULL,
                CONSTRAINT "PK_d89814a6229254b0c6ba27595aa" PRIMARY KEY ("organization_id", "seq")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_checkpoints"
            ADD CONSTRAINT "FK_23c06a9759bae645e332c5587bc" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_checkpoints" DROP CONSTRAINT "FK_23c06a9759bae645e332c5587bc"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_checkpoints"
        `);
  }
}
