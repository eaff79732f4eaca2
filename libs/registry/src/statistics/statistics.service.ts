import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, CommandRunner } from '@app/core';
import { bodyTimeZone, type Stage } from '@app/procedure';
import { ClosedDaysService } from '../closed-days/closed-days.service';
import { buildPeriodStays, type PeriodStays } from '../reputation/period-stays';
import { LIMITED_STAGES, PER_YEAR_SQL } from './direct-statistics';
import type { StagePeriod } from './stage-limits';
import { buildSummary, evaluateSummary, type ProcedureStatistics, type StatisticsSummary } from './statistics-summary';

export type { ProcedureStatistics, StageFigures } from './statistics-summary';

// Advanced by triggers in the transaction of every change the figures depend on (migration
// 1795790000600): a stage entered or left, a dispute filed, a closed day set or removed.
const VERSION_SQL = 'SELECT version::text AS version FROM statistics_version';

// The ended stays' lengths, computed as the direct query computes them, so the same doubles.
const ENDED_SQL = `
  SELECT stage, GREATEST(EXTRACT(EPOCH FROM left_at - entered_at), 0)::float8 / 86400 AS days
  FROM dispute_stage_periods WHERE left_at IS NOT NULL ORDER BY stage, days`;

// The running stays' beginnings in whole microseconds: their length is counted per request.
const RUNNING_SQL = `
  SELECT stage, (EXTRACT(EPOCH FROM entered_at) * 1000000)::float8 AS micros
  FROM dispute_stage_periods WHERE left_at IS NULL ORDER BY stage, entered_at DESC`;

const CURRENT_SQL = 'SELECT stage, count(*)::int AS count FROM disputes GROUP BY stage';

// Every stay with the urgency that sets its limit's length (DSU 4.8, 12.8): the statistics' dated
// limits, and the periodic report's time per stage for any period (PeriodStays).
const STAYS_SQL = `
  SELECT p.stage, d.urgent, p.entered_at, p.left_at
  FROM dispute_stage_periods p JOIN disputes d ON d.id = p.dispute_id`;

const LIMITED = new Set<Stage>(LIMITED_STAGES);

/** What is kept per version: the statistics' summary and every stay for the periodic report. */
interface Summaries {
  readonly statistics: StatisticsSummary;
  readonly stays: PeriodStays;
}

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
    const ended: { stage: Stage; days: number }[] = await em.query(ENDED_SQL);
    const running: { stage: Stage; micros: number }[] = await em.query(RUNNING_SQL);
    const rows: { stage: Stage; urgent: boolean; entered_at: Date; left_at: Date | null }[] = await em.query(STAYS_SQL);
    const stays: StagePeriod[] = rows.map((p) => ({ stage: p.stage, urgent: p.urgent, enteredAt: p.entered_at, leftAt: p.left_at }));
    const limited = stays.filter((p) => LIMITED.has(p.stage));
    const closed = await this.closedDays.all(em);
    return {
      version,
      summary: { statistics: buildSummary({ current, perYear, ended, running, limited, closed }), stays: buildPeriodStays(stays, closed) },
    };
  }
}
