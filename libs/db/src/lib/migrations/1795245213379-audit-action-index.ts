import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditActionIndex1795245213379 implements MigrationInterface {
  name = 'AuditActionIndex1795245213379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_action_seq" ON "audit_events" ("organization_id", "action", "seq")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_org_action_seq"
        `);
  }
}
