import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClickUpRateBudgets1795242020105 implements MigrationInterface {
  name = 'ClickUpRateBudgets1795242020105';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "clickup_rate_budgets" (
                "fingerprint" text NOT NULL,
                "limit_per_window" integer NOT NULL,
                "reset_at" bigint NOT NULL,
                "granted" integer NOT NULL,
                "known" boolean NOT NULL,
                "probe_until" bigint NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9aa1a13eba4e747cb779d2f3223" PRIMARY KEY ("fingerprint")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "clickup_rate_budgets"
        `);
  }
}
