import { MigrationInterface, QueryRunner } from 'typeorm';

// The body's periodic report (README, Public pages) reads the stage stays that ended within a
// period and the elections counted within it: both by an instant no other index leads with.
export class ReportIndexes1795790000300 implements MigrationInterface {
  name = 'ReportIndexes1795790000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_dispute_stage_periods_left" ON "dispute_stage_periods" ("left_at") `);
    await queryRunner.query(`CREATE INDEX "ix_elections_closed" ON "elections" ("closed_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_elections_closed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dispute_stage_periods_left"`);
  }
}
