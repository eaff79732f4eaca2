import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 17: titles, summaries and documents in the six working languages (en, zh, fr, es, ru, ar).
// A dispute has the language it was filed in (disputes.language) and the texts of its title and
// summary in others (dispute_translations, one row per language); a document has its language and
// the translations of its title (documents.title_translations, an object keyed by language, read
// with the row), and language versions: another file of the same filing in another language
// (document_versions, its bytes in document_version_contents as a document's in document_contents).
// Rows written before are English, as every filing was until now.
export class LanguageVersions1795790000100 implements MigrationInterface {
  name = 'LanguageVersions1795790000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const languages = `('en', 'zh', 'fr', 'es', 'ru', 'ar')`;
    await queryRunner.query(`ALTER TABLE "disputes" ADD "language" text NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "disputes" ADD CONSTRAINT "ck_disputes_language" CHECK ("language" IN ${languages})`);
    await queryRunner.query(`ALTER TABLE "documents" ADD "language" text NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "documents" ADD "title_translations" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "ck_documents_language" CHECK ("language" IN ${languages})`);
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "ck_documents_title_translations" CHECK (jsonb_typeof("title_translations") = 'object' AND "title_translations" - ARRAY['en', 'zh', 'fr', 'es', 'ru', 'ar'] = '{}'::jsonb AND NOT "title_translations" ? "language")`,
    );
    await queryRunner.query(
      `CREATE TABLE "dispute_translations" ("dispute_id" uuid NOT NULL, "language" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL, "added_by_id" uuid, CONSTRAINT "ck_dispute_translations_language" CHECK ("language" IN ${languages}), CONSTRAINT "pk_dispute_translations" PRIMARY KEY ("dispute_id", "language"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispute_translations" ADD CONSTRAINT "fk_dispute_translations_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispute_translations" ADD CONSTRAINT "fk_dispute_translations_added_by" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "document_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "language" text NOT NULL, "file_name" text NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "filed_by_id" uuid NOT NULL, CONSTRAINT "uq_document_versions_language" UNIQUE ("document_id", "language"), CONSTRAINT "ck_document_versions_language" CHECK ("language" IN ${languages}), CONSTRAINT "pk_document_versions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_versions" ADD CONSTRAINT "fk_document_versions_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_versions" ADD CONSTRAINT "fk_document_versions_filed_by" FOREIGN KEY ("filed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "document_version_contents" ("version_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "pk_document_version_contents" PRIMARY KEY ("version_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_version_contents" ADD CONSTRAINT "fk_document_version_contents_version" FOREIGN KEY ("version_id") REFERENCES "document_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "document_version_contents"`);
    await queryRunner.query(`DROP TABLE "document_versions"`);
    await queryRunner.query(`DROP TABLE "dispute_translations"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "ck_documents_title_translations"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "ck_documents_language"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "title_translations"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "disputes" DROP CONSTRAINT "ck_disputes_language"`);
    await queryRunner.query(`ALTER TABLE "disputes" DROP COLUMN "language"`);
  }
}
