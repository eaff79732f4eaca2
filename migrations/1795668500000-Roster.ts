import { MigrationInterface, QueryRunner } from 'typeorm';

// The roster (DSU 8.4), disclosures (Rules of Conduct WT/DSB/RC/1), nationality consents (DSU 8.3)
// and challenges for cause (DSU 8.6). Named after 1795668000000-PanelSeats so it runs after it.
export class Roster1795668500000 implements MigrationInterface {
  name = 'Roster1795668500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "challenges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "person_id" uuid NOT NULL, "by_member_id" uuid NOT NULL, "grounds" text NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "reasons" text, CONSTRAINT "PK_1e664e93171e20fe4d6125466af" PRIMARY KEY ("id"))`,
    );
    // One pending challenge per (dispute, person, member); decided challenges stay as the record.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_challenges_pending" ON "challenges"  ("dispute_id", "person_id", "by_member_id") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_challenges_dispute" ON "challenges"  ("dispute_id", "person_id") `);
    await queryRunner.query(
      `CREATE TABLE "disclosures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "kind" text NOT NULL, "text" text NOT NULL, "dispute_id" uuid, "status" text NOT NULL DEFAULT 'OPEN', "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, CONSTRAINT "PK_891a486784239e16ba51491fd1c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_disclosures_dispute" ON "disclosures"  ("dispute_id") `);
    await queryRunner.query(`CREATE INDEX "ix_disclosures_person" ON "disclosures"  ("person_id", "declared_at") `);
    await queryRunner.query(
      `CREATE TABLE "nationality_consents" ("dispute_id" uuid NOT NULL, "person_id" uuid NOT NULL, "member_id" uuid NOT NULL, "consented_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_nationality_consents" PRIMARY KEY ("dispute_id", "person_id", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "roster_cvs" ("person_id" uuid NOT NULL, "file_name" text NOT NULL, "media_type" text NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_02c2cf16f10fc44df368c5b3b3a" PRIMARY KEY ("person_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "roster_persons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "nationality" character(3) NOT NULL, "expertise" text array NOT NULL, "languages" text array NOT NULL, "available" boolean NOT NULL DEFAULT true, "status" text NOT NULL DEFAULT 'NOMINATED', "nominated_by_member_id" uuid NOT NULL, "user_id" uuid, "decision_reason" text, "decided_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_roster_persons_user" UNIQUE ("user_id"), CONSTRAINT "PK_c1e02c89879184f189e1184e5a3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_roster_persons_nominated_by" ON "roster_persons"  ("nominated_by_member_id") `);
    await queryRunner.query(`CREATE INDEX "ix_roster_persons_status_name" ON "roster_persons"  ("status", "name") `);
    await queryRunner.query(
      `ALTER TABLE "challenges" ADD CONSTRAINT "fk_challenges_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenges" ADD CONSTRAINT "fk_challenges_person" FOREIGN KEY ("person_id") REFERENCES "roster_persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenges" ADD CONSTRAINT "fk_challenges_member" FOREIGN KEY ("by_member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "disclosures" ADD CONSTRAINT "fk_disclosures_person" FOREIGN KEY ("person_id") REFERENCES "roster_persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "disclosures" ADD CONSTRAINT "fk_disclosures_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nationality_consents" ADD CONSTRAINT "fk_nationality_consents_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nationality_consents" ADD CONSTRAINT "fk_nationality_consents_person" FOREIGN KEY ("person_id") REFERENCES "roster_persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nationality_consents" ADD CONSTRAINT "fk_nationality_consents_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_cvs" ADD CONSTRAINT "fk_roster_cvs_person" FOREIGN KEY ("person_id") REFERENCES "roster_persons"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_persons" ADD CONSTRAINT "fk_roster_persons_member" FOREIGN KEY ("nominated_by_member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_persons" ADD CONSTRAINT "fk_roster_persons_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "roster_persons" DROP CONSTRAINT "fk_roster_persons_user"`);
    await queryRunner.query(`ALTER TABLE "roster_persons" DROP CONSTRAINT "fk_roster_persons_member"`);
    await queryRunner.query(`ALTER TABLE "roster_cvs" DROP CONSTRAINT "fk_roster_cvs_person"`);
    await queryRunner.query(`ALTER TABLE "nationality_consents" DROP CONSTRAINT "fk_nationality_consents_member"`);
    await queryRunner.query(`ALTER TABLE "nationality_consents" DROP CONSTRAINT "fk_nationality_consents_person"`);
    await queryRunner.query(`ALTER TABLE "nationality_consents" DROP CONSTRAINT "fk_nationality_consents_dispute"`);
    await queryRunner.query(`ALTER TABLE "disclosures" DROP CONSTRAINT "fk_disclosures_dispute"`);
    await queryRunner.query(`ALTER TABLE "disclosures" DROP CONSTRAINT "fk_disclosures_person"`);
    await queryRunner.query(`ALTER TABLE "challenges" DROP CONSTRAINT "fk_challenges_member"`);
    await queryRunner.query(`ALTER TABLE "challenges" DROP CONSTRAINT "fk_challenges_person"`);
    await queryRunner.query(`ALTER TABLE "challenges" DROP CONSTRAINT "fk_challenges_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."ix_roster_persons_status_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_roster_persons_nominated_by"`);
    await queryRunner.query(`DROP TABLE "roster_persons"`);
    await queryRunner.query(`DROP TABLE "roster_cvs"`);
    await queryRunner.query(`DROP TABLE "nationality_consents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disclosures_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disclosures_dispute"`);
    await queryRunner.query(`DROP TABLE "disclosures"`);
    await queryRunner.query(`DROP INDEX "public"."ix_challenges_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."uq_challenges_pending"`);
    await queryRunner.query(`DROP TABLE "challenges"`);
  }
}
