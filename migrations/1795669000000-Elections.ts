import { MigrationInterface, QueryRunner } from 'typeorm';

export class Elections1795669000000 implements MigrationInterface {
  name = 'Elections1795669000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "elections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "kind" text NOT NULL, "seats" integer NOT NULL, "status" text NOT NULL, "rules" text NOT NULL, "quorum_percent" integer NOT NULL, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "seed_hash" character(64) NOT NULL, "seed" text NOT NULL, "electorate_size" integer NOT NULL, "turnout" integer, "result" jsonb, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_21abca6e4191b830d1eb8379cf0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_elections_closing" ON "elections"  ("status", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_elections_dispute" ON "elections"  ("dispute_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_elections_one_open" ON "elections"  ("dispute_id") WHERE "status" = 'OPEN'`);
    await queryRunner.query(
      `CREATE TABLE "election_candidates" ("election_id" uuid NOT NULL, "person_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_5c42bdc55dba35ba1bd28ffc285" PRIMARY KEY ("election_id", "person_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "election_electors" ("election_id" uuid NOT NULL, "member_id" uuid NOT NULL, CONSTRAINT "PK_b5176eb1266773d2507145c182a" PRIMARY KEY ("election_id", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "election_votes" ("election_id" uuid NOT NULL, "member_id" uuid NOT NULL, CONSTRAINT "pk_election_votes" PRIMARY KEY ("election_id", "member_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ballots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "election_id" uuid NOT NULL, "receipt" text NOT NULL, "ranking" uuid array NOT NULL, CONSTRAINT "PK_1c29cf82a8045f839f8639634e9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ballots_receipt" ON "ballots"  ("election_id", "receipt") `);
    await queryRunner.query(
      `CREATE TABLE "panel_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "person_id" uuid NOT NULL, "election_id" uuid NOT NULL, "elected_rank" integer NOT NULL, "chair" boolean NOT NULL, "seated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "vacated_at" TIMESTAMP WITH TIME ZONE, "vacated_reason" text, CONSTRAINT "PK_02b94bfd5935db3ae179578b686" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_panel_members_seated" ON "panel_members"  ("dispute_id", "person_id") WHERE "vacated_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_panel_members_dispute" ON "panel_members"  ("dispute_id", "seated_at") `);
    await queryRunner.query(
      `ALTER TABLE "elections" ADD CONSTRAINT "fk_elections_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "election_candidates" ADD CONSTRAINT "fk_election_candidates_election" FOREIGN KEY ("election_id") REFERENCES "elections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "election_candidates" ADD CONSTRAINT "fk_election_candidates_person" FOREIGN KEY ("person_id") REFERENCES "roster_persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "election_electors" ADD CONSTRAINT "fk_election_electors_election" FOREIGN KEY ("election_id") REFERENCES "elections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "election_votes" ADD CONSTRAINT "fk_election_votes_election" FOREIGN KEY ("election_id") REFERENCES "elections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ballots" ADD CONSTRAINT "fk_ballots_election" FOREIGN KEY ("election_id") REFERENCES "elections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_members" ADD CONSTRAINT "fk_panel_members_person" FOREIGN KEY ("person_id") REFERENCES "roster_persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "panel_members" ADD CONSTRAINT "fk_panel_members_election" FOREIGN KEY ("election_id") REFERENCES "elections"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "panel_members" DROP CONSTRAINT "fk_panel_members_election"`);
    await queryRunner.query(`ALTER TABLE "panel_members" DROP CONSTRAINT "fk_panel_members_person"`);
    await queryRunner.query(`ALTER TABLE "ballots" DROP CONSTRAINT "fk_ballots_election"`);
    await queryRunner.query(`ALTER TABLE "election_votes" DROP CONSTRAINT "fk_election_votes_election"`);
    await queryRunner.query(`ALTER TABLE "election_electors" DROP CONSTRAINT "fk_election_electors_election"`);
    await queryRunner.query(`ALTER TABLE "election_candidates" DROP CONSTRAINT "fk_election_candidates_person"`);
    await queryRunner.query(`ALTER TABLE "election_candidates" DROP CONSTRAINT "fk_election_candidates_election"`);
    await queryRunner.query(`ALTER TABLE "elections" DROP CONSTRAINT "fk_elections_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."ix_panel_members_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."uq_panel_members_seated"`);
    await queryRunner.query(`DROP TABLE "panel_members"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ballots_receipt"`);
    await queryRunner.query(`DROP TABLE "ballots"`);
    await queryRunner.query(`DROP TABLE "election_votes"`);
    await queryRunner.query(`DROP TABLE "election_electors"`);
    await queryRunner.query(`DROP TABLE "election_candidates"`);
    await queryRunner.query(`DROP INDEX "public"."uq_elections_one_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_elections_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."ix_elections_closing"`);
    await queryRunner.query(`DROP TABLE "elections"`);
  }
}
