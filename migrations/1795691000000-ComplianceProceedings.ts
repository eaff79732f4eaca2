import { MigrationInterface, QueryRunner } from 'typeorm';

// DSU 21.5: each compliance proceeding has its own report, appeal (with cross-appeals: several
// notices per proceeding, one per appellant) and adoption. The dispute counts its proceedings;
// the rulings' rows name theirs (0: the original panel). A decision on a report is taken at a
// meeting of the body, named by the record; "not adopted" replaces "blocked".

export class ComplianceProceedings1795691000000 implements MigrationInterface {
  name = 'ComplianceProceedings1795691000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "disputes" ADD "compliance_round" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`UPDATE "disputes" SET "compliance_round" = 1 WHERE "stage" LIKE 'COMPLIANCE_%'`);
    await queryRunner.query(`ALTER TABLE "reports" ADD "proceeding" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`DROP INDEX "public"."uq_reports_one_open"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_reports_one_open" ON "reports" ("dispute_id", "proceeding", "version") WHERE "status" <> 'REJECTED'`,
    );
    await queryRunner.query(`ALTER TABLE "appeals" ADD "proceeding" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "appeals" ADD "cross_appeal" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`DROP INDEX "public"."uq_appeals_dispute"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_appeals_appellant" ON "appeals" ("dispute_id", "proceeding", "filed_by_member_id") `);
    await queryRunner.query(`ALTER TABLE "adoption_objections" ADD "proceeding" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "adoption_objections" ALTER COLUMN "proceeding" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "adoption_objections" DROP CONSTRAINT "pk_adoption_objections"`);
    await queryRunner.query(
      `ALTER TABLE "adoption_objections" ADD CONSTRAINT "pk_adoption_objections" PRIMARY KEY ("dispute_id", "proceeding", "round", "member_id")`,
    );
    await queryRunner.query(`ALTER TABLE "adoption_meetings" ADD "proceeding" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "adoption_meetings" ADD "meeting_id" uuid`);
    await queryRunner.query(`UPDATE "adoption_meetings" SET "outcome" = 'NOT_ADOPTED' WHERE "outcome" = 'BLOCKED'`);
    await queryRunner.query(
      `ALTER TABLE "adoption_meetings" ADD CONSTRAINT "fk_adoption_meetings_meeting" FOREIGN KEY ("meeting_id") REFERENCES "body_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "adoption_meetings" DROP CONSTRAINT "fk_adoption_meetings_meeting"`);
    await queryRunner.query(`UPDATE "adoption_meetings" SET "outcome" = 'BLOCKED' WHERE "outcome" = 'NOT_ADOPTED'`);
    await queryRunner.query(`ALTER TABLE "adoption_meetings" DROP COLUMN "meeting_id"`);
    await queryRunner.query(`ALTER TABLE "adoption_meetings" DROP COLUMN "proceeding"`);
    await queryRunner.query(`ALTER TABLE "adoption_objections" DROP CONSTRAINT "pk_adoption_objections"`);
    await queryRunner.query(
      `ALTER TABLE "adoption_objections" ADD CONSTRAINT "pk_adoption_objections" PRIMARY KEY ("dispute_id", "round", "member_id")`,
    );
    await queryRunner.query(`ALTER TABLE "adoption_objections" DROP COLUMN "proceeding"`);
    await queryRunner.query(`DROP INDEX "public"."uq_appeals_appellant"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_appeals_dispute" ON "appeals" ("dispute_id") `);
    await queryRunner.query(`ALTER TABLE "appeals" DROP COLUMN "cross_appeal"`);
    await queryRunner.query(`ALTER TABLE "appeals" DROP COLUMN "proceeding"`);
    await queryRunner.query(`DROP INDEX "public"."uq_reports_one_open"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_reports_one_open" ON "reports" ("dispute_id", "version") WHERE "status" <> 'REJECTED'`,
    );
    await queryRunner.query(`ALTER TABLE "reports" DROP COLUMN "proceeding"`);
    await queryRunner.query(`ALTER TABLE "disputes" DROP COLUMN "compliance_round"`);
  }
}
