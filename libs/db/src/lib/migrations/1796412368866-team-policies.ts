import { MigrationInterface, QueryRunner } from 'typeorm';

export class TeamPolicies1796412368866 implements MigrationInterface {
  name = 'TeamPolicies1796412368866';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "connection_team_grants" (
                "connection_id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f247d094801c189aca37bdbbb90" PRIMARY KEY ("connection_id", "team_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_connection_team_grants_team" ON "connection_team_grants" ("team_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "team_policies" (
                "team_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "connection_ids" jsonb NOT NULL,
                "workspace_ids" jsonb NOT NULL,
                "tags" jsonb NOT NULL,
                "methods" jsonb NOT NULL,
                "require_space_pinning" boolean NOT NULL,
                "require_api_token_auth" boolean NOT NULL,
                "max_expiry_days" integer,
                "updated_by_user_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1e3698bfae79255703977b0afcd" PRIMARY KEY ("team_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_team_policies_organization" ON "team_policies" ("organization_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "connection_team_grants"
            ADD CONSTRAINT "FK_a69f96a33812a479802be3ee114" FOREIGN KEY ("connection_id") REFERENCES "clickup_connections"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "connection_team_grants"
            ADD CONSTRAINT "FK_5fab3720e4ec7dbed17850eec18" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "team_policies"
            ADD CONSTRAINT "FK_1e3698bfae79255703977b0afcd" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "team_policies"
            ADD CONSTRAINT "FK_ef3bc7cd4a95e6287ac2db380dc" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "team_policies" DROP CONSTRAINT "FK_ef3bc7cd4a95e6287ac2db380dc"
        `);
    await queryRunner.query(`
            ALTER TABLE "team_policies" DROP CONSTRAINT "FK_1e3698bfae79255703977b0afcd"
        `);
    await queryRunner.query(`
            ALTER TABLE "connection_team_grants" DROP CONSTRAINT "FK_5fab3720e4ec7dbed17850eec18"
        `);
    await queryRunner.query(`
            ALTER TABLE "connection_team_grants" DROP CONSTRAINT "FK_a69f96a33812a479802be3ee114"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_team_policies_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "team_policies"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_connection_team_grants_team"
        `);
    await queryRunner.query(`
            DROP TABLE "connection_team_grants"
        `);
  }
}
