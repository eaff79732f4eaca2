import { MigrationInterface, QueryRunner } from 'typeorm';

// The seats an election filled are read by the election, in the order of election (an election's
// result, and the public elections page's, a page of elections at once): without an index that
// read scans every seat of the registry.
export class PanelSeatsByElection1795790001000 implements MigrationInterface {
  name = 'PanelSeatsByElection1795790001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_panel_seats_election" ON "panel_seats" ("election_id", "elected_rank") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_panel_seats_election"`);
  }
}
