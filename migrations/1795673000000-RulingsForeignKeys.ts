import { MigrationInterface, QueryRunner } from 'typeorm';

// The rulings' references to disputes, members, roster persons, documents, reports, appeals and
// findings, checked by the database (RESTRICT: none of them is ever deleted). finding_ids and
// division_ids of appeals are arrays and stay unchecked. Reports are read by dispute whatever
// their status: ix_reports_dispute (uq_reports_one_open is partial).

export class RulingsForeignKeys1795673000000 implements MigrationInterface {
  name = 'RulingsForeignKeys1795673000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_reports_dispute" ON "reports"  ("dispute_id") `);
    await queryRunner.query(
      `ALTER TABLE "adoption_objections" ADD CONSTRAINT "fk_adoption_objections_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption_objections" ADD CONSTRAINT "fk_adoption_objections_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption_meetings" ADD CONSTRAINT "fk_adoption_meetings_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "fk_reports_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "fk_reports_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "findings" ADD CONSTRAINT "fk_findings_report" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "findings" ADD CONSTRAINT "fk_findings_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_votes" ADD CONSTRAINT "fk_report_votes_report" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_votes" ADD CONSTRAINT "fk_report_votes_person" FOREIGN KEY ("person_id") REFERENCES "roster_persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "separate_opinions" ADD CONSTRAINT "fk_separate_opinions_report" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_comments" ADD CONSTRAINT "fk_report_comments_report" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_comments" ADD CONSTRAINT "fk_report_comments_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_comments" ADD CONSTRAINT "fk_report_comments_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeals" ADD CONSTRAINT "fk_appeals_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appeals" ADD CONSTRAINT "fk_appeals_filed_by_member" FOREIGN KEY ("filed_by_member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appellate_outcomes" ADD CONSTRAINT "fk_appellate_outcomes_appeal" FOREIGN KEY ("appeal_id") REFERENCES "appeals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appellate_outcomes" ADD CONSTRAINT "fk_appellate_outcomes_finding" FOREIGN KEY ("finding_id") REFERENCES "findings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "appellate_outcomes" DROP CONSTRAINT "fk_appellate_outcomes_finding"`);
    await queryRunner.query(`ALTER TABLE "appellate_outcomes" DROP CONSTRAINT "fk_appellate_outcomes_appeal"`);
    await queryRunner.query(`ALTER TABLE "appeals" DROP CONSTRAINT "fk_appeals_filed_by_member"`);
    await queryRunner.query(`ALTER TABLE "appeals" DROP CONSTRAINT "fk_appeals_dispute"`);
    await queryRunner.query(`ALTER TABLE "report_comments" DROP CONSTRAINT "fk_report_comments_document"`);
    await queryRunner.query(`ALTER TABLE "report_comments" DROP CONSTRAINT "fk_report_comments_member"`);
    await queryRunner.query(`ALTER TABLE "report_comments" DROP CONSTRAINT "fk_report_comments_report"`);
    await queryRunner.query(`ALTER TABLE "separate_opinions" DROP CONSTRAINT "fk_separate_opinions_report"`);
    await queryRunner.query(`ALTER TABLE "report_votes" DROP CONSTRAINT "fk_report_votes_person"`);
    await queryRunner.query(`ALTER TABLE "report_votes" DROP CONSTRAINT "fk_report_votes_report"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP CONSTRAINT "fk_findings_dispute"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP CONSTRAINT "fk_findings_report"`);
    await queryRunner.query(`ALTER TABLE "reports" DROP CONSTRAINT "fk_reports_document"`);
    await queryRunner.query(`ALTER TABLE "reports" DROP CONSTRAINT "fk_reports_dispute"`);
    await queryRunner.query(`ALTER TABLE "adoption_meetings" DROP CONSTRAINT "fk_adoption_meetings_dispute"`);
    await queryRunner.query(`ALTER TABLE "adoption_objections" DROP CONSTRAINT "fk_adoption_objections_member"`);
    await queryRunner.query(`ALTER TABLE "adoption_objections" DROP CONSTRAINT "fk_adoption_objections_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reports_dispute"`);
  }
}
