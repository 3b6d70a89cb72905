import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditChains1795240571906 implements MigrationInterface {
  name = 'AuditChains1795240571906';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Text search in arguments (`q`) on a million rows needs a trigram index.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_arguments_trgm" ON "audit_events" USING gin ((arguments::text) gin_trgm_ops)`,
    );
    await queryRunner.query(`
            CREATE TABLE "audit_chains" (
                "organization_id" uuid NOT NULL,
                "last_seq" bigint NOT NULL,
                "last_hash" text NOT NULL,
                "anchor_seq" bigint NOT NULL,
                "anchor_hash" text NOT NULL,
                CONSTRAINT "PK_82a45e020aa4fbfc02fa2c001a1" PRIMARY KEY ("organization_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_team_seq" ON "audit_events" ("organization_id", "team_id", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_client_seq" ON "audit_events" ("organization_id", "client_name", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_actor_seq" ON "audit_events" ("organization_id", "actor", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_outcome_seq" ON "audit_events" ("organization_id", "outcome", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_tool_seq" ON "audit_events" ("organization_id", "tool", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_server_seq" ON "audit_events" ("organization_id", "server_id", "seq")
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_chains"
            ADD CONSTRAINT "FK_82a45e020aa4fbfc02fa2c001a1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_events_arguments_trgm"`);
    await queryRunner.query(`
            ALTER TABLE "audit_chains" DROP CONSTRAINT "FK_82a45e020aa4fbfc02fa2c001a1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_org_server_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_org_tool_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_org_outcome_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_org_actor_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_org_client_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_org_team_seq"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_chains"
        `);
  }
}
