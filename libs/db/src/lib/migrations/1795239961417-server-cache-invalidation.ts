import { MigrationInterface, QueryRunner } from 'typeorm';

export class ServerCacheInvalidation1795239961417 implements MigrationInterface {
  name = 'ServerCacheInvalidation1795239961417';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "clickup_connections"
            ADD "deleted_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_clickup_connections_updated_at" ON "clickup_connections" ("updated_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mcp_servers_updated_at" ON "mcp_servers" ("updated_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_mcp_servers_updated_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_clickup_connections_updated_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "clickup_connections" DROP COLUMN "deleted_at"
        `);
  }
}
