import { CORE_ENTITIES, grantApplicationRole, userOf } from '@app/core';
import { HEARINGS_ENTITIES } from '@app/hearings';
import { PANELS_ENTITIES } from '@app/panels';
import { REGISTRY_ENTITIES } from '@app/registry';
import { NOTICES_ENTITIES } from '@app/notices';
import { RULINGS_ENTITIES } from '@app/rulings';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Registry1795658343759 } from './1795658343759-Registry';
import { DocumentSearch1795665000000 } from './1795665000000-DocumentSearch';
import { DeadlineRuleIndex1795667000000 } from './1795667000000-DeadlineRuleIndex';
import { PanelSeats1795668000000 } from './1795668000000-PanelSeats';
import { Roster1795668500000 } from './1795668500000-Roster';
import { Elections1795669000000 } from './1795669000000-Elections';
import { BodyMeetings1795672000000 } from './1795672000000-BodyMeetings';
import { RulingsForeignKeys1795673000000 } from './1795673000000-RulingsForeignKeys';
import { ProceduralFidelity1795690000000 } from './1795690000000-ProceduralFidelity';
import { ComplianceProceedings1795691000000 } from './1795691000000-ComplianceProceedings';
import { ThirdPartyCapacities1795710000001 } from './1795710000001-ThirdPartyCapacities';
import { SealedBallots1795720000000 } from './1795720000000-SealedBallots';
import { Rulings1795671000000 } from './1795671000000-Rulings';
import { Foundation1795657347877 } from './1795657347877-Foundation';
import { Hearings1795670000000 } from './1795670000000-Hearings';
import { DocumentsForThePanel1795700000001 } from './1795700000001-DocumentsForThePanel';
import { NonConfidentialSummaries1795700000002 } from './1795700000002-NonConfidentialSummaries';
import { SignInUnderAttack1795730000000 } from './1795730000000-SignInUnderAttack';
import { installJobQueue } from './job-queue';
import { AuditAnchors1795740000000 } from './1795740000000-AuditAnchors';
import { Notices1795760000000 } from './1795760000000-Notices';
import { HearingNoticesJoin1795760000100 } from './1795760000100-HearingNoticesJoin';
import { Webhooks1795760000300 } from './1795760000300-Webhooks';
import { OnePanelSeatsTable1795770000000 } from './1795770000000-OnePanelSeatsTable';
import { HearingSetAt1795780000000 } from './1795780000000-HearingSetAt';
import { SandboxClock1795780000100 } from './1795780000100-SandboxClock';
import { DocketEntryParams1795790000000 } from './1795790000000-DocketEntryParams';
import { RunningDeadlines1795790000400 } from './1795790000400-RunningDeadlines';
import { UserLanguage1795790000200 } from './1795790000200-UserLanguage';
import { LanguageVersions1795790000100 } from './1795790000100-LanguageVersions';
import { ReportIndexes1795790000300 } from './1795790000300-ReportIndexes';
import { StatisticsVersion1795790000600 } from './1795790000600-StatisticsVersion';
import { PublicReadVersion1795790000700 } from './1795790000700-PublicReadVersion';
import { SummaryRequestsByDeadline1795790000900 } from './1795790000900-SummaryRequestsByDeadline';
import { PanelSeatsByElection1795790001000 } from './1795790001000-PanelSeatsByElection';
import { DocumentChunks1795790001200 } from './1795790001200-DocumentChunks';
import { DocketLanguageSentences1795790001700 } from './1795790001700-DocketLanguageSentences';

export * from './job-queue';
export { parseLegacyDocketText, type LegacyMessage } from './docket-legacy-text';

/** Every entity of every module: the schema the migrations must produce. */
export const ALL_ENTITIES = [
  ...CORE_ENTITIES,
  ...REGISTRY_ENTITIES,
  ...NOTICES_ENTITIES,
  ...PANELS_ENTITIES,
  ...RULINGS_ENTITIES,
  ...HEARINGS_ENTITIES,
];

/** The one ordered history of the schema. A new migration is added at the end, never edited. */
export const ALL_MIGRATIONS: Function[] = [
  Foundation1795657347877,
  Registry1795658343759,
  DocumentSearch1795665000000,
  DeadlineRuleIndex1795667000000,
  PanelSeats1795668000000,
  Roster1795668500000,
  Elections1795669000000,
  Rulings1795671000000,
  BodyMeetings1795672000000,
  Hearings1795670000000,
  RulingsForeignKeys1795673000000,
  ProceduralFidelity1795690000000,
  ComplianceProceedings1795691000000,
  DocumentsForThePanel1795700000001,
  NonConfidentialSummaries1795700000002,
  ThirdPartyCapacities1795710000001,
  SealedBallots1795720000000,
  SignInUnderAttack1795730000000,
  AuditAnchors1795740000000,
  Notices1795760000000,
  HearingNoticesJoin1795760000100,
  Webhooks1795760000300,
  OnePanelSeatsTable1795770000000,
  HearingSetAt1795780000000,
  SandboxClock1795780000100,
  DocketEntryParams1795790000000,
  LanguageVersions1795790000100,
  UserLanguage1795790000200,
  ReportIndexes1795790000300,
  RunningDeadlines1795790000400,
  StatisticsVersion1795790000600,
  PublicReadVersion1795790000700,
  SummaryRequestsByDeadline1795790000900,
  PanelSeatsByElection1795790001000,
  DocumentChunks1795790001200,
  DocketLanguageSentences1795790001700,
];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    synchronize: false,
    migrationsTableName: 'migrations',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    extra: { max: 2, application_name: 'dispute-body-migrations' },
  };
}

// Two processes starting at once against one database must not both migrate.
const MIGRATION_LOCK = 727_000;

export interface MigrateOptions {
  /**
   * The application's role (the user of DATABASE_URL) when the migrations run as the owner
   * (DATABASE_OWNER_URL): after migrating, the owner grants it what it needs and no more
   * (`grantApplicationRole`). Unset: one role does both, as before.
   */
  applicationRole?: string | null;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock; installs or
 * upgrades the job queue; grants the application's role its rights.
 */
export async function runMigrations(url: string, options: MigrateOptions = {}): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await installJobQueue(url);
    if (options.applicationRole) {
      await grantApplicationRole((sql, params) => runner.query(sql, params), options.applicationRole);
    }
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

/**
 * The database URLs of a process: the application's (DATABASE_URL) and the one migrations run
 * with (DATABASE_OWNER_URL, else the same), and the role to grant to when they differ.
 */
export function migrationTarget(appUrl: string, ownerUrl?: string | null): { url: string; options: MigrateOptions } {
  if (!ownerUrl || ownerUrl === appUrl) return { url: appUrl, options: {} };
  const role = userOf(appUrl);
  if (!role) throw new Error('DATABASE_URL names no user: with DATABASE_OWNER_URL, it names the application role');
  return { url: ownerUrl, options: { applicationRole: role === userOf(ownerUrl) ? null : role } };
}
