import { MigrationInterface, QueryRunner } from 'typeorm';

// The version of the public data (README, "Public reads from a cache"): one row that every
// command advances in its own transaction (CommandRunner), announced with NOTIFY on the channel
// public_read_version at commit. The API's cache of anonymous answers keeps an answer only while
// the row still holds the version it was computed at.
export class PublicReadVersion1795790000700 implements MigrationInterface {
  name = 'PublicReadVersion1795790000700';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "public_read_version" (
         "id" smallint NOT NULL,
         "version" bigint NOT NULL,
         CONSTRAINT "ck_public_read_version_one_row" CHECK ("id" = 1),
         CONSTRAINT "PK_public_read_version" PRIMARY KEY ("id")
       )`,
    );
    await queryRunner.query(`INSERT INTO "public_read_version" ("id", "version") VALUES (1, 1)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "public_read_version"`);
  }
}
