import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A durable marker per tool call that may write, from before its first ClickUp request until its audit row commits,
 * and a heartbeat per api process that owns markers (docs/adr/0029-calls-in-flight.md).
 */
export class CallsInFlight1796482000000 implements MigrationInterface {
  name = 'CallsInFlight1796482000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "api_heartbeats" (
                "instance_id" uuid NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "beat_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_api_heartbeats" PRIMARY KEY ("instance_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calls_in_flight" (
                "id" uuid NOT NULL,
                "instance_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "server_id" uuid,
                "tool" text,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "record" jsonb NOT NULL,
                CONSTRAINT "PK_calls_in_flight" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_calls_in_flight_instance" ON "calls_in_flight" ("instance_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_calls_in_flight_instance"
        `);
    await queryRunner.query(`
            DROP TABLE "calls_in_flight"
        `);
    await queryRunner.query(`
            DROP TABLE "api_heartbeats"
        `);
  }
}
