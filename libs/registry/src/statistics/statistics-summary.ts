import { ACTIVE_STAGES, STAGES, addDays, isOverdue, startOfDay, type ClosedDays, type IsoDate, type Stage } from '@app/procedure';
import { hasCalendarLimit, stageDueDate, stageLimit } from './stage-limits';

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
  /** Per stage, the length in days of every ended stay, ascending. */
  readonly ended: ReadonlyMap<Stage, Float64Array>;
  /** Per stage, the beginning in microseconds of every running stay, latest first. */
  readonly running: ReadonlyMap<Stage, Float64Array>;
  /** Every stay, packed (see PackedStays); those of stages without a dated limit are passed over. */
  readonly stays: readonly PackedStays[];
}

/**
 * The stays of one stage and one urgency, as pairs of milliseconds since the epoch (the instants
 * a JavaScript Date holds): `[entered, left, entered, left, …]`, `left` NaN while the stay runs.
 */
export interface PackedStays {
  readonly stage: Stage;
  readonly urgent: boolean;
  readonly stays: Float64Array;
}

/** A stay's due day under its stage's dated limit, and the first instant it is late (`isOverdue`'s). */
export interface StayDue {
  readonly due: IsoDate | null;
  /** The midnight where the body sits after the due day; NaN without a dated limit. */
  readonly lateFrom: number;
}

/** The due day of a stay from its stage, urgency and beginning (ms), under the closed days. */
export type DueOf = (stage: Stage, urgent: boolean, entered: number) => StayDue;

const NO_DUE: StayDue = Object.freeze({ due: null, lateFrom: Number.NaN });

/** Computes each due day with the engine's calendar (no memory: see DueMemo). */
export function dueOf(closed: ClosedDays): DueOf {
  return (stage, urgent, entered) => {
    if (!hasCalendarLimit(stage)) return NO_DUE;
    const due = stageDueDate({ stage, urgent, enteredAt: new Date(entered), leftAt: null }, closed);
    return due === null ? NO_DUE : { due, lateFrom: startOfDay(addDays(due, 1)).getTime() };
  };
}

/**
 * The stays' due days from one summary to the next. A due day depends only on the stay's stage,
 * urgency and beginning and on the closed days; working it out (the engine's calendar in the
 * body's time zone) was most of a summary's cost, and a change of the data touches a few stays.
 * So a summary read again after a change computes the due days of the stays that are new and takes
 * the others from the last one, as long as the closed days are the same.
 */
export class DueMemo {
  private closedKey: string | null = null;
  private compute: DueOf = dueOf({});
  /** Per stage and urgency, per beginning: the due day, and the summary that last met it. */
  private readonly known = new Map<string, Map<number, { due: StayDue; met: number }>>();
  private summaries = 0;
  private size = 0;
  private met = 0;

  /** Starts a summary: the due days kept from the last one stay valid only under the same closed days. */
  begin(closed: ClosedDays): DueOf {
    const key = JSON.stringify([closed.dates ?? [], closed.weekdays ?? []]);
    if (key !== this.closedKey) {
      this.known.clear();
      this.size = 0;
      this.compute = dueOf(closed);
    }
    this.closedKey = key;
    this.summaries += 1;
    this.met = 0;
    return (stage, urgent, entered) => this.due(stage, urgent, entered);
  }

  private due(stage: Stage, urgent: boolean, entered: number): StayDue {
    if (!hasCalendarLimit(stage)) return NO_DUE;
    const group = `${stage} ${urgent}`;
    let byEntered = this.known.get(group);
    if (!byEntered) this.known.set(group, (byEntered = new Map()));
    let entry = byEntered.get(entered);
    if (!entry) {
      byEntered.set(entered, (entry = { due: this.compute(stage, urgent, entered), met: 0 }));
      this.size += 1;
    }
    // Stays of the same stage and urgency begun at the same instant share their due day: met once.
    if (entry.met !== this.summaries) this.met += 1;
    entry.met = this.summaries;
    return entry.due;
  }

  /** Ends a summary: once most of what is kept is no longer met (stays gone), it is forgotten. */
  end(): void {
    if (this.size <= 2 * this.met) return;
    for (const byEntered of this.known.values()) {
      for (const [entered, entry] of byEntered) if (entry.met !== this.summaries) byEntered.delete(entered);
    }
    this.size = this.met;
  }
}

export function buildSummary(rows: SummaryRows, due: DueOf): StatisticsSummary {
  const tallies = new Map<Stage, { endedLate: number; endedCounted: number; runningDue: IsoDate[] }>();
  for (const { stage, urgent, stays } of rows.stays) {
    if (!hasCalendarLimit(stage)) continue;
    let tally = tallies.get(stage);
    if (!tally) tallies.set(stage, (tally = { endedLate: 0, endedCounted: 0, runningDue: [] }));
    for (let i = 0; i < stays.length; i += 2) {
      const left = stays[i + 1];
      const d = due(stage, urgent, stays[i]);
      if (!Number.isNaN(left)) {
        // An ended stay's standing is fixed: it ended on time or late (isOverdue at its end, as tallyOverruns).
        tally.endedCounted += 1;
        if (left >= d.lateFrom) tally.endedLate += 1;
      } else if (d.due !== null) tally.runningDue.push(d.due);
    }
  }
  const stages = new Map<Stage, StageSummary>();
  for (const stage of ACTIVE_STAGES) {
    const tally = tallies.get(stage) ?? { endedLate: 0, endedCounted: 0, runningDue: [] };
    tally.runningDue.sort();
    stages.set(stage, {
      endedDays: rows.ended.get(stage) ?? new Float64Array(0),
      runningSince: rows.running.get(stage) ?? new Float64Array(0),
      ...tally,
    });
  }
  return {
    disputesPerStage: new Map(rows.current.map((r) => [r.stage, r.count])),
    disputesPerYear: rows.perYear,
    stages,
  };
}

/** Doubles sent by PostgreSQL's float8send, one after another (big-endian), as an array. */
export function float8s(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < values.length; i += 1) values[i] = view.getFloat64(i * 8);
  return values;
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
