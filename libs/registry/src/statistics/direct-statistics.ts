import type { EntityManager } from 'typeorm';
import { ACTIVE_STAGES, STAGES, bodyTimeZone, type ClosedDays, type Stage } from '@app/procedure';
import { hasCalendarLimit, stageLimit, tallyOverruns, type StagePeriod } from './stage-limits';
import type { ProcedureStatistics, StageFigures } from './statistics-summary';

// The statistics computed from every stay on each call, as the `statistics` query did before
// issue 16: the reference the summary (statistics-summary.ts) must equal, kept for its test and for
// the bench's figure of what a request cost before.

interface StageRow {
  stage: Stage;
  disputes: number;
  completed: number;
  ongoing: number;
  median_days: number | null;
  p90_days: number | null;
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
export const LIMITED_STAYS_SQL = `
  SELECT p.stage, d.urgent, p.entered_at, p.left_at
  FROM dispute_stage_periods p JOIN disputes d ON d.id = p.dispute_id
  WHERE p.stage = ANY($1::text[])`;

// The year of filing where the body sits, not UTC's: a dispute filed on 1 January there is that year's.
export const PER_YEAR_SQL = `
  SELECT extract(year FROM filed_at AT TIME ZONE $1)::int AS year, stage, count(*)::int AS count
  FROM disputes GROUP BY 1, 2 ORDER BY 1, 2`;

/** The stages whose limit has a date, whose stays are measured against it. */
export const LIMITED_STAGES = STAGES.filter(hasCalendarLimit);

/** The stays of LIMITED_STAYS_SQL as the limits module reads them. */
export async function limitedStays(em: EntityManager): Promise<StagePeriod[]> {
  const rows: { stage: Stage; urgent: boolean; entered_at: Date; left_at: Date | null }[] = await em.query(LIMITED_STAYS_SQL, [
    LIMITED_STAGES,
  ]);
  return rows.map((p) => ({ stage: p.stage, urgent: p.urgent, enteredAt: p.entered_at, leftAt: p.left_at }));
}

/** The statistics at `asOf` from every stay, read with `em` (one snapshot: a REPEATABLE READ transaction). */
export async function directStatistics(em: EntityManager, asOf: Date, closed: ClosedDays): Promise<ProcedureStatistics> {
  const rows: StageRow[] = await em.query(STAGE_FIGURES_SQL, [asOf]);
  const periods = await limitedStays(em);
  const perYear: { year: number; stage: Stage; count: number }[] = await em.query(PER_YEAR_SQL, [bodyTimeZone()]);
  const byStage = new Map(rows.map((row) => [row.stage, row]));
  const overruns = tallyOverruns(periods, asOf, closed);
  return {
    asOf,
    disputesPerYear: perYear,
    disputesPerStage: STAGES.map((stage) => ({ stage, count: byStage.get(stage)?.disputes ?? 0 })),
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
