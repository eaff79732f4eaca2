import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bytes per chunk: a chunk is the most the API holds of a file at once, writing or reading. */
const CHUNK = 1024 * 1024;

// Documents of any size in constant memory (README, "Documents and who sees them"): the bytes of
// a document or of a language version are kept in chunks of 1 MiB (document_chunks, keyed by the
// document's or the version's id, as the whole content was in document_contents and
// document_version_contents), so that neither a filing nor a download holds a whole file. A file
// streamed to POST /uploads is kept under its upload's id (document_uploads) until a filing takes
// it, or until it expires. A size is a bigint: the limit is 2 GB by default, one byte past an integer.
// The contents already filed move into chunks; their former tables stay, empty, for the earlier
// migrations' `down`.
export class DocumentChunks1795790001200 implements MigrationInterface {
  name = 'DocumentChunks1795790001200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_chunks" ("content_key" uuid NOT NULL, "seq" integer NOT NULL, "bytes" bytea NOT NULL,
         CONSTRAINT "ck_document_chunks_seq" CHECK ("seq" >= 0),
         CONSTRAINT "pk_document_chunks" PRIMARY KEY ("content_key", "seq"))`,
    );
    // Already compressed files (PDF, images, archives) gain nothing from TOAST's compression.
    await queryRunner.query(`ALTER TABLE "document_chunks" ALTER COLUMN "bytes" SET STORAGE EXTERNAL`);
    await queryRunner.query(
      `CREATE TABLE "document_uploads" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL,
         "used_by" uuid,
         CONSTRAINT "pk_document_uploads" PRIMARY KEY ("id"),
         CONSTRAINT "fk_document_uploads_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_document_uploads_expires" ON "document_uploads" ("expires_at")`);
    for (const [table, key] of [
      ['document_contents', 'document_id'],
      ['document_version_contents', 'version_id'],
    ]) {
      await queryRunner.query(
        `INSERT INTO "document_chunks" ("content_key", "seq", "bytes")
         SELECT c."${key}", g.seq, substring(c."content" FROM g.seq * ${CHUNK} + 1 FOR ${CHUNK})
           FROM "${table}" c, generate_series(0, greatest(length(c."content") - 1, 0) / ${CHUNK}) AS g(seq)`,
      );
      await queryRunner.query(`DELETE FROM "${table}"`);
    }
    await queryRunner.query(`ALTER TABLE "documents" ALTER COLUMN "size_bytes" TYPE bigint`);
    await queryRunner.query(`ALTER TABLE "document_versions" ALTER COLUMN "size_bytes" TYPE bigint`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // A file of 2 GB or more has no place in an integer column nor in one bytea value (1 GB at most).
    await queryRunner.query(`ALTER TABLE "document_versions" ALTER COLUMN "size_bytes" TYPE integer`);
    await queryRunner.query(`ALTER TABLE "documents" ALTER COLUMN "size_bytes" TYPE integer`);
    for (const [table, key, owners] of [
      ['document_contents', 'document_id', 'documents'],
      ['document_version_contents', 'version_id', 'document_versions'],
    ]) {
      await queryRunner.query(
        `INSERT INTO "${table}" ("${key}", "content")
         SELECT c."content_key", string_agg(c."bytes", ''::bytea ORDER BY c."seq")
           FROM "document_chunks" c WHERE c."content_key" IN (SELECT "id" FROM "${owners}") GROUP BY c."content_key"`,
      );
    }
    await queryRunner.query(`DROP TABLE "document_uploads"`);
    await queryRunner.query(`DROP TABLE "document_chunks"`);
  }
}
