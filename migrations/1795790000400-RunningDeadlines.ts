import { MigrationInterface, QueryRunner } from 'typeorm';

// The worker's sweep (libs/registry/src/sweep/procedure-sweeper.service.ts) selects the running
// limits that have run out, in the order they ran out, by their due date: an index of the running
// rows only (open, clock not stopped by a suspension), a small share of the table, ordered by due
// date and then by dispute, the order in which the sweep works through them in batches.
export class RunningDeadlines1795790000400 implements MigrationInterface {
  name = 'RunningDeadlines1795790000400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_deadlines_running" ON "deadlines" ("due_date", "dispute_id") WHERE "status" = 'OPEN' AND "paused_remaining_days" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_deadlines_running"`);
  }
}
