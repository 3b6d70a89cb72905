import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who an audit row's action was for: the signed-in person (`actor_user_id`, `actor_email`), the OAuth client that
 * acted for them (`oauth_client_id`) and the ClickUp user a call acted as (`clickup_user_id`). Nullable, and hashed
 * only when set, so existing rows and chains verify unchanged. An index serves the audit log's filter by person.
 */
export class AuditPerson1796440000000 implements MigrationInterface {
  name = 'AuditPerson1796440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ADD "actor_user_id" uuid,
            ADD "actor_email" text,
            ADD "oauth_client_id" text,
            ADD "clickup_user_id" text
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_actor_user_seq" ON "audit_events" ("organization_id", "actor_user_id", "seq")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_events_org_actor_user_seq"`);
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            DROP COLUMN "clickup_user_id",
            DROP COLUMN "oauth_client_id",
            DROP COLUMN "actor_email",
            DROP COLUMN "actor_user_id"
        `);
  }
}
