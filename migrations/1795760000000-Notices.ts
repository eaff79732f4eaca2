import { MigrationInterface, QueryRunner } from 'typeorm';

// E-service (README, "Notices and service"): one outbox of notices to users, written in the
// transaction of the step each announces and kept as the proof of service.
export class Notices1795760000000 implements MigrationInterface {
  name = 'Notices1795760000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid NOT NULL, "dispute_id" uuid, "docket_entry_id" uuid, "category" text NOT NULL, "kind" text NOT NULL, "mandatory" boolean NOT NULL, "digest" boolean NOT NULL DEFAULT false, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT 0, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "message_id" text, "failed_at" TIMESTAMP WITH TIME ZONE, "failure" text, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "dedupe_key" text, CONSTRAINT "pk_notices" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notices_pending" ON "notices" ("next_attempt_at") WHERE "sent_at" IS NULL AND "failed_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_notices_recipient" ON "notices" ("recipient_user_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_notices_docket_entry" ON "notices" ("docket_entry_id") WHERE "docket_entry_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notices_dedupe" ON "notices" ("dedupe_key") WHERE "dedupe_key" IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "notice_preferences" ("user_id" uuid NOT NULL, "email_off" text array NOT NULL DEFAULT '{}', "digest" boolean NOT NULL DEFAULT false, "digest_hour" smallint NOT NULL DEFAULT 7, "time_zone" text, "locale" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_notice_preferences" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_preferences" ADD CONSTRAINT "fk_notice_preferences_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "fk_notices_user" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_user"`);
    await queryRunner.query(`DROP TABLE "notices"`);
    await queryRunner.query(`ALTER TABLE "notice_preferences" DROP CONSTRAINT "fk_notice_preferences_user"`);
    await queryRunner.query(`DROP TABLE "notice_preferences"`);
  }
}
