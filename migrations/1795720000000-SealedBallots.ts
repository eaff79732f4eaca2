import { MigrationInterface, QueryRunner } from 'typeorm';

// Ballot secrecy (libs/panels/README.md): a cast stores the ballot sealed to the election's key
// (sealed_ballots), the close opens them and writes the clear ballots in one shuffled batch; the
// election keeps its public key and whether its ballots are published (at least
// BALLOT_PUBLICATION_MIN of them, never for a failed election). Elections already closed keep
// their ballots published only if at least 5 (the setting's default) were counted.
export class SealedBallots1795720000000 implements MigrationInterface {
  name = 'SealedBallots1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sealed_ballots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "election_id" uuid NOT NULL, "sealed" bytea NOT NULL, CONSTRAINT "PK_dc6322022777bcf6d7f582964f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sealed_ballots_election" ON "sealed_ballots" ("election_id") `);
    await queryRunner.query(
      `ALTER TABLE "sealed_ballots" ADD CONSTRAINT "fk_sealed_ballots_election" FOREIGN KEY ("election_id") REFERENCES "elections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "elections" ADD "ballot_key" bytea`);
    await queryRunner.query(`ALTER TABLE "elections" ADD "ballots_published" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`UPDATE "elections" SET "ballots_published" = true WHERE "status" = 'CLOSED' AND "turnout" >= 5`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Sealed ballots cannot be opened here (the secret is not the database's): refuse rather than
    // lose the ballots of an open election.
    const [{ n }] = await queryRunner.query(`SELECT count(*)::int AS n FROM "sealed_ballots"`);
    if (n > 0) throw new Error(`${n} sealed ballot(s) await their election's close: close the elections before reverting`);
    await queryRunner.query(`ALTER TABLE "elections" DROP COLUMN "ballots_published"`);
    await queryRunner.query(`ALTER TABLE "elections" DROP COLUMN "ballot_key"`);
    await queryRunner.query(`ALTER TABLE "sealed_ballots" DROP CONSTRAINT "fk_sealed_ballots_election"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sealed_ballots_election"`);
    await queryRunner.query(`DROP TABLE "sealed_ballots"`);
  }
}
