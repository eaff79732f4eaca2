import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, CommandRunner } from '@app/core';
import { bodyTimeZone, type Stage } from '@app/procedure';
import { ClosedDaysService } from '../closed-days/closed-days.service';
import { periodStaysOf, type PeriodStays } from '../reputation/period-stays';
import { PER_YEAR_SQL } from './direct-statistics';
import { DueMemo, buildSummary, evaluateSummary, float8s, type ProcedureStatistics, type StatisticsSummary } from './statistics-summary';

export type { ProcedureStatistics, StageFigures } from './statistics-summary';

// Advanced by triggers in the transaction of every change the figures depend on (migration
// 1795790000600): a stage entered or left, a dispute filed, a closed day set or removed.
const VERSION_SQL = 'SELECT version::text AS version FROM statistics_version';

// The ended stays' lengths, computed as the direct query computes them, so the same doubles; one
// row per stage, the doubles packed by float8send (a row per stay cost most of a summary to parse).
const ENDED_SQL = `
  SELECT stage, string_agg(float8send(days), ''::bytea ORDER BY days) AS days FROM (
    SELECT stage, GREATEST(EXTRACT(EPOCH FROM left_at - entered_at), 0)::float8 / 86400 AS days
    FROM dispute_stage_periods WHERE left_at IS NOT NULL
  ) ended GROUP BY stage`;

// The running stays' beginnings in whole microseconds: their length is counted per request.
const RUNNING_SQL = `
  SELECT stage, string_agg(float8send((EXTRACT(EPOCH FROM entered_at) * 1000000)::float8), ''::bytea ORDER BY entered_at DESC) AS micros
  FROM dispute_stage_periods WHERE left_at IS NULL GROUP BY stage`;

// Every stay (packed): per stage and urgency (which sets a limit's length: DSU 4.8, 12.8), the
// beginning and end of each in milliseconds (the instants a JavaScript Date holds), NaN for no
// end yet. The statistics' dated limits, whether each overran decided with the engine's own
// calendar, and the periodic report's time per stage for any period (PeriodStays).
const STAYS_SQL = `
  SELECT p.stage, d.urgent,
         string_agg(float8send(floor(EXTRACT(EPOCH FROM p.entered_at) * 1000)::float8)
                    || float8send(COALESCE(floor(EXTRACT(EPOCH FROM p.left_at) * 1000)::float8, 'NaN'::float8)), ''::bytea) AS stays
  FROM dispute_stage_periods p JOIN disputes d ON d.id = p.dispute_id
  GROUP BY p.stage, d.urgent`;

/** What is kept per version: the statistics' summary and every stay for the periodic report. */
interface Summaries {
  readonly statistics: StatisticsSummary;
  readonly stays: PeriodStays;
}

const CURRENT_SQL = 'SELECT stage, count(*)::int AS count FROM disputes GROUP BY stage';

/**
 * The statistics the body publishes on its own performance: disputes per stage, and per stage
 * the time spent in it against the limit the rules give it. Public, like the docket they come from.
 *
 * Computing them from every stay cost a request time that grew with the registry (issue 16, item
 * 7). What they are made of is read once per change of the data instead (a summary, kept sorted,
 * tagged with the version the change advanced) and evaluated at the clock's now, which costs a few
 * binary searches per stage. Each request reads the version, so an answer never lags a committed
 * change, in whichever process it is served.
 */
@Injectable()
export class StatisticsService {
  private current: { version: string; summary: Promise<Summaries> } | null = null;
  /** The stays' due days from the last summary: most of a summary's cost, and unchanged by most changes. */
  private readonly dues = new DueMemo();

  constructor(
    private readonly commands: CommandRunner,
    private readonly dataSource: DataSource,
    private readonly closedDays: ClosedDaysService,
    private readonly clock: Clock,
  ) {}

  async statistics(): Promise<ProcedureStatistics> {
    const asOf = this.clock.now();
    const summary = await this.summary();
    return evaluateSummary(summary.statistics, asOf);
  }

  /**
   * Every stay, per stage, with the instant each becomes late: the periodic report's time per
   * stage for any period (ReputationService.periodicReport), kept with the statistics' summary and
   * read again at the same changes.
   */
  async periodStays(): Promise<PeriodStays> {
    return (await this.summary()).stays;
  }

  private async summary(): Promise<Summaries> {
    // One statement, one round trip: the version alone needs no snapshot of its own.
    const [row]: { version: string }[] = await this.dataSource.query(VERSION_SQL);
    // Without the row (a loader emptied every table), nothing can tell a change: read every time.
    if (!row) return (await this.commands.read((em) => this.readSummary(em))).summary;
    const { version } = row;
    if (this.current?.version === version) return this.current.summary;
    // One rebuild per version however many requests ask at once; a failed one is not kept.
    const rebuilding = this.commands.read((em) => this.readSummary(em));
    const entry = {
      version,
      summary: rebuilding.then(({ summary }) => summary),
    };
    this.current = entry;
    try {
      const built = await rebuilding;
      // The snapshot may already hold a later change: tag it with the version it really saw.
      if (this.current === entry) this.current = { version: built.version, summary: entry.summary };
      return built.summary;
    } catch (error) {
      if (this.current === entry) this.current = null;
      throw error;
    }
  }

  /** Everything the figures are made of, in one snapshot with the version it belongs to. */
  private async readSummary(em: EntityManager): Promise<{ version: string; summary: Summaries }> {
    const [row]: { version: string }[] = await em.query(VERSION_SQL);
    const version = row?.version ?? '';
    const current: { stage: Stage; count: number }[] = await em.query(CURRENT_SQL);
    const perYear: { year: number; stage: Stage; count: number }[] = await em.query(PER_YEAR_SQL, [bodyTimeZone()]);
    const ended: { stage: Stage; days: Buffer }[] = await em.query(ENDED_SQL);
    const running: { stage: Stage; micros: Buffer }[] = await em.query(RUNNING_SQL);
    const packed: { stage: Stage; urgent: boolean; stays: Buffer }[] = await em.query(STAYS_SQL);
    const closed = await this.closedDays.all(em);
    const stays = packed.map((r) => ({ stage: r.stage, urgent: r.urgent, stays: float8s(r.stays) }));
    const due = this.dues.begin(closed);
    const summary: Summaries = {
      statistics: buildSummary(
        {
          current,
          perYear,
          ended: new Map(ended.map((r) => [r.stage, float8s(r.days)])),
          running: new Map(running.map((r) => [r.stage, float8s(r.micros)])),
          stays,
        },
        due,
      ),
      stays: periodStaysOf(stays, due),
    };
    this.dues.end();
    return { version, summary };
  }
}
