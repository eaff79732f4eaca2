import { MigrationInterface, QueryRunner } from 'typeorm';

// A third party in the consultations (DSU 4.11: joins once the respondent accepts its claim of
// substantial interest) and one in the panel proceedings (DSU 10.2) are different capacities;
// dispute_parties records each. Rows written before held both, so they keep both: accepted in the
// consultations, and in the panel proceedings since they joined.
export class ThirdPartyCapacities1795710000001 implements MigrationInterface {
  name = 'ThirdPartyCapacities1795710000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispute_parties" ADD "consultations_status" text`);
    await queryRunner.query(`ALTER TABLE "dispute_parties" ADD "panel_joined_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "dispute_parties" SET "consultations_status" = 'ACCEPTED', "panel_joined_at" = "joined_at" WHERE "kind" = 'THIRD_PARTY'`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispute_parties" ADD CONSTRAINT "ck_dispute_parties_consultations_status" CHECK ("consultations_status" IN ('REQUESTED', 'ACCEPTED', 'REJECTED'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispute_parties" ADD CONSTRAINT "ck_dispute_parties_capacity" CHECK (("kind" = 'THIRD_PARTY') = ("consultations_status" IS NOT NULL OR "panel_joined_at" IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to one capacity: a member that only asked, or was refused, was no third party.
    await queryRunner.query(`ALTER TABLE "dispute_parties" DROP CONSTRAINT "ck_dispute_parties_capacity"`);
    await queryRunner.query(`ALTER TABLE "dispute_parties" DROP CONSTRAINT "ck_dispute_parties_consultations_status"`);
    await queryRunner.query(
      `DELETE FROM "dispute_parties" WHERE "kind" = 'THIRD_PARTY' AND "panel_joined_at" IS NULL AND "consultations_status" IS DISTINCT FROM 'ACCEPTED'`,
    );
    await queryRunner.query(`ALTER TABLE "dispute_parties" DROP COLUMN "panel_joined_at"`);
    await queryRunner.query(`ALTER TABLE "dispute_parties" DROP COLUMN "consultations_status"`);
  }
}
