import { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityEvents1796412405268 implements MigrationInterface {
  name = 'SecurityEvents1796412405268';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "security_events" (
                "minute" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ip" character varying(64) NOT NULL,
                "reason" character varying(32) NOT NULL,
                "count" integer NOT NULL,
                CONSTRAINT "PK_9db9b048e477e4937e5189a104f" PRIMARY KEY ("minute", "ip", "reason")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "security_events"
        `);
  }
}
