import { MigrationInterface, QueryRunner } from 'typeorm';
import { parseLegacyDocketText } from './docket-legacy-text';

const BATCH = 2000;

/**
 * Docket entries as a message of the docket catalogue with its parameters, rendered in the
 * reader's language when read (issue 17). `text` stays: it is the English rendition written when
 * the entry was appended, the append-only public record that the search, the feeds, the webhooks
 * and the audit read. The entries written before are taken apart again where their English
 * sentence has a known shape (migrations/docket-legacy-text.ts), else kept as `docket.verbatim`
 * with the sentence itself.
 */
export class DocketEntryParams1795790000000 implements MigrationInterface {
  name = 'DocketEntryParams1795790000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "docket_entries" ADD "message" text, ADD "params" jsonb NOT NULL DEFAULT '{}'`);
    // The docket is append-only: its trigger refuses every UPDATE. Filling the two new columns of
    // the existing rows is no edit of the record (their text, date and number are untouched), so
    // the trigger is switched off for this UPDATE alone and on again before the migration's
    // transaction commits: no other session ever sees the table without it (ALTER TABLE holds an
    // exclusive lock until then), and a failure rolls both back together.
    await queryRunner.query(`ALTER TABLE "docket_entries" DISABLE TRIGGER docket_entries_append_only`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; text: string }[] = await queryRunner.query(
        `SELECT id, text FROM "docket_entries" WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      if (!rows.length) break;
      const parsed = rows.map((row) => parseLegacyDocketText(row.text));
      await queryRunner.query(
        `UPDATE "docket_entries" d SET message = p.message, params = p.params
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS p(id, message, params) WHERE d.id = p.id`,
        [rows.map((r) => r.id), parsed.map((p) => p.message), parsed.map((p) => JSON.stringify(p.params))],
      );
      after = rows[rows.length - 1].id;
    }
    await queryRunner.query(`ALTER TABLE "docket_entries" ENABLE TRIGGER docket_entries_append_only`);
    await queryRunner.query(`ALTER TABLE "docket_entries" ALTER COLUMN "message" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "docket_entries" DROP COLUMN "params", DROP COLUMN "message"`);
  }
}
