import { MigrationInterface, QueryRunner } from 'typeorm';

// Sign-in under attack (README, Sign-in): backoff for failed sign-ins per account and address.
export class SignInUnderAttack1795730000000 implements MigrationInterface {
  name = 'SignInUnderAttack1795730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limits" ADD "blocked_until" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limits" DROP COLUMN "blocked_until"`);
  }
}
