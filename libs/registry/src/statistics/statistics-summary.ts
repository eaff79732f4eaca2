import { ACTIVE_STAGES, STAGES, isOverdue, type ClosedDays, type IsoDate, type Stage } from '@app/procedure';
import { hasCalendarLimit, overrun, stageDueDate, stageLimit, type StagePeriod } from './stage-limits';

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
  readonly limit: ReturnType<typeof stageLimit>;
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

/**
 * What the statistics are computed from, read once per change of the data (a stage change, a new
 * dispute, a change of the closed days) and evaluated at any instant without reading again: the
 * only part of the figures that moves with the clock is the stays still running, whose length
 * grows and which pass their due day one after another. Everything is kept sorted, so that an
 * answer costs a few binary searches per stage whatever the size of the registry.
 */
export interface StatisticsSummary {
  readonly disputesPerStage: ReadonlyMap<Stage, number>;
  readonly disputesPerYear: ProcedureStatistics['disputesPerYear'];
  readonly stages: ReadonlyMap<Stage, StageSummary>;
}

interface StageSummary {
  /** The lengths of the ended stays in days, ascending (as the database computed them). */
  readonly endedDays: Float64Array;
  /** When each running stay began, in microseconds since the epoch, latest first (shortest stay first). */
  readonly runningSince: Float64Array;
  /** Dated limits only: the ended stays that overran, and every ended stay (the base of the share). */
  readonly endedLate: number;
  readonly endedCounted: number;
  /** Dated limits only: the due day of each running stay, earliest first. */
  readonly runningDue: readonly IsoDate[];
}

/** The rows a summary is built from (see StatisticsService for the queries that read them). */
export interface SummaryRows {
  /** Per stage, disputes in it now. */
  readonly current: readonly { readonly stage: Stage; readonly count: number }[];
  readonly perYear: ProcedureStatistics['disputesPerYear'];
  /** The length in days of every ended stay, ordered by stage then length. */
  readonly ended: readonly { readonly stage: Stage; readonly days: number }[];
  /** The beginning in microseconds of every running stay, ordered by stage then latest first. */
  readonly running: readonly { readonly stage: Stage; readonly micros: number }[];
  /** Every stay of a stage with a dated limit. */
  readonly limited: readonly StagePeriod[];
  readonly closed: ClosedDays;
}

export function buildSummary(rows: SummaryRows): StatisticsSummary {
  const endedBy = groupBy(rows.ended, (r) => r.days);
  const runningBy = groupBy(rows.running, (r) => r.micros);
  const limitedBy = new Map<Stage, StagePeriod[]>();
  for (const period of rows.limited) push(limitedBy, period.stage, period);
  const stages = new Map<Stage, StageSummary>();
  for (const stage of ACTIVE_STAGES) {
    let endedLate = 0;
    let endedCounted = 0;
    const runningDue: IsoDate[] = [];
    for (const period of limitedBy.get(stage) ?? []) {
      if (period.leftAt) {
        // An ended stay's standing is fixed: it ended on time or late (the same rule as tallyOverruns).
        endedCounted += 1;
        if (overrun(period, period.leftAt, rows.closed) === 'LATE') endedLate += 1;
      } else {
        const due = stageDueDate(period, rows.closed);
        if (due !== null) runningDue.push(due);
      }
    }
    runningDue.sort();
    stages.set(stage, {
      endedDays: Float64Array.from(endedBy.get(stage) ?? []),
      runningSince: Float64Array.from(runningBy.get(stage) ?? []),
      endedLate,
      endedCounted,
      runningDue,
    });
  }
  return {
    disputesPerStage: new Map(rows.current.map((r) => [r.stage, r.count])),
    disputesPerYear: rows.perYear,
    stages,
  };
}

/** The statistics at `asOf`, exactly as the direct computation over every stay gives them. */
export function evaluateSummary(summary: StatisticsSummary, asOf: Date): ProcedureStatistics {
  const asOfMicros = asOf.getTime() * 1000;
  return {
    asOf,
    disputesPerYear: summary.disputesPerYear,
    disputesPerStage: STAGES.map((stage) => ({ stage, count: summary.disputesPerStage.get(stage) ?? 0 })),
    // Time in a final stage is not a step of the procedure: only the stages a dispute moves on from.
    stages: ACTIVE_STAGES.map((stage): StageFigures => {
      const s = summary.stages.get(stage)!;
      const ended = s.endedDays;
      const running = s.runningSince;
      // As the SQL measured it: GREATEST(EXTRACT(EPOCH FROM asOf - entered_at), 0)::float8 / 86400,
      // from whole microseconds, so the same double.
      const runningDays = (i: number) => Math.max(asOfMicros - running[i], 0) / 1e6 / 86400;
      const dated = hasCalendarLimit(stage);
      // A running stay past its due day has overrun whatever happens next; one within it is not counted.
      const runningLate = dated ? countWhile(s.runningDue, (due) => isOverdue(due, asOf)) : 0;
      const counted = s.endedCounted + runningLate;
      const late = s.endedLate + runningLate;
      return {
        stage,
        completed: ended.length,
        ongoing: running.length,
        medianDays: percentileCont(0.5, ended, runningDays, running.length),
        p90Days: percentileCont(0.9, ended, runningDays, running.length),
        limit: stageLimit(stage),
        overran: dated ? late : null,
        overranShare: counted ? late / counted : null,
      };
    }),
  };
}

/**
 * PostgreSQL's percentile_cont over the union of two ascending sequences, with its arithmetic
 * (percentile_cont_final_common and float8_lerp): rows floor and ceil of p × (n − 1), and
 * lo + (hi − lo) × proportion between them. Null over no value.
 */
export function percentileCont(p: number, a: ArrayLike<number>, b: (i: number) => number, bLength: number): number | null {
  const n = a.length + bLength;
  if (n === 0) return null;
  const position = p * (n - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  const lo = kth(a, b, bLength, first);
  if (second === first) return lo;
  const hi = kth(a, b, bLength, second);
  return lo + (hi - lo) * (position - first);
}

/** The k-th value (from 0) of the merged order of two ascending sequences, in O(log n). */
export function kth(a: ArrayLike<number>, b: (i: number) => number, bLength: number, k: number): number {
  // Take i values from a and k + 1 − i from b: the least i for which a's next value is not below b's last taken.
  let lo = Math.max(0, k + 1 - bLength);
  let hi = Math.min(k + 1, a.length);
  while (lo < hi) {
    const i = (lo + hi) >> 1;
    if (a[i] < b(k - i)) lo = i + 1;
    else hi = i;
  }
  const j = k + 1 - lo;
  return Math.max(lo > 0 ? a[lo - 1] : -Infinity, j > 0 ? b(j - 1) : -Infinity);
}

/** How many leading elements satisfy `test`, which holds for a prefix of `values`. */
function countWhile<T>(values: readonly T[], test: (value: T) => boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(values[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function groupBy<R extends { stage: Stage }>(rows: readonly R[], value: (row: R) => number): Map<Stage, number[]> {
  const groups = new Map<Stage, number[]>();
  for (const row of rows) push(groups, row.stage, value(row));
  return groups;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
