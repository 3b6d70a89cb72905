import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795239185451 implements MigrationInterface {
  name = 'InitialSchema1795239185451';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "audit_retention_days" integer NOT NULL DEFAULT '365',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "api_tokens" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "created_by_user_id" uuid,
                "name" text NOT NULL,
                "role" text NOT NULL,
                "token_hash" text NOT NULL,
                "token_prefix" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_api_tokens_organization" ON "api_tokens" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_api_tokens_token_hash" ON "api_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "seq" bigint NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "server_id" uuid,
                "team_id" uuid,
                "actor" text NOT NULL,
                "client_name" text,
                "client_version" text,
                "session_id" text,
                "ip" text,
                "user_agent" text,
                "action" text NOT NULL,
                "tool" text,
                "arguments" jsonb,
                "outcome" text NOT NULL,
                "issue_codes" jsonb NOT NULL,
                "upstream_status" integer,
                "duration_ms" integer,
                "job_id" text,
                "request_id" text,
                "prev_hash" text NOT NULL,
                "hash" text NOT NULL,
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_server_at" ON "audit_events" ("server_id", "at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_events_organization_at" ON "audit_events" ("organization_id", "at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_audit_events_organization_seq" ON "audit_events" ("organization_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "clickup_connections" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "name" text NOT NULL,
                "type" text NOT NULL,
                "credential_ciphertext" text NOT NULL,
                "credential_key_id" text NOT NULL,
                "credential_fingerprint" text NOT NULL,
                "clickup_user_id" bigint NOT NULL,
                "clickup_username" text NOT NULL,
                "clickup_email" text,
                "workspaces" jsonb NOT NULL,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e7dd98476de6d0ba584370a8fb5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_clickup_connections_organization" ON "clickup_connections" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "teams" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_teams_organization_name" ON "teams" ("organization_id", "name")
        `);
    await queryRunner.query(`
            CREATE TABLE "mcp_servers" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "connection_id" uuid NOT NULL,
                "team_id" uuid,
                "name" text NOT NULL,
                "workspace_id" text NOT NULL,
                "space_ids" jsonb NOT NULL,
                "config" jsonb NOT NULL,
                "token_hash" text,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "last_client_name" text,
                "last_client_ip" text,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c781b3dc7cb2a5d19460b71914d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mcp_servers_connection" ON "mcp_servers" ("connection_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mcp_servers_organization" ON "mcp_servers" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_mcp_servers_token_hash" ON "mcp_servers" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "email" text NOT NULL,
                "name" text NOT NULL,
                "role" text NOT NULL,
                "password_hash" text,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")
        `);
    await queryRunner.query(`
            CREATE TABLE "memberships" (
                "id" uuid NOT NULL,
                "team_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_memberships_user" ON "memberships" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_memberships_team_user" ON "memberships" ("team_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "csrf_token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ip" text,
                "user_agent" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sessions_expires_at" ON "sessions" ("expires_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("token_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens"
            ADD CONSTRAINT "FK_82b1830617163ff0ea221d0b98b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ADD CONSTRAINT "FK_6510e4bf7423cd3d750e8c2ae81" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "clickup_connections"
            ADD CONSTRAINT "FK_49ebb830f172b4d75595091e051" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "teams"
            ADD CONSTRAINT "FK_fdc736f761896ccc179c823a785" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mcp_servers"
            ADD CONSTRAINT "FK_e903bbf1757a48381e58115bd41" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mcp_servers"
            ADD CONSTRAINT "FK_7a6eeb15918560c6125e551376c" FOREIGN KEY ("connection_id") REFERENCES "clickup_connections"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mcp_servers"
            ADD CONSTRAINT "FK_25f6befdca2256126272ace77d9" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "FK_fa64f8ee48374ce2c910c7901f3" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        `);
    await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"
        `);
    await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "FK_fa64f8ee48374ce2c910c7901f3"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"
        `);
    await queryRunner.query(`
            ALTER TABLE "mcp_servers" DROP CONSTRAINT "FK_25f6befdca2256126272ace77d9"
        `);
    await queryRunner.query(`
            ALTER TABLE "mcp_servers" DROP CONSTRAINT "FK_7a6eeb15918560c6125e551376c"
        `);
    await queryRunner.query(`
            ALTER TABLE "mcp_servers" DROP CONSTRAINT "FK_e903bbf1757a48381e58115bd41"
        `);
    await queryRunner.query(`
            ALTER TABLE "teams" DROP CONSTRAINT "FK_fdc736f761896ccc179c823a785"
        `);
    await queryRunner.query(`
            ALTER TABLE "clickup_connections" DROP CONSTRAINT "FK_49ebb830f172b4d75595091e051"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events" DROP CONSTRAINT "FK_6510e4bf7423cd3d750e8c2ae81"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_82b1830617163ff0ea221d0b98b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_sessions_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sessions_expires_at"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_memberships_team_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_memberships_user"
        `);
    await queryRunner.query(`
            DROP TABLE "memberships"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_users_email"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_mcp_servers_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_mcp_servers_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_mcp_servers_connection"
        `);
    await queryRunner.query(`
            DROP TABLE "mcp_servers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_teams_organization_name"
        `);
    await queryRunner.query(`
            DROP TABLE "teams"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_clickup_connections_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "clickup_connections"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_audit_events_organization_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_organization_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_server_at"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_api_tokens_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_api_tokens_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "api_tokens"
        `);
    await queryRunner.query(`
            DROP TABLE "organizations"
        `);
  }
}
