import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_sinks`: where each organization's audit chain is streamed (webhook, syslog, OTLP), each with its durable
 * cursor (the last acknowledged seq), its delivery state and the lease of the worker that delivers for it.
 */
export class AuditSinks1796481000000 implements MigrationInterface {
  name = 'AuditSinks1796481000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_sinks" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "settings" jsonb NOT NULL,
                "secret_ciphertext" text,
                "secret_key_id" text,
                "secret_hint" text,
                "paused" boolean NOT NULL DEFAULT false,
                "cursor_seq" bigint NOT NULL DEFAULT '0',
                "checkpoint_seq" bigint NOT NULL DEFAULT '0',
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "failures" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "last_error_at" TIMESTAMP WITH TIME ZONE,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE,
                "lease_owner" text,
                "lease_until" TIMESTAMP WITH TIME ZONE,
                "test_requested_at" TIMESTAMP WITH TIME ZONE,
                "tested_at" TIMESTAMP WITH TIME ZONE,
                "test_error" text,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_becdc3169e0bd21e0a5f63021b6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_sinks_organization_name" ON "audit_sinks" ("organization_id", "name")
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_sinks"
            ADD CONSTRAINT "FK_31ccc68fffbe02fb0c82e4c5c86" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_sinks" DROP CONSTRAINT "FK_31ccc68fffbe02fb0c82e4c5c86"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_sinks_organization_name"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_sinks"
        `);
  }
}
