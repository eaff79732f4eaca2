import { MigrationInterface, QueryRunner } from 'typeorm';
import { parseLegacyDocketText } from './docket-legacy-text';

/**
 * The language commands (addDisputeTranslation, addDocumentVersion) wrote English sentences on a
 * database that had the languages migration (1795790000100) before DocketEntryParams
 * (1795790000000, released later despite its timestamp), and that migration did not yet know their
 * shapes: it kept them as `docket.verbatim`, shown in English in every language. Read them again now that the parser
 * knows them (migrations/docket-legacy-text.ts); an entry of no known shape stays as it is, and the
 * sentence each entry renders in English is unchanged.
 */
export class DocketLanguageSentences1795790001700 implements MigrationInterface {
  name = 'DocketLanguageSentences1795790001700';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: string; text: string }[] = await queryRunner.query(
      `SELECT id, params->>'text' AS text FROM "docket_entries"
        WHERE message = 'docket.verbatim' AND params->>'text' ~ ' filed the [A-Za-z]+ (text|version) of '`,
    );
    const parsed = rows.map((row) => ({ id: row.id, ...parseLegacyDocketText(row.text) })).filter((p) => p.message !== 'docket.verbatim');
    if (!parsed.length) return;
    await queryRunner.query(`ALTER TABLE "docket_entries" DISABLE TRIGGER docket_entries_append_only`);
    await queryRunner.query(
      `UPDATE "docket_entries" d SET message = p.message, params = p.params
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS p(id, message, params) WHERE d.id = p.id`,
      [parsed.map((p) => p.id), parsed.map((p) => p.message), parsed.map((p) => JSON.stringify(p.params))],
    );
    await queryRunner.query(`ALTER TABLE "docket_entries" ENABLE TRIGGER docket_entries_append_only`);
  }

  public async down(): Promise<void> {
    // Nothing to undo: the entries render the same English sentence either way.
  }
}
