import { MigrationInterface, QueryRunner } from 'typeorm';

// Sign-in under attack (README, Sign-in): backoff for failed sign-ins per account and address;
// sign-ins (sessions) that access tokens name, so that revoking one stops its tokens at once. The
// refresh token families issued before become sign-ins (revoked if every token of theirs is), so
// their refresh tokens keep working; access tokens issued before name no sign-in and stop. The
// second factor: TOTP factors (their secrets sealed), recovery codes (their hashes), and what a
// sign-in may do (only enrol the factor its role requires) and with which factor it was made.
export class SignInUnderAttack1795730000000 implements MigrationInterface {
  name = 'SignInUnderAttack1795730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limits" ADD "blocked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE TABLE "sign_ins" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "address" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4579b825694df5090ed8a003735" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sign_ins_user" ON "sign_ins" ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "sign_ins" ADD CONSTRAINT "fk_sign_ins_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "sign_ins" ("id", "user_id", "created_at", "revoked_at")
       SELECT "family_id", min("user_id"::text)::uuid, min("issued_at"),
              CASE WHEN bool_and("revoked_at" IS NOT NULL) THEN max("revoked_at") END
         FROM "refresh_tokens" GROUP BY "family_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_sign_in" FOREIGN KEY ("family_id") REFERENCES "sign_ins"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // The second factor.
    await queryRunner.query(`ALTER TABLE "sign_ins" ADD "scope" text NOT NULL DEFAULT 'FULL'`);
    await queryRunner.query(`ALTER TABLE "sign_ins" ADD "second_factor" text`);
    await queryRunner.query(`ALTER TABLE "sign_ins" ADD CONSTRAINT "ck_sign_ins_scope" CHECK ("scope" IN ('FULL', 'MFA_ENROLMENT'))`);
    await queryRunner.query(
      `ALTER TABLE "sign_ins" ADD CONSTRAINT "ck_sign_ins_second_factor" CHECK ("second_factor" IN ('TOTP', 'RECOVERY_CODE'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "totp_factors" ("user_id" uuid NOT NULL, "secret_sealed" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_used_step" integer, CONSTRAINT "PK_eded11141800ddff9dfbd017fd2" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "totp_factors" ADD CONSTRAINT "fk_totp_factors_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "totp_recovery_codes" ("user_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5e5b12d0968c90e73c24eb1161d" PRIMARY KEY ("user_id", "code_hash"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "totp_recovery_codes" ADD CONSTRAINT "fk_totp_recovery_codes_factor" FOREIGN KEY ("user_id") REFERENCES "totp_factors"("user_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "totp_recovery_codes"`);
    await queryRunner.query(`DROP TABLE "totp_factors"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_sign_in"`);
    await queryRunner.query(`DROP TABLE "sign_ins"`);
    await queryRunner.query(`ALTER TABLE "rate_limits" DROP COLUMN "blocked_until"`);
  }
}
