import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClickUpRateBudgetOpenedAt1795246245174 implements MigrationInterface {
  name = 'ClickUpRateBudgetOpenedAt1795246245174';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "clickup_rate_budgets"
            ADD "opened_at" bigint NOT NULL DEFAULT '0'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "clickup_rate_budgets" DROP COLUMN "opened_at"
        `);
  }
}
