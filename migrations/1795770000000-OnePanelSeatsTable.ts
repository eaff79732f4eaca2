import { MigrationInterface, QueryRunner } from 'typeorm';

// One record of who sits on a dispute's panel (issue 15). Until now two tables held it, written
// side by side in the same commands: the panels module's `panel_members` (the election and the
// rank that seated each person, why a seat fell vacant) and the registry's `panel_seats` (the
// account acting for the person). `panel_seats` takes the columns it lacked, each seat the facts of
// its `panel_members` row, and `panel_members` goes.
//
// - Pairing: a person's seats on a dispute, in both tables, in the order taken (seated_at, then
//   id). They must agree on when the seat was taken and left, and on the chair: if they do not,
//   which one is right is for a person to decide, so the migration stops and names the rows.
//   A seat with no `panel_members` row has no election to name: the migration stops too. A
//   `panel_members` row with no seat (none is expected) becomes one, acting for it the account
//   linked to the person now (roster_persons.user_id), as PanelSeatsService.followPerson keeps it.
// - A seat keeps the id of its `panel_members` row: the audit trail names it ('PanelMember'
//   targets of vacatePanelSeat). No table refers to panel_seats.id.
// - The constraint that protected the fact stays: one current seat per person per dispute
//   (uq_panel_seats_seated, as uq_panel_members_seated was). The foreign keys of panel_members to
//   `elections` and `roster_persons` do not: both tables are the panels module's, and the registry,
//   which owns panel_seats, does not depend on that module (eslint.config.mjs, ALLOWED). Neither
//   table deletes its rows (a roster person is REMOVED, an election CLOSED or FAILED), which is
//   what the ON DELETE RESTRICT of those keys guarded against.
export class OnePanelSeatsTable1795770000000 implements MigrationInterface {
  name = 'OnePanelSeatsTable1795770000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TEMPORARY TABLE "panel_seat_pairs" AS
       WITH s AS (SELECT *, row_number() OVER (PARTITION BY dispute_id, person_id ORDER BY seated_at, id) AS n FROM "panel_seats"),
            m AS (SELECT *, row_number() OVER (PARTITION BY dispute_id, person_id ORDER BY seated_at, id) AS n FROM "panel_members")
       SELECT s.id AS seat_id, m.id AS member_id, coalesce(s.dispute_id, m.dispute_id) AS dispute_id,
              coalesce(s.person_id, m.person_id) AS person_id,
              s.seated_at IS NOT DISTINCT FROM m.seated_at AND s.vacated_at IS NOT DISTINCT FROM m.vacated_at
                AND s.chair IS NOT DISTINCT FROM m.chair AS agree
         FROM s FULL JOIN m ON m.dispute_id = s.dispute_id AND m.person_id = s.person_id AND m.n = s.n`,
    );
    const unpaired: { seat_id: string; dispute_id: string; person_id: string }[] = await queryRunner.query(
      `SELECT seat_id, dispute_id, person_id FROM "panel_seat_pairs" WHERE member_id IS NULL ORDER BY dispute_id, person_id LIMIT 20`,
    );
    if (unpaired.length) {
      await queryRunner.query(`DROP TABLE "panel_seat_pairs"`);
      throw new Error(
        `OnePanelSeatsTable: ${unpaired.length === 20 ? '20 or more' : unpaired.length} panel seat(s) have no panel_members row, so no ` +
          `election to record: ${unpaired.map((r) => `seat ${r.seat_id} (dispute ${r.dispute_id}, person ${r.person_id})`).join('; ')}. ` +
          'Give each its panel_members row or delete it, then migrate again.',
      );
    }
    const disagree: { seat_id: string; member_id: string }[] = await queryRunner.query(
      `SELECT seat_id, member_id FROM "panel_seat_pairs" WHERE seat_id IS NOT NULL AND NOT agree ORDER BY dispute_id, person_id LIMIT 20`,
    );
    if (disagree.length) {
      await queryRunner.query(`DROP TABLE "panel_seat_pairs"`);
      throw new Error(
        `OnePanelSeatsTable: panel_seats and panel_members disagree on when a seat was taken or left, or on the chair: ` +
          `${disagree.map((r) => `seat ${r.seat_id} and panel member ${r.member_id}`).join('; ')}. ` +
          'Make each pair agree, then migrate again.',
      );
    }

    await queryRunner.query(`ALTER TABLE "panel_seats" ADD "election_id" uuid`);
    await queryRunner.query(`ALTER TABLE "panel_seats" ADD "elected_rank" integer`);
    await queryRunner.query(`ALTER TABLE "panel_seats" ADD "vacated_reason" text`);
    await queryRunner.query(
      `UPDATE "panel_seats" s SET "id" = m."id", "election_id" = m."election_id", "elected_rank" = m."elected_rank",
              "vacated_reason" = m."vacated_reason"
         FROM "panel_seat_pairs" p JOIN "panel_members" m ON m."id" = p.member_id
        WHERE s."id" = p.seat_id`,
    );
    await queryRunner.query(
      `INSERT INTO "panel_seats" ("id", "dispute_id", "user_id", "person_id", "election_id", "elected_rank", "chair", "seated_at",
                                  "vacated_at", "vacated_reason")
       SELECT m."id", m."dispute_id", r."user_id", m."person_id", m."election_id", m."elected_rank", m."chair", m."seated_at",
              m."vacated_at", m."vacated_reason"
         FROM "panel_seat_pairs" p JOIN "panel_members" m ON m."id" = p.member_id JOIN "roster_persons" r ON r."id" = m."person_id"
        WHERE p.seat_id IS NULL`,
    );
    await queryRunner.query(`DROP TABLE "panel_seat_pairs"`);
    await queryRunner.query(`ALTER TABLE "panel_seats" ALTER COLUMN "election_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "panel_seats" ALTER COLUMN "elected_rank" SET NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_panel_seats_seated" ON "panel_seats"  ("dispute_id", "person_id") WHERE "vacated_at" IS NULL`,
    );

    await queryRunner.query(`ALTER TABLE "panel_members" DROP CONSTRAINT "fk_panel_members_election"`);
    await queryRunner.query(`ALTER TABLE "panel_members" DROP CONSTRAINT "fk_panel_members_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_panel_members_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."uq_panel_members_seated"`);
    await queryRunner.query(`DROP TABLE "panel_members"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // panel_members again, as 1795669000000-Elections made it, one row per seat with the seat's id;
    // panel_seats keeps its seats, without the columns it took. The foreign keys come back: a seat
    // whose person or election does not exist (none is written but by an election) stops the way back.
    await queryRunner.query(
      `CREATE TABLE "panel_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "person_id" uuid NOT NULL, "election_id" uuid NOT NULL, "elected_rank" integer NOT NULL, "chair" boolean NOT NULL, "seated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "vacated_at" TIMESTAMP WITH TIME ZONE, "vacated_reason" text, CONSTRAINT "PK_02b94bfd5935db3ae179578b686" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "panel_members" ("id", "dispute_id", "person_id", "election_id", "elected_rank", "chair", "seated_at", "vacated_at",
                                    "vacated_reason")
       SELECT "id", "dispute_id", "person_id", "election_id", "elected_rank", "chair", "seated_at", "vacated_at", "vacated_reason"
         FROM "panel_seats"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_panel_members_seated" ON "panel_members"  ("dispute_id", "person_id") WHERE "vacated_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_panel_members_dispute" ON "panel_members"  ("dispute_id", "seated_at") `);
    await queryRunner.query(
      `ALTER TABLE "panel_members" ADD CONSTRAINT "fk_panel_members_person" FOREIGN KEY ("person_id") REFERENCES "roster_persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_members" ADD CONSTRAINT "fk_panel_members_election" FOREIGN KEY ("election_id") REFERENCES "elections"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_panel_seats_seated"`);
    await queryRunner.query(`ALTER TABLE "panel_seats" DROP COLUMN "vacated_reason"`);
    await queryRunner.query(`ALTER TABLE "panel_seats" DROP COLUMN "elected_rank"`);
    await queryRunner.query(`ALTER TABLE "panel_seats" DROP COLUMN "election_id"`);
  }
}
