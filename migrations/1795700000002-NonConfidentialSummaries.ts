import { MigrationInterface, QueryRunner } from 'typeorm';

// DSU 18.2: a member asks a party for a non-confidential summary of one of its written submissions
// (summary_requests, once per member and submission); the request opens a NON_CONFIDENTIAL_SUMMARY
// deadline naming the document (deadlines.subject_id: several may run at once in one dispute), met
// by filing the summary, a document naming what it summarises (documents.summary_of_id).

export class NonConfidentialSummaries1795700000002 implements MigrationInterface {
  name = 'NonConfidentialSummaries1795700000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "summary_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "member_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline_id" uuid NOT NULL, CONSTRAINT "uq_summary_requests_member" UNIQUE ("document_id", "member_id"), CONSTRAINT "pk_summary_requests" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "deadlines" ADD "subject_id" uuid`);
    await queryRunner.query(`ALTER TABLE "documents" ADD "summary_of_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_deadlines_subject" ON "deadlines"  ("subject_id") `);
    await queryRunner.query(`CREATE INDEX "ix_documents_summary_of" ON "documents"  ("summary_of_id") `);
    await queryRunner.query(
      `ALTER TABLE "deadlines" ADD CONSTRAINT "fk_deadlines_subject" FOREIGN KEY ("subject_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "fk_documents_summary_of" FOREIGN KEY ("summary_of_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "summary_requests" ADD CONSTRAINT "fk_summary_requests_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "summary_requests" ADD CONSTRAINT "fk_summary_requests_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "summary_requests" ADD CONSTRAINT "fk_summary_requests_deadline" FOREIGN KEY ("deadline_id") REFERENCES "deadlines"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "summary_requests" DROP CONSTRAINT "fk_summary_requests_deadline"`);
    await queryRunner.query(`ALTER TABLE "summary_requests" DROP CONSTRAINT "fk_summary_requests_member"`);
    await queryRunner.query(`ALTER TABLE "summary_requests" DROP CONSTRAINT "fk_summary_requests_document"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "fk_documents_summary_of"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "fk_deadlines_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_documents_summary_of"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadlines_subject"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "summary_of_id"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP COLUMN "subject_id"`);
    await queryRunner.query(`DROP TABLE "summary_requests"`);
  }
}
