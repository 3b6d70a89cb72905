import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_events.trace_id`: the W3C trace id an MCP request carried in `_meta.traceparent`, so an audit row can be
 * found from a trace. Nullable, and hashed only when set, so existing rows and chains verify unchanged.
 */
export class AuditTraceId1796425925189 implements MigrationInterface {
  name = 'AuditTraceId1796425925189';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ADD "trace_id" text
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_events" DROP COLUMN "trace_id"
        `);
  }
}
