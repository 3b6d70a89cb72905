import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log's filter by job id: every row of one queued call or one approval (its request, the decisions and the
 * run share the id), found by walking one index instead of the organization's whole chain.
 */
export class AuditJobIndex1796473000000 implements MigrationInterface {
  name = 'AuditJobIndex1796473000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_job_seq" ON "audit_events" ("organization_id", "job_id", "seq")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_events_org_job_seq"`);
  }
}
