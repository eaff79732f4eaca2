import { MigrationInterface, QueryRunner } from 'typeorm';

// The training sandbox's clock (README, "Training sandbox"): one row shared by every process of a
// sandbox, read at start-up and on each NOTIFY of the channel sandbox_clock. Outside a sandbox the
// table stays empty and nothing reads it.
export class SandboxClock1795780000100 implements MigrationInterface {
  name = 'SandboxClock1795780000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sandbox_clock" (
         "id" smallint NOT NULL,
         "instant" TIMESTAMP WITH TIME ZONE NOT NULL,
         "real_at" TIMESTAMP WITH TIME ZONE NOT NULL,
         "frozen" boolean NOT NULL DEFAULT false,
         CONSTRAINT "ck_sandbox_clock_one_row" CHECK ("id" = 1),
         CONSTRAINT "PK_5be6aeeafed3fc6d3d1b67d9b72" PRIMARY KEY ("id")
       )`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sandbox_clock"`);
  }
}
