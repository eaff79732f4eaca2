import { MigrationInterface, QueryRunner } from 'typeorm';

// A user's preferred working language (README, "Working languages"): the language the API answers
// in when a request names none. Null until the user chooses one; only the six working languages.
export class UserLanguage1795790000200 implements MigrationInterface {
  name = 'UserLanguage1795790000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "language" text`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "ck_users_language" CHECK ("language" IN ('en', 'zh', 'fr', 'es', 'ru', 'ar'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_language"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "language"`);
  }
}
