import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hearings, their bookings without clashes (an EXCLUDE constraint over tstzrange, with btree_gist for
 * the equality parts), consents, unavailable days, notices, calendar feeds and timetables.
 */
export class Hearings1795670000000 implements MigrationInterface {
  name = 'Hearings1795670000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // btree_gist ships with PostgreSQL (contrib): the exclusion constraint compares uuid and text with =.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "calendar_feed_tokens" ("user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_91dd5d95930f79852080990fd66" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_feed_tokens_hash" ON "calendar_feed_tokens"  ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "hearing_rooms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "location" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1a85615985bfbb712dcc2ca12f2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_hearing_rooms_name" ON "hearing_rooms"  ("name") `);
    await queryRunner.query(
      `CREATE TABLE "hearings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "time_zone" text NOT NULL, "room_id" uuid, "virtual_link" text, "public_observation" boolean NOT NULL DEFAULT false, "sequence" integer NOT NULL DEFAULT '0', "reason" text, "scheduled_by_id" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_hearings_venue" CHECK ("room_id" IS NOT NULL OR "virtual_link" IS NOT NULL), CONSTRAINT "ck_hearings_times" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_79d1a17d4ddd70a11c44bf3b42c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_hearings_starts" ON "hearings"  ("starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_hearings_dispute" ON "hearings"  ("dispute_id", "starts_at") `);
    await queryRunner.query(
      `CREATE TABLE "hearing_participants" ("hearing_id" uuid NOT NULL, "kind" text NOT NULL, "ref_id" uuid NOT NULL, "attended" boolean, CONSTRAINT "PK_82f79dcde52fc572e331b81f04a" PRIMARY KEY ("hearing_id", "kind", "ref_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "member_unavailability" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "day" date NOT NULL, "time_zone" text NOT NULL, "reason" text NOT NULL, "declared_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c38bbce99a8742dcb19d86cd1a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_member_unavailability_day" ON "member_unavailability"  ("member_id", "day") `);
    await queryRunner.query(
      `CREATE TABLE "hearing_bookings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "hearing_id" uuid, "unavailability_id" uuid, "resource_kind" text NOT NULL, "resource_id" uuid NOT NULL, "during" tstzrange NOT NULL, CONSTRAINT "ck_hearing_bookings_holder" CHECK (("hearing_id" IS NULL) <> ("unavailability_id" IS NULL)), CONSTRAINT "xc_hearing_bookings_overlap" EXCLUDE USING gist ("resource_kind" WITH =, "resource_id" WITH =, "during" WITH &&), CONSTRAINT "PK_8f027945c6d9057f650e9a36465" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_hearing_bookings_unavailability" ON "hearing_bookings"  ("unavailability_id") `);
    await queryRunner.query(`CREATE INDEX "ix_hearing_bookings_hearing" ON "hearing_bookings"  ("hearing_id") `);
    await queryRunner.query(
      `CREATE TABLE "hearing_consents" ("hearing_id" uuid NOT NULL, "member_id" uuid NOT NULL, "consent" boolean NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1f0cc2c3902eb1b9e584fd9bcb7" PRIMARY KEY ("hearing_id", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid NOT NULL, "hearing_id" uuid NOT NULL, "kind" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4ddbc15f86e871370b85192db1c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_outbox_notices_pending" ON "outbox_notices"  ("created_at") WHERE "delivered_at" IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "timetable_steps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "kind" text NOT NULL, "position" integer NOT NULL, "due_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_15d0af5ab3c3af1954ab18c420b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_timetable_steps_due" ON "timetable_steps"  ("due_date") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_timetable_steps_kind" ON "timetable_steps"  ("dispute_id", "kind") `);
    await queryRunner.query(
      `ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "fk_calendar_feed_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearings" ADD CONSTRAINT "fk_hearings_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearings" ADD CONSTRAINT "fk_hearings_room" FOREIGN KEY ("room_id") REFERENCES "hearing_rooms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearing_participants" ADD CONSTRAINT "fk_hearing_participants_hearing" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "member_unavailability" ADD CONSTRAINT "fk_member_unavailability_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearing_bookings" ADD CONSTRAINT "fk_hearing_bookings_hearing" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearing_bookings" ADD CONSTRAINT "fk_hearing_bookings_unavailability" FOREIGN KEY ("unavailability_id") REFERENCES "member_unavailability"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearing_consents" ADD CONSTRAINT "fk_hearing_consents_hearing" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_notices" ADD CONSTRAINT "fk_outbox_notices_user" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_notices" ADD CONSTRAINT "fk_outbox_notices_hearing" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "timetable_steps" ADD CONSTRAINT "fk_timetable_steps_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "hearing_records" ("hearing_id" uuid NOT NULL, "document_id" uuid NOT NULL, CONSTRAINT "pk_hearing_records" PRIMARY KEY ("hearing_id", "document_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearing_records" ADD CONSTRAINT "fk_hearing_records_hearing" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hearing_records" ADD CONSTRAINT "fk_hearing_records_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "hearing_records"`);
    await queryRunner.query(`ALTER TABLE "timetable_steps" DROP CONSTRAINT "fk_timetable_steps_dispute"`);
    await queryRunner.query(`ALTER TABLE "outbox_notices" DROP CONSTRAINT "fk_outbox_notices_hearing"`);
    await queryRunner.query(`ALTER TABLE "outbox_notices" DROP CONSTRAINT "fk_outbox_notices_user"`);
    await queryRunner.query(`ALTER TABLE "hearing_consents" DROP CONSTRAINT "fk_hearing_consents_hearing"`);
    await queryRunner.query(`ALTER TABLE "hearing_bookings" DROP CONSTRAINT "fk_hearing_bookings_unavailability"`);
    await queryRunner.query(`ALTER TABLE "hearing_bookings" DROP CONSTRAINT "fk_hearing_bookings_hearing"`);
    await queryRunner.query(`ALTER TABLE "member_unavailability" DROP CONSTRAINT "fk_member_unavailability_member"`);
    await queryRunner.query(`ALTER TABLE "hearing_participants" DROP CONSTRAINT "fk_hearing_participants_hearing"`);
    await queryRunner.query(`ALTER TABLE "hearings" DROP CONSTRAINT "fk_hearings_room"`);
    await queryRunner.query(`ALTER TABLE "hearings" DROP CONSTRAINT "fk_hearings_dispute"`);
    await queryRunner.query(`ALTER TABLE "calendar_feed_tokens" DROP CONSTRAINT "fk_calendar_feed_tokens_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_timetable_steps_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_timetable_steps_due"`);
    await queryRunner.query(`DROP TABLE "timetable_steps"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_notices_pending"`);
    await queryRunner.query(`DROP TABLE "outbox_notices"`);
    await queryRunner.query(`DROP TABLE "hearing_consents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_hearing_bookings_hearing"`);
    await queryRunner.query(`DROP INDEX "public"."ix_hearing_bookings_unavailability"`);
    await queryRunner.query(`DROP TABLE "hearing_bookings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_member_unavailability_day"`);
    await queryRunner.query(`DROP TABLE "member_unavailability"`);
    await queryRunner.query(`DROP TABLE "hearing_participants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_hearings_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."ix_hearings_starts"`);
    await queryRunner.query(`DROP TABLE "hearings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_hearing_rooms_name"`);
    await queryRunner.query(`DROP TABLE "hearing_rooms"`);
    await queryRunner.query(`DROP INDEX "public"."uq_calendar_feed_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "calendar_feed_tokens"`);
  }
}
