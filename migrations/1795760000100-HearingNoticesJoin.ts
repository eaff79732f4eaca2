import { MigrationInterface, QueryRunner } from 'typeorm';

// E-service (README, "Notices and service"): one notice model for every module. A notice records
// the member it served (the proof of service is read by member) and whether it is mailed at all (a
// non-mandatory notice of a category the recipient turned off is still listed, never mailed).
// The hearings' own outbox (`outbox_notices`) joins `notices`: its pending rows move over as
// HEARING notices, due at once; the rows already "delivered" went to the log only, which served
// nobody, so they are not carried over as if they had been served by mail.
export class HearingNoticesJoin1795760000100 implements MigrationInterface {
  name = 'HearingNoticesJoin1795760000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notices" ADD "member_id" uuid`);
    await queryRunner.query(`ALTER TABLE "notices" ADD "email" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(
      `ALTER TABLE "notices" ADD CONSTRAINT "fk_notices_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The payload contract of the notices (libs/notices/src/notices/notice-draft.ts), built from
    // what the old rows kept: the docket number, the hearing's kind, start, end and time zone.
    await queryRunner.query(
      `INSERT INTO "notices" ("recipient_user_id", "member_id", "dispute_id", "docket_entry_id", "category", "kind", "mandatory", "digest", "email", "payload", "created_at", "next_attempt_at", "dedupe_key")
       SELECT o.recipient_user_id, u.member_id, h.dispute_id, NULL, 'HEARING',
         CASE o.kind WHEN 'SCHEDULED' THEN 'hearingScheduled' WHEN 'RESCHEDULED' THEN 'hearingRescheduled' ELSE 'hearingCancelled' END,
         true, false, true,
         jsonb_build_object(
           'subject', (o.payload->>'docketNumber') || ': the ' || lower(replace(o.payload->>'hearingKind', '_', ' ')) || ' is '
             || CASE o.kind WHEN 'SCHEDULED' THEN 'scheduled' WHEN 'RESCHEDULED' THEN 'moved' ELSE 'cancelled' END,
           'lines', jsonb_build_array(
             'The ' || lower(replace(o.payload->>'hearingKind', '_', ' ')) || ' of ' || (o.payload->>'docketNumber')
               || CASE o.kind WHEN 'CANCELLED' THEN ' set from {startsAt} to {endsAt} is cancelled.' ELSE ' is set from {startsAt} to {endsAt}.' END
               || ' The hearing keeps the time of ' || (o.payload->>'timeZone') || '.'),
           'docketNumber', o.payload->>'docketNumber',
           'disputeId', h.dispute_id,
           'dates', jsonb_build_object('startsAt', o.payload->>'startsAt', 'endsAt', o.payload->>'endsAt')),
         o.created_at, o.created_at,
         'hearing:' || o.hearing_id || ':' || COALESCE(o.payload->>'sequence', '0') || ':' || o.recipient_user_id
       FROM "outbox_notices" o
       JOIN "hearings" h ON h.id = o.hearing_id
       JOIN "users" u ON u.id = o.recipient_user_id
       WHERE o.delivered_at IS NULL
       ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(`DROP TABLE "outbox_notices"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The outbox comes back empty: the notices moved over stay in `notices`.
    await queryRunner.query(
      `CREATE TABLE "outbox_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid NOT NULL, "hearing_id" uuid NOT NULL, "kind" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4ddbc15f86e871370b85192db1c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_outbox_notices_pending" ON "outbox_notices"  ("created_at") WHERE "delivered_at" IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "outbox_notices" ADD CONSTRAINT "fk_outbox_notices_user" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_notices" ADD CONSTRAINT "fk_outbox_notices_hearing" FOREIGN KEY ("hearing_id") REFERENCES "hearings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_member"`);
    await queryRunner.query(`ALTER TABLE "notices" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "notices" DROP COLUMN "member_id"`);
  }
}
