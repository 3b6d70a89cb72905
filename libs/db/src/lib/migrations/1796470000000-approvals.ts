import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tool calls held for a person's approval (`approvals`, id = the id of the job that runs the call once approved),
 * indexed for the console's inbox (organization, state, newest first) and per server; and a team policy's default
 * approval policy for the team's new servers (`team_policies.approval`); and audit rows by job id, which links every
 * step of a queued or approved call.
 */
export class Approvals1796470000000 implements MigrationInterface {
  name = 'Approvals1796470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "approvals" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "server_id" uuid NOT NULL,
                "team_id" uuid,
                "tool" text NOT NULL,
                "arguments" jsonb NOT NULL,
                "call_hash" text NOT NULL,
                "requester_user_id" uuid,
                "requester_email" text,
                "requester_oauth_client_id" text,
                "requester_client_name" text,
                "origin" jsonb NOT NULL,
                "state" text NOT NULL,
                "approvers" jsonb,
                "approvals_required" smallint NOT NULL,
                "decisions" jsonb NOT NULL,
                "comment" text,
                "preview" jsonb NOT NULL,
                "result" jsonb,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "executed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_690417aaefa84d18b1a59e2a499" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_approvals_server" ON "approvals" ("server_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_approvals_inbox" ON "approvals" ("organization_id", "state", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_org_job_seq" ON "audit_events" ("organization_id", "job_id", "seq")
        `);
    await queryRunner.query(`
            ALTER TABLE "team_policies"
            ADD "approval" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "approvals"
            ADD CONSTRAINT "FK_ffe7ba4506085c5dbebadd2d65d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "approvals"
            ADD CONSTRAINT "FK_f976e9d77d492de9ab497243637" FOREIGN KEY ("server_id") REFERENCES "mcp_servers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "approvals" DROP CONSTRAINT "FK_f976e9d77d492de9ab497243637"
        `);
    await queryRunner.query(`
            ALTER TABLE "approvals" DROP CONSTRAINT "FK_ffe7ba4506085c5dbebadd2d65d"
        `);
    await queryRunner.query(`
            ALTER TABLE "team_policies" DROP COLUMN "approval"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_org_job_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_approvals_inbox"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_approvals_server"
        `);
    await queryRunner.query(`
            DROP TABLE "approvals"
        `);
  }
}
