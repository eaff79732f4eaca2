import { MigrationInterface, QueryRunner } from 'typeorm';

// Procedural fidelity (DSU 6.1, 8.5, 16.4, 21.5):
// - deadline statuses: WAIVED becomes SUPERSEDED (the case moved on); a window or waiting period
//   that ran its course is LAPSED, never MET (MET is kept for an act that came in time);
// - an agreement on five panelists is a recorded fact of the dispute (events.FIVE_PANELISTS_AGREED),
//   never read from the window's status;
// - the body's meetings record who attended (a decision needs a quorum);
// - compliance proceedings have their own stages after circulation (COMPLIANCE_REPORT_CIRCULATED,
//   COMPLIANCE_UNDER_APPEAL), and their 90 days run from the referral (COMPLIANCE_REFERRED).
// The data part is not reversed by down(): the old statuses lumped facts the new ones separate.

const WINDOWS = [
  'THIRD_PARTY_CONSULTATIONS',
  'TERMS_OF_REFERENCE',
  'FIVE_PANELISTS',
  'THIRD_PARTY_PANEL',
  'RPT_AGREEMENT',
  'COMPENSATION_AGREEMENT',
  'TIMETABLE_COMMENTS_ON_DESCRIPTIVE_PART',
  'TIMETABLE_REVIEW_REQUESTS',
];
const WAITING_PERIODS = ['EARLIEST_PANEL_REQUEST', 'ADOPTION_EARLIEST', 'SURVEILLANCE_AGENDA'];

export class ProceduralFidelity1795690000000 implements MigrationInterface {
  name = 'ProceduralFidelity1795690000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "body_meetings" ADD "present_members" text array`);
    await queryRunner.query(`ALTER TABLE "body_meetings" ADD "attendance_recorded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "deadlines" SET "status" = 'SUPERSEDED' WHERE "status" = 'WAIVED'`);
    await queryRunner.query(
      `UPDATE "disputes" d SET "events" = d."events" || jsonb_build_object('FIVE_PANELISTS_AGREED', to_char(x."closed_at", 'YYYY-MM-DD'))
               FROM "deadlines" x
              WHERE x."dispute_id" = d."id" AND x."rule" = 'FIVE_PANELISTS' AND x."status" = 'MET'
                AND x."closed_at"::date <= x."due_date"`,
    );
    await queryRunner.query(`UPDATE "deadlines" SET "status" = 'LAPSED' WHERE "status" = 'MET' AND "rule" = ANY($1::text[])`, [
      WAITING_PERIODS,
    ]);
    await queryRunner.query(
      `UPDATE "deadlines" SET "status" = 'LAPSED' WHERE "status" = 'MET' AND "rule" = ANY($1::text[]) AND "closed_at"::date > "due_date"`,
      [WINDOWS],
    );
    await queryRunner.query(
      `UPDATE "disputes" SET "stage" = CASE WHEN "events" ? 'COMPLIANCE_REPORT_APPEALED' THEN 'COMPLIANCE_UNDER_APPEAL' ELSE 'COMPLIANCE_REPORT_CIRCULATED' END
              WHERE "stage" = 'COMPLIANCE_REVIEW' AND "events" ? 'COMPLIANCE_REPORT_CIRCULATED'`,
    );
    await queryRunner.query(
      `UPDATE "disputes" SET "events" = ("events" - 'COMPLIANCE_REPORT_CIRCULATED' - 'COMPLIANCE_REPORT_APPEALED')
                || jsonb_build_object('COMPLIANCE_REFERRED', to_char("stage_entered_at", 'YYYY-MM-DD'))
              WHERE "stage" LIKE 'COMPLIANCE_%'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "body_meetings" DROP COLUMN "attendance_recorded_at"`);
    await queryRunner.query(`ALTER TABLE "body_meetings" DROP COLUMN "present_members"`);
  }
}
