import { MigrationInterface, QueryRunner } from 'typeorm';

// The sweep records a request for a non-confidential summary (DSU 18.2) run out by the limit it
// opened, and reads the request back by that limit: without an index that read (and the check of
// fk_summary_requests_deadline when a limit is deleted) scans every request of the registry, a cost
// per dispute that grows with the number of disputes.
export class SummaryRequestsByDeadline1795790000900 implements MigrationInterface {
  name = 'SummaryRequestsByDeadline1795790000900';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_summary_requests_deadline" ON "summary_requests" ("deadline_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_summary_requests_deadline"`);
  }
}
