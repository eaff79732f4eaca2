import { ACTIVE_STAGES, type ClosedDays, type Stage } from '@app/procedure';
import { tallyOverruns, type StagePeriod } from '../statistics/stage-limits';
import { dueOf, type DueOf, type PackedStays } from '../statistics/statistics-summary';
import { median } from './reputation';

const DAY_MS = 86_400_000;

/**
 * Every stay of every dispute, per stage, as numbers: what the periodic report's time per stage is
 * made of for any period. Built once per change of the stays (with the statistics' summary, at
 * the version of `statistics_version`), so a report reads no stay and computes no due date: the
 * engine's date arithmetic (a due day per stay, with the closed days) was most of its cost
 * (issue 17: about 0.5 s of a miss on the bench data set).
 */
export interface PeriodStays {
  readonly stages: ReadonlyMap<Stage, StageStays>;
}

interface StageStays {
  /** When each stay began, in milliseconds since the epoch. */
  readonly entered: Float64Array;
  /** When it ended; NaN while it runs. */
  readonly left: Float64Array;
  /**
   * The first instant at which it is late (the midnight where the body sits after its due day, as
   * `isOverdue` reads it); NaN when the stage has no dated limit.
   */
  readonly lateFrom: Float64Array;
}

/** The time per stage of one period, as the periodic report gives it (PeriodStage). */
export interface PeriodStageFigures {
  readonly stage: Stage;
  /** Stays that ended within the period. */
  readonly ended: number;
  /** Their median length in days; null without any. */
  readonly medianDays: number | null;
  /** Dated limits only: stays past the limit (ended late, or running after it at the period's end). */
  readonly overran: number;
  /** Dated limits only: the base of the share (every ended stay, and the running ones past the limit). */
  readonly counted: number;
}

/** The stays as the statistics' summary reads them (packed per stage and urgency), each due day from `due`. */
export function periodStaysOf(groups: readonly PackedStays[], due: DueOf): PeriodStays {
  const byStage = new Map<Stage, PackedStays[]>();
  for (const group of groups) {
    const list = byStage.get(group.stage);
    if (list) list.push(group);
    else byStage.set(group.stage, [group]);
  }
  const stages = new Map<Stage, StageStays>();
  for (const [stage, list] of byStage) {
    const length = list.reduce((n, g) => n + g.stays.length / 2, 0);
    const entered = new Float64Array(length);
    const left = new Float64Array(length);
    const lateFrom = new Float64Array(length);
    let i = 0;
    for (const { urgent, stays } of list) {
      for (let j = 0; j < stays.length; j += 2, i += 1) {
        entered[i] = stays[j];
        left[i] = stays[j + 1];
        lateFrom[i] = due(stage, urgent, stays[j]).lateFrom;
      }
    }
    stages.set(stage, { entered, left, lateFrom });
  }
  return { stages };
}

/** The same from stays as objects, each due day computed (the tests' way in). */
export function buildPeriodStays(stays: readonly StagePeriod[], closed: ClosedDays): PeriodStays {
  const groups = new Map<string, { stage: Stage; urgent: boolean; values: number[] }>();
  for (const stay of stays) {
    const key = `${stay.stage} ${stay.urgent}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { stage: stay.stage, urgent: stay.urgent, values: [] }));
    group.values.push(stay.enteredAt.getTime(), stay.leftAt ? stay.leftAt.getTime() : NaN);
  }
  const packed = [...groups.values()].map((g) => ({ stage: g.stage, urgent: g.urgent, stays: Float64Array.from(g.values) }));
  return periodStaysOf(packed, dueOf(closed));
}

/**
 * The figures of the stays that ended from `start` to before `asOf`, and of those still running at
 * `asOf` (a stay that ended later was running then): exactly what `periodStageFiguresOf` computes
 * from the stays themselves, without a due date to compute.
 */
export function periodStageFigures(stays: PeriodStays, start: Date, asOf: Date): PeriodStageFigures[] {
  const from = start.getTime();
  const to = asOf.getTime();
  return ACTIVE_STAGES.map((stage) => {
    const s = stays.stages.get(stage);
    const days: number[] = [];
    let overran = 0;
    let counted = 0;
    for (let i = 0; s && i < s.entered.length; i += 1) {
      const left = s.left[i];
      const endedWithin = left >= from && left < to;
      // Running at the period's end: entered before it, left at or after it or not yet (NaN).
      const runningAtEnd = s.entered[i] < to && !(left < to);
      if (!endedWithin && !runningAtEnd) continue;
      if (endedWithin) days.push(Math.max(0, left - s.entered[i]) / DAY_MS);
      const lateFrom = s.lateFrom[i];
      if (Number.isNaN(lateFrom)) continue;
      // A stay ended in the period is counted, late or not; a running one only once it is late.
      const late = (endedWithin ? left : to) >= lateFrom;
      if (endedWithin || late) counted += 1;
      if (late) overran += 1;
    }
    return { stage, ended: days.length, medianDays: median(days), overran, counted };
  });
}

/**
 * The same figures from the stays of the period themselves (as PERIOD_STAYS_SQL reads them), with
 * a due date computed per stay: the reference the summary must equal (period-stays.spec.ts).
 */
export function periodStageFiguresOf(stays: readonly StagePeriod[], asOf: Date, closed: ClosedDays): PeriodStageFigures[] {
  // A stay that ended after asOf was still running then.
  const periods = stays.map((s) => ({ ...s, leftAt: s.leftAt && s.leftAt.getTime() < asOf.getTime() ? s.leftAt : null }));
  const overruns = tallyOverruns(periods, asOf, closed);
  return ACTIVE_STAGES.map((stage) => {
    const ended = periods.filter((p) => p.stage === stage && p.leftAt !== null);
    const tally = overruns.get(stage);
    return {
      stage,
      ended: ended.length,
      medianDays: median(ended.map((p) => Math.max(0, p.leftAt!.getTime() - p.enteredAt.getTime()) / DAY_MS)),
      overran: tally?.overran ?? 0,
      counted: tally?.counted ?? 0,
    };
  });
}
