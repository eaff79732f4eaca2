import { MigrationInterface, QueryRunner } from 'typeorm';

// A CONFIDENTIAL document may be for the panel: the panelists seated on the dispute read it,
// resolved from panel_seats when it is read (a panelist seated later reads it too).

export class DocumentsForThePanel1795700000001 implements MigrationInterface {
  name = 'DocumentsForThePanel1795700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" ADD "panel_only" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "panel_only"`);
  }
}
