import { MigrationInterface, QueryRunner } from 'typeorm';

// The audit trail anchored outside the database (README, "The audit trail: threat model"):
// - each record carries the application's Ed25519 signature of its hash (null on the records
//   written before this migration), so a record forged by someone with the database but without
//   the key is found;
// - signed checkpoints of the chain's head (seq, hash, time), published, so a deleted tail, a
//   rewritten and rehashed history or an emptied table is found against the last checkpoint;
// - TRUNCATE is refused on both tables (a row trigger never sees a TRUNCATE), and the checkpoints
//   are append-only like the records.
export class AuditAnchors1795740000000 implements MigrationInterface {
  name = 'AuditAnchors1795740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "signature" text`);
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoints" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, "made_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "meeting_id" uuid, "key_id" text NOT NULL, "signature" text NOT NULL, CONSTRAINT "ck_audit_checkpoints_reason" CHECK ("reason" IN ('DAILY', 'MEETING')), CONSTRAINT "pk_audit_checkpoints" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_checkpoints_made_at" ON "audit_checkpoints" ("made_at") `);
    await queryRunner.query(
      `CREATE FUNCTION audit_trail_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_refuse()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON "audit_checkpoints" FOR EACH ROW EXECUTE FUNCTION audit_trail_refuse()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON "audit_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_refuse()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_checkpoints_no_truncate ON "audit_checkpoints"`);
    await queryRunner.query(`DROP TRIGGER audit_checkpoints_append_only ON "audit_checkpoints"`);
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_trail_refuse()`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_checkpoints_made_at"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "signature"`);
  }
}
