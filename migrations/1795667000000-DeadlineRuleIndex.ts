import { MigrationInterface, QueryRunner } from 'typeorm';

// deadlines(filter: { rule }) across all cases, soonest first.
export class DeadlineRuleIndex1795667000000 implements MigrationInterface {
  name = 'DeadlineRuleIndex1795667000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_deadlines_rule" ON "deadlines" ("rule", "due_date") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_deadlines_rule"`);
  }
}
