import { Injectable } from '@nestjs/common';
import { Clock, CommandRunner } from '@app/core';
import { ACTIVE_STAGES, STAGES, bodyTimeZone, type Stage } from '@app/procedure';
import { ClosedDaysService } from '../closed-days/closed-days.service';
import { type StageLimit, type StagePeriod, hasCalendarLimit, stageLimit, tallyOverruns } from './stage-limits';

/** How long disputes stay in one stage, and how often the stay outruns its limit. */
export interface StageFigures {
  readonly stage: Stage;
  /** Stays that ended. */
  readonly completed: number;
  /** Stays still running. */
  readonly ongoing: number;
  /** Over every stay, ended or running (measured to `asOf`), in days; null without any. */
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  readonly limit: StageLimit | null;
  /** Stays past the limit (ended late, or running after it); null without a dated limit. */
  readonly overran: number | null;
  /** See `tallyOverruns`; null without a dated limit or without a stay to count. */
  readonly overranShare: number | null;
}

/** The figures the body publishes on its own performance. */
export interface ProcedureStatistics {
  readonly asOf: Date;
  readonly disputesPerStage: readonly { readonly stage: Stage; readonly count: number }[];
  readonly stages: readonly StageFigures[];
  /** Disputes by the year they were filed (where the body sits) and the stage they are in now. */
  readonly disputesPerYear: readonly { readonly year: number; readonly stage: Stage; readonly count: number }[];
}

interface StageRow {
  stage: Stage;
  disputes: number;
  completed: number;
  ongoing: number;
  median_days: number | null;
  p90_days: number | null;
}

interface PeriodRow {
  stage: Stage;
  urgent: boolean;
  entered_at: Date;
  left_at: Date | null;
}

// One pass over the stage history and one over the disputes: counts and percentiles for every
// stage at once. A stay still running is measured to $1 (the clock's now, never the database's).
const STAGE_FIGURES_SQL = `
  WITH stays AS (
    SELECT stage, left_at IS NULL AS ongoing,
           GREATEST(EXTRACT(EPOCH FROM COALESCE(left_at, $1::timestamptz) - entered_at), 0)::float8 / 86400 AS days
    FROM dispute_stage_periods
  ), durations AS (
    SELECT stage,
           count(*) FILTER (WHERE NOT ongoing)::int AS completed,
           count(*) FILTER (WHERE ongoing)::int AS ongoing,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90_days
    FROM stays GROUP BY stage
  ), current AS (
    SELECT stage, count(*)::int AS disputes FROM disputes GROUP BY stage
  )
  SELECT COALESCE(d.stage, c.stage) AS stage, COALESCE(c.disputes, 0) AS disputes,
         COALESCE(d.completed, 0) AS completed, COALESCE(d.ongoing, 0) AS ongoing, d.median_days, d.p90_days
  FROM durations d FULL JOIN current c ON c.stage = d.stage`;

// The stays of the stages with a dated limit, with the urgency that sets its length (DSU 4.8,
// 12.8): whether each overran is decided with the engine's own calendar, not re-done in SQL.
const LIMITED_STAYS_SQL = `
  SELECT p.stage, d.urgent, p.entered_at, p.left_at
  FROM dispute_stage_periods p JOIN disputes d ON d.id = p.dispute_id
  WHERE p.stage = ANY($1::text[])`;

// The year of filing where the body sits, not UTC's: a dispute filed on 1 January there is that year's.
const PER_YEAR_SQL = `
  SELECT extract(year FROM filed_at AT TIME ZONE $1)::int AS year, stage, count(*)::int AS count
  FROM disputes GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * The statistics the body publishes on its own performance: disputes per stage, and per stage
 * the time spent in it against the limit the rules give it. Public, like the docket they come from.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly closedDays: ClosedDaysService,
    private readonly clock: Clock,
  ) {}

  async statistics(): Promise<ProcedureStatistics> {
    const asOf = this.clock.now();
    const limited = STAGES.filter(hasCalendarLimit);
    // One snapshot, so the counts, the percentiles and the overrun shares describe the same moment.
    const { rows, periods, closed, perYear } = await this.commands.read(async (em) => {
      const rows: StageRow[] = await em.query(STAGE_FIGURES_SQL, [asOf]);
      const periodRows: PeriodRow[] = await em.query(LIMITED_STAYS_SQL, [limited]);
      const closed = await this.closedDays.all(em);
      const perYear: { year: number; stage: Stage; count: number }[] = await em.query(PER_YEAR_SQL, [bodyTimeZone()]);
      const periods = periodRows.map((p): StagePeriod => ({
        stage: p.stage,
        urgent: p.urgent,
        enteredAt: p.entered_at,
        leftAt: p.left_at,
      }));
      return { rows, periods, closed, perYear };
    });
    const byStage = new Map(rows.map((row) => [row.stage, row]));
    const overruns = tallyOverruns(periods, asOf, closed);
    return {
      asOf,
      disputesPerYear: perYear,
      disputesPerStage: STAGES.map((stage) => ({ stage, count: byStage.get(stage)?.disputes ?? 0 })),
      // Time in a final stage is not a step of the procedure: only the stages a dispute moves on from.
      stages: ACTIVE_STAGES.map((stage): StageFigures => {
        const row = byStage.get(stage);
        const tally = overruns.get(stage);
        const dated = hasCalendarLimit(stage);
        return {
          stage,
          completed: row?.completed ?? 0,
          ongoing: row?.ongoing ?? 0,
          medianDays: row?.median_days ?? null,
          p90Days: row?.p90_days ?? null,
          limit: stageLimit(stage),
          overran: dated ? (tally?.overran ?? 0) : null,
          overranShare: tally?.share ?? null,
        };
      }),
    };
  }
}
