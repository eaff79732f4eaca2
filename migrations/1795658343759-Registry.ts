import { MigrationInterface, QueryRunner } from 'typeorm';

export class Registry1795658343759 implements MigrationInterface {
  name = 'Registry1795658343759';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Docket numbers DS<n>: a sequence, so a number is never reused (a rolled-back filing
    // leaves a gap rather than giving its number to the next dispute).
    await queryRunner.query(`CREATE SEQUENCE "dispute_number_seq" AS integer START WITH 1`);
    await queryRunner.query(
      `CREATE TABLE "closed_days" ("day" date NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_4e8a39d74b7524b8b681549e58d" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "deadlines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "rule" text NOT NULL, "base_date" date NOT NULL, "due_date" date NOT NULL, "status" text NOT NULL, "paused_remaining_days" integer, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a9b8551c028a78298641a8e3470" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_deadlines_dispute" ON "deadlines"  ("dispute_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_deadlines_due" ON "deadlines"  ("status", "due_date") `);
    await queryRunner.query(
      `CREATE TABLE "dispute_parties" ("dispute_id" uuid NOT NULL, "member_id" uuid NOT NULL, "kind" text NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b27339838da83e0ac55696ae281" PRIMARY KEY ("dispute_id", "member_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_dispute_parties_member" ON "dispute_parties"  ("member_id", "kind") `);
    await queryRunner.query(
      `CREATE TABLE "dispute_stage_periods" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "stage" text NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b6a5cf928a6c82515aa8081948b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_dispute_stage_periods_dispute" ON "dispute_stage_periods"  ("dispute_id", "entered_at") `);
    await queryRunner.query(`CREATE INDEX "ix_dispute_stage_periods_stage" ON "dispute_stage_periods"  ("stage", "entered_at") `);
    await queryRunner.query(
      `CREATE TABLE "disputes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" integer NOT NULL DEFAULT nextval('dispute_number_seq'), "title" text NOT NULL, "summary" text NOT NULL, "measures" text array NOT NULL, "legal_basis" text array NOT NULL, "urgent" boolean NOT NULL, "stage" text NOT NULL, "stage_entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stage_before_suspension" text, "suspended_at" TIMESTAMP WITH TIME ZONE, "good_offices" boolean NOT NULL DEFAULT false, "good_offices_since" TIMESTAMP WITH TIME ZONE, "body_meetings_since_panel_request" integer NOT NULL DEFAULT '0', "agreements" jsonb NOT NULL DEFAULT '{}', "events" jsonb NOT NULL DEFAULT '{}', "rpt_ends_on" date, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_disputes_number" UNIQUE ("number"), CONSTRAINT "PK_3c97580d01c1a4b0b345c42a107" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER SEQUENCE "dispute_number_seq" OWNED BY "disputes"."number"`);
    // The index behind the \`text\` filter (DISPUTE_SEARCH_VECTOR in dispute.entity.ts).
    // array_to_string is only STABLE in the catalogue, but on text[] it cannot change: wrapping it
    // in an IMMUTABLE function lets it be indexed.
    await queryRunner.query(
      `CREATE FUNCTION dispute_search_vector(title text, summary text, measures text[]) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT to_tsvector('simple'::regconfig, title || ' ' || summary || ' ' || array_to_string(measures, ' ')) $$`,
    );
    await queryRunner.query(`CREATE INDEX "ix_disputes_search" ON "disputes" USING gin (dispute_search_vector(title, summary, measures))`);
    await queryRunner.query(`CREATE INDEX "ix_disputes_filed" ON "disputes"  ("filed_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_disputes_stage_filed" ON "disputes"  ("stage", "filed_at") `);
    await queryRunner.query(
      `CREATE TABLE "docket_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "seq" integer NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_role" text NOT NULL, "kind" text NOT NULL, "text" text NOT NULL, "document_ids" uuid array NOT NULL DEFAULT '{}', "corrects_id" uuid, CONSTRAINT "uq_docket_entries_seq" UNIQUE ("dispute_id", "seq"), CONSTRAINT "PK_de42c2fcf5d1b4777c3174fa197" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_docket_entries_time" ON "docket_entries"  ("occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "document_contents" ("document_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_dfc809fb593cb08f0e97825a630" PRIMARY KEY ("document_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "file_name" text NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "filed_by_id" uuid NOT NULL, "filed_for_member_id" uuid, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "classification" text NOT NULL, "derestricted_at" TIMESTAMP WITH TIME ZONE, "idempotency_key" text, "reader_ids" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "uq_documents_idempotency" UNIQUE ("filed_by_id", "idempotency_key"), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_documents_dispute" ON "documents"  ("dispute_id", "filed_at") `);
    await queryRunner.query(
      `ALTER TABLE "deadlines" ADD CONSTRAINT "fk_deadlines_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispute_parties" ADD CONSTRAINT "fk_dispute_parties_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispute_parties" ADD CONSTRAINT "fk_dispute_parties_member" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispute_stage_periods" ADD CONSTRAINT "fk_dispute_stage_periods_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "docket_entries" ADD CONSTRAINT "fk_docket_entries_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_contents" ADD CONSTRAINT "fk_document_contents_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "fk_documents_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The docket is append-only: a correction is a new entry.
    await queryRunner.query(
      `CREATE FUNCTION docket_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'docket_entries is append-only: record a correction as a new entry'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER docket_entries_append_only BEFORE UPDATE OR DELETE ON "docket_entries" FOR EACH ROW EXECUTE FUNCTION docket_entries_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "fk_documents_dispute"`);
    await queryRunner.query(`ALTER TABLE "document_contents" DROP CONSTRAINT "fk_document_contents_document"`);
    await queryRunner.query(`ALTER TABLE "docket_entries" DROP CONSTRAINT "fk_docket_entries_dispute"`);
    await queryRunner.query(`ALTER TABLE "dispute_stage_periods" DROP CONSTRAINT "fk_dispute_stage_periods_dispute"`);
    await queryRunner.query(`ALTER TABLE "dispute_parties" DROP CONSTRAINT "fk_dispute_parties_member"`);
    await queryRunner.query(`ALTER TABLE "dispute_parties" DROP CONSTRAINT "fk_dispute_parties_dispute"`);
    await queryRunner.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "fk_deadlines_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."ix_documents_dispute"`);
    await queryRunner.query(`DROP TABLE "documents"`);
    await queryRunner.query(`DROP TABLE "document_contents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_docket_entries_time"`);
    await queryRunner.query(`DROP TABLE "docket_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disputes_stage_filed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disputes_filed"`);
    await queryRunner.query(`DROP TABLE "disputes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dispute_stage_periods_stage"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dispute_stage_periods_dispute"`);
    await queryRunner.query(`DROP TABLE "dispute_stage_periods"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dispute_parties_member"`);
    await queryRunner.query(`DROP TABLE "dispute_parties"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadlines_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadlines_dispute"`);
    await queryRunner.query(`DROP TABLE "deadlines"`);
    await queryRunner.query(`DROP TABLE "closed_days"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS docket_entries_append_only()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS dispute_search_vector(text, text, text[])`);
    await queryRunner.query(`DROP SEQUENCE IF EXISTS "dispute_number_seq"`);
  }
}
