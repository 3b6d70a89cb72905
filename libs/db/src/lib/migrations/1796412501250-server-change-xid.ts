import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `change_xid`: the transaction that last changed a server or connection row, set by a trigger so no writer can
 * forget it. The api's server cache compares it as the row's version and polls by it against the snapshot horizon
 * (ADR 0004). Columns listed as trigger arguments are bookkeeping a request never sees (last use).
 */
export class ServerChangeXid1796412501250 implements MigrationInterface {
  name = 'ServerChangeXid1796412501250';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "clickup_connections"
            ADD "change_xid" bigint NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "mcp_servers"
            ADD "change_xid" bigint NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_clickup_connections_change_xid" ON "clickup_connections" ("change_xid")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mcp_servers_change_xid" ON "mcp_servers" ("change_xid")
        `);
    await queryRunner.query(`
            CREATE FUNCTION "stamp_change_xid"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' OR (to_jsonb(NEW) - TG_ARGV) IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV) THEN
                NEW.change_xid := pg_current_xact_id()::text::bigint;
              END IF;
              RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_mcp_servers_change_xid" BEFORE INSERT OR UPDATE ON "mcp_servers"
            FOR EACH ROW EXECUTE FUNCTION "stamp_change_xid"('last_used_at', 'last_client_name', 'last_client_ip')
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_clickup_connections_change_xid" BEFORE INSERT OR UPDATE ON "clickup_connections"
            FOR EACH ROW EXECUTE FUNCTION "stamp_change_xid"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "tr_clickup_connections_change_xid" ON "clickup_connections"
        `);
    await queryRunner.query(`
            DROP TRIGGER "tr_mcp_servers_change_xid" ON "mcp_servers"
        `);
    await queryRunner.query(`
            DROP FUNCTION "stamp_change_xid"()
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_mcp_servers_change_xid"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_clickup_connections_change_xid"
        `);
    await queryRunner.query(`
            ALTER TABLE "mcp_servers" DROP COLUMN "change_xid"
        `);
    await queryRunner.query(`
            ALTER TABLE "clickup_connections" DROP COLUMN "change_xid"
        `);
  }
}
