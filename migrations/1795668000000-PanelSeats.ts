import { MigrationInterface, QueryRunner } from 'typeorm';

export class PanelSeats1795668000000 implements MigrationInterface {
  name = 'PanelSeats1795668000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "panel_seats" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "user_id" uuid, "person_id" uuid NOT NULL, "chair" boolean NOT NULL, "seated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "vacated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1875c795343ab754f777709ab86" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_panel_seats_dispute" ON "panel_seats"  ("dispute_id") `);
    await queryRunner.query(`CREATE INDEX "ix_panel_seats_user" ON "panel_seats"  ("user_id", "dispute_id") `);
    await queryRunner.query(
      `ALTER TABLE "panel_seats" ADD CONSTRAINT "fk_panel_seats_dispute" FOREIGN KEY ("dispute_id") REFERENCES "disputes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "panel_seats" DROP CONSTRAINT "fk_panel_seats_dispute"`);
    await queryRunner.query(`DROP INDEX "public"."ix_panel_seats_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_panel_seats_dispute"`);
    await queryRunner.query(`DROP TABLE "panel_seats"`);
  }
}
