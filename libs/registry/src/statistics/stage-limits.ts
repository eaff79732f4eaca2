import {
  DEADLINE_RULES,
  dueDate,
  isOverdue,
  type ClosedDays,
  type DeadlineRule,
  type DeadlineRuleCode,
  type IsoDate,
  type Stage,
} from '@app/procedure';

/**
 * The time limit that bounds the time a dispute spends in each stage, from the engine's
 * catalogue; null where nothing in the rules bounds the stage. The statistics measure each stage
 * period against the rule's length counted from the day the dispute entered the stage. Some rules
 * count from an earlier event (the panel report from composition, the reasonable-period
 * arbitration from adoption) or cover more than the stage (an appeal's stage also holds the
 * adoption of the appellate report): the figure is the body's time per stage against the length
 * the rules give that step, not a record of missed deadlines (the deadline rows record those).
 */
export const STAGE_LIMITS: Readonly<Record<Stage, DeadlineRuleCode | null>> = {
  CONSULTATIONS_REQUESTED: 'ENTER_CONSULTATIONS', // DSU 4.3, 4.8: consultations begin within 30 days (10 if urgent)
  IN_CONSULTATIONS: null, // DSU 4.7: 60 days is the earliest panel request, not a limit; consultations may go on
  PANEL_REQUESTED: 'PANEL_ESTABLISHMENT', // DSU 6.1: established at the second meeting at the latest (meetings, not days)
  PANEL_ESTABLISHED: 'PANEL_COMPOSITION', // DSU 8.7: 20 days to agree on the panelists, then the Director-General
  PANEL_COMPOSED: null, // DSU 12.3: the timetable "within one week, if possible" is not a limit of the catalogue
  PANEL_PROCEEDINGS: 'PANEL_REPORT', // DSU 12.8: the report within 6 months (3 in cases of urgency)
  SUSPENDED: 'SUSPENSION_LIMIT', // DSU 12.12: after 12 months of suspension the panel's authority lapses
  INTERIM_REVIEW: null, // DSU 15.2-15.3: its periods are the panel's timetable (Appendix 3), dated per case
  REPORT_CIRCULATED: 'PANEL_REPORT_ADOPTION', // DSU 16.4: adopted within 60 days of circulation unless appealed
  UNDER_APPEAL: 'APPELLATE_REPORT', // DSU 17.5: as a general rule the appeal takes no more than 60 days
  APPEAL_SUSPENDED: null, // the parties' joint request: the appellate clocks stand still, no limit
  ADOPTED: 'RPT_INTENTIONS', // DSU 21.3: the respondent states its intentions within 30 days of adoption
  RPT_DETERMINATION: 'RPT_ARBITRATION', // DSU 21.3(c): the reasonable period arbitrated within 90 days of adoption
  IMPLEMENTATION_SURVEILLANCE: null, // DSU 21.6: on the agenda until resolved; the reasonable period varies per case
  COMPLIANCE_REVIEW: 'COMPLIANCE_REPORT', // DSU 21.5: the compliance panel reports within 90 days
  COMPLIANCE_REPORT_CIRCULATED: 'PANEL_REPORT_ADOPTION', // DSU 21.5, 16.4: adopted within 60 days unless appealed
  COMPLIANCE_UNDER_APPEAL: 'APPELLATE_REPORT', // DSU 21.5, 17.5: the appeal of the compliance report, 60 days
  COMPENSATION_NEGOTIATION: 'COMPENSATION_AGREEMENT', // DSU 22.2: 20 days to agree on compensation
  RETALIATION_REQUESTED: 'RETALIATION_AUTHORIZATION', // DSU 22.6: the body authorises within 30 days
  ARB_22_6: 'RETALIATION_ARBITRATION', // DSU 22.6: the arbitrator decides within 60 days
  SUSPENSION_AUTHORIZED: null, // DSU 22.8: the suspension lasts until compliance, without a limit
  SETTLED_MAS: null, // final: no time runs (DSU 3.6)
  WITHDRAWN: null, // final: no time runs (DSU 3.7)
  LAPSED: null, // final: no time runs (DSU 12.12)
  NOT_ADOPTED: null, // final: the body decided by consensus not to adopt (DSU 16.4, 17.14)
  COMPLIED: null, // final: no time runs (DSU 22.8)
};

/** A stage's limit as published: the rule, and its length by calendar unit, ordinary and urgent. */
export interface StageLimit {
  readonly rule: DeadlineRule;
  /** The length when the rule counts days (ordinary cases), else null. */
  readonly days: number | null;
  /** The length when the rule counts months (ordinary cases), else null. */
  readonly months: number | null;
  /** The length in cases of urgency (DSU 4.8, 12.8), when shorter; in the same unit. */
  readonly urgentDays: number | null;
  readonly urgentMonths: number | null;
}

/** The limit bounding a stage, or null when nothing bounds it. */
export function stageLimit(stage: Stage): StageLimit | null {
  const code = STAGE_LIMITS[stage];
  if (!code) return null;
  const rule = DEADLINE_RULES[code];
  const { length } = rule;
  if (length.unit === 'BODY_MEETINGS') {
    return { rule, days: null, months: null, urgentDays: null, urgentMonths: null };
  }
  const urgent = length.urgent ?? null;
  return {
    rule,
    days: length.unit === 'DAYS' ? length.value : null,
    months: length.unit === 'MONTHS' ? length.value : null,
    urgentDays: length.unit === 'DAYS' ? urgent : null,
    urgentMonths: length.unit === 'MONTHS' ? urgent : null,
  };
}

/** Whether a stage's limit has a date at all (a limit counted in body meetings has none). */
export function hasCalendarLimit(stage: Stage): boolean {
  const code = STAGE_LIMITS[stage];
  return code !== null && DEADLINE_RULES[code].length.unit !== 'BODY_MEETINGS';
}

/** One stay of one dispute in one stage, as dispute_stage_periods records it. */
export interface StagePeriod {
  readonly stage: Stage;
  readonly urgent: boolean;
  readonly enteredAt: Date;
  /** Null while the dispute is still in the stage. */
  readonly leftAt: Date | null;
}

/**
 * The last day of a stay in the stage, as the engine computes a due date: the day of entry is day
 * 0, the rule's length is added in its own unit (months with the engine's `addMonths`, clamped to
 * the end of a shorter month: 31 August + 6 months = 28 February, never 30.4375-day months), the
 * urgent length in cases of urgency (DSU 4.8, 12.8), and an end on a closed day moves to the next
 * working day. Null when the stage has no dated limit.
 */
export function stageDueDate(period: StagePeriod, closed: ClosedDays): IsoDate | null {
  const code = STAGE_LIMITS[period.stage];
  if (code === null || !hasCalendarLimit(period.stage)) return null;
  return dueDate(period.enteredAt, DEADLINE_RULES[code], { urgent: period.urgent, closed });
}

/**
 * How a stay stands against its limit at `now`: `LATE` when it ended after its due day or is still
 * running past it (a limit runs to the end of its due day in the body's time zone, BODY_TIME_ZONE,
 * as `isOverdue` reads it; the day of entry, day 0, is the body's day too),
 * `ON_TIME` when it ended by then, `RUNNING` while it runs within the limit, null without a dated
 * limit.
 */
export function overrun(period: StagePeriod, now: Date, closed: ClosedDays): 'LATE' | 'ON_TIME' | 'RUNNING' | null {
  const due = stageDueDate(period, closed);
  if (due === null) return null;
  if (isOverdue(due, period.leftAt ?? now)) return 'LATE';
  return period.leftAt ? 'ON_TIME' : 'RUNNING';
}

export interface OverrunTally {
  /** Stays past the limit: ended late, or still running after it. */
  readonly overran: number;
  /** The base of the share: every ended stay, plus the running stays already past the limit. */
  readonly counted: number;
  /** overran / counted, or null when nothing is counted. */
  readonly share: number | null;
}

/**
 * The overrun share of each stage with a dated limit. A stay still running within its limit is
 * left out: whether it will overrun is not known yet, and counting it as on time would flatter the
 * body. A stay still running past its limit has overrun whatever happens next, so it counts.
 */
export function tallyOverruns(periods: readonly StagePeriod[], now: Date, closed: ClosedDays): Map<Stage, OverrunTally> {
  const counts = new Map<Stage, { overran: number; counted: number }>();
  for (const period of periods) {
    const status = overrun(period, now, closed);
    if (status === null || status === 'RUNNING') continue;
    const entry = counts.get(period.stage) ?? { overran: 0, counted: 0 };
    entry.counted += 1;
    if (status === 'LATE') entry.overran += 1;
    counts.set(period.stage, entry);
  }
  return new Map([...counts].map(([stage, c]) => [stage, { ...c, share: c.counted ? c.overran / c.counted : null }]));
}
