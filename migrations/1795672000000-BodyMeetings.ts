import { MigrationInterface, QueryRunner } from 'typeorm';

// The body's meetings: the agenda that status report deadlines count back from (DSU 21.6).
export class BodyMeetings1795672000000 implements MigrationInterface {
  name = 'BodyMeetings1795672000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "body_meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "held_on" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_body_meetings_day" UNIQUE ("held_on"), CONSTRAINT "pk_body_meetings" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "body_meetings"`);
  }
}
