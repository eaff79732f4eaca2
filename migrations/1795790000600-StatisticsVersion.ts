import { MigrationInterface, QueryRunner } from 'typeorm';

// The `statistics` query (libs/registry/src/statistics) reads what its figures are made of once
// per change of that data, not per request (issue 16, item 7): a version every such change
// advances tells each API process when its summary is stale. The changes are a stay entered or
// left (dispute_stage_periods), a dispute filed or moved (its stage, its urgency, its filing
// instant) and a closed day set or removed (the due days the overruns are measured against).
//
// The version is advanced at commit (deferred constraint triggers), once per transaction: the
// row's lock is then the last a transaction takes, after the audit chain's lock, so two commands
// can never wait for each other across the two; and a reader never sees the version of a change
// before the change itself.
const FUNCTION = `
  CREATE FUNCTION statistics_version_advance() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF current_setting('dsb.statistics_version_advanced', true) IS DISTINCT FROM 'on' THEN
      -- The row is written back if a loader emptied the table: from the clock's milliseconds,
      -- above any version a process may hold from before.
      INSERT INTO statistics_version (id, version) VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
        ON CONFLICT (id) DO UPDATE SET version = statistics_version.version + 1;
      PERFORM set_config('dsb.statistics_version_advanced', 'on', true);
    END IF;
    RETURN NULL;
  END $$`;

const WATCHED: readonly { table: string; events: string }[] = [
  { table: 'dispute_stage_periods', events: 'INSERT OR UPDATE OR DELETE' },
  { table: 'disputes', events: 'INSERT OR UPDATE OF stage, urgent, filed_at OR DELETE' },
  { table: 'closed_days', events: 'INSERT OR UPDATE OR DELETE' },
];

export class StatisticsVersion1795790000600 implements MigrationInterface {
  name = 'StatisticsVersion1795790000600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "statistics_version" ("id" smallint NOT NULL DEFAULT 1, "version" bigint NOT NULL, CONSTRAINT "PK_statistics_version" PRIMARY KEY ("id"), CONSTRAINT "CHK_statistics_version_one_row" CHECK ("id" = 1))`,
    );
    // Nothing to backfill but the row: the summary is read from the stays themselves.
    await queryRunner.query(`INSERT INTO "statistics_version" ("id", "version") VALUES (1, 0)`);
    await queryRunner.query(FUNCTION);
    for (const { table, events } of WATCHED) {
      await queryRunner.query(
        `CREATE CONSTRAINT TRIGGER "statistics_version_${table}" AFTER ${events} ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_version_advance()`,
      );
      // A constraint trigger cannot watch TRUNCATE (the loaders of the demo and the bench use it).
      await queryRunner.query(
        `CREATE TRIGGER "statistics_version_${table}_truncate" AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION statistics_version_advance()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of WATCHED) {
      await queryRunner.query(`DROP TRIGGER "statistics_version_${table}_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "statistics_version_${table}" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION statistics_version_advance()`);
    await queryRunner.query(`DROP TABLE "statistics_version"`);
  }
}
