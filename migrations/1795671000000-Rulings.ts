import { MigrationInterface, QueryRunner } from 'typeorm';

export class Rulings1795671000000 implements MigrationInterface {
  name = 'Rulings1795671000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "adoption_objections" ("dispute_id" uuid NOT NULL, "round" text NOT NULL, "member_id" uuid NOT NULL, "objected_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_adoption_objections" PRIMARY KEY ("dispute_id", "round", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "adoption_meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "round" text NOT NULL, "held_at" TIMESTAMP WITH TIME ZONE NOT NULL, "present_members" text array NOT NULL, "objecting_members" text array NOT NULL, "outcome" text NOT NULL, CONSTRAINT "PK_9904839ba6746251fb689911bef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_adoption_meetings_dispute" ON "adoption_meetings"  ("dispute_id", "held_at") `);
    await queryRunner.query(
      `CREATE TABLE "appellate_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "nationality" character(3) NOT NULL, "active" boolean NOT NULL DEFAULT true, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e9c65ec666487f054b291e606bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "appeals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "filed_by_member_id" uuid NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finding_ids" uuid array NOT NULL, "seed" text NOT NULL, "division_ids" uuid array NOT NULL, "delay_reason" text, CONSTRAINT "PK_ebd2050a02aa78081b5346152bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_appeals_dispute" ON "appeals"  ("dispute_id") `);
    await queryRunner.query(
      `CREATE TABLE "appellate_outcomes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "appeal_id" uuid NOT NULL, "finding_id" uuid NOT NULL, "outcome" text NOT NULL, "reasoning" text NOT NULL, CONSTRAINT "PK_ee5b980145931f8dd4aa63987c4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_appellate_outcomes_finding" ON "appellate_outcomes"  ("appeal_id", "finding_id") `);
    await queryRunner.query(
      `CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "version" text NOT NULL, "status" text NOT NULL, "document_id" uuid NOT NULL, "title" text NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE, "circulated_at" TIMESTAMP WITH TIME ZONE, "comments_due_on" date, CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_reports_one_open" ON "reports"  ("dispute_id", "version") WHERE "status" <> 'REJECTED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "findings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "dispute_id" uuid NOT NULL, "position" integer NOT NULL, "measure" text NOT NULL, "provision" text NOT NULL, "finding" text NOT NULL, "reasoning" text NOT NULL, "recommendation" text, CONSTRAINT "PK_ae9807d6293c23c13ff8804d09c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_findings_report" ON "findings"  ("report_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "report_votes" ("report_id" uuid NOT NULL, "person_id" uuid NOT NULL, "approve" boolean NOT NULL, CONSTRAINT "pk_report_votes" PRIMARY KEY ("report_id", "person_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "separate_opinions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "text" text NOT NULL, "text_sha256" character(64) NOT NULL, CONSTRAINT "PK_e74da3e8b582cf44d5093fdebd2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_separate_opinions_text" ON "separate_opinions"  ("report_id", "text_sha256") `);
    await queryRunner.query(
      `CREATE TABLE "report_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "member_id" uuid NOT NULL, "document_id" uuid NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7d7def46851bac2ac1912d85ab8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_report_comments_report" ON "report_comments"  ("report_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_report_comments_report"`);
    await queryRunner.query(`DROP TABLE "report_comments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_separate_opinions_text"`);
    await queryRunner.query(`DROP TABLE "separate_opinions"`);
    await queryRunner.query(`DROP TABLE "report_votes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_findings_report"`);
    await queryRunner.query(`DROP TABLE "findings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_reports_one_open"`);
    await queryRunner.query(`DROP TABLE "reports"`);
    await queryRunner.query(`DROP INDEX "public"."uq_appellate_outcomes_finding"`);
    await queryRunner.query(`DROP TABLE "appellate_outcomes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_appeals_dispute"`);
    await queryRunner.query(`DROP TABLE "appeals"`);
    await queryRunner.query(`DROP TABLE "appellate_members"`);
    await queryRunner.query(`DROP INDEX "public"."ix_adoption_meetings_dispute"`);
    await queryRunner.query(`DROP TABLE "adoption_meetings"`);
    await queryRunner.query(`DROP TABLE "adoption_objections"`);
  }
}
