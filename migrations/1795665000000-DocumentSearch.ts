import { MigrationInterface, QueryRunner } from 'typeorm';

// The index behind `documents(filter: { text })` (DocumentsService.list).
export class DocumentSearch1795665000000 implements MigrationInterface {
  name = 'DocumentSearch1795665000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_documents_title_search" ON "documents" USING gin (to_tsvector('simple'::regconfig, title))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_documents_title_search"`);
  }
}
