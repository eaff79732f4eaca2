import { MigrationInterface, QueryRunner } from 'typeorm';

// When a hearing's current times were set (scheduled, or last moved), from the command's clock:
// its reminders (issue 13, libs/hearings/src/hearings/hearing-reminders.service.ts) skip a day
// that had already begun then, since the convocation itself served the participants. Null for
// the hearings set before this column, which are reminded as if set long before.
export class HearingSetAt1795780000000 implements MigrationInterface {
  name = 'HearingSetAt1795780000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hearings" ADD "set_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hearings" DROP COLUMN "set_at"`);
  }
}
