import {
  DEADLINE_RULES,
  addDays,
  bodyTimeZone,
  daysBetween,
  isOverdue,
  startOfDayIn,
  toIsoDate,
  type Addressee,
  type DeadlineRuleCode,
  type DeadlineStatus,
  type IsoDate,
} from '@app/procedure';
import type { PartyKind } from '../disputes/dispute-party.entity';

// Pure rules of the body's public record of itself and of each member (issue 17): no framework,
// no database; the services feed them rows of public facts only.

/** A period the body reports on: from and to are days of the body (its time zone), both included. */
export interface ReportPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The first instant of `from` where the body sits. */
  readonly start: Date;
  /** The first instant after `to` where the body sits. */
  readonly end: Date;
}

/** The longest period one report covers: ten years, so that a report is one bounded read. */
export const MAX_PERIOD_DAYS = 3660;

/** Why a period is not one, or null when it is. */
export function periodProblem(from: IsoDate, to: IsoDate): string | null {
  if (from > to) return `The period ends (${to}) before it begins (${from})`;
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS)
    return `A period covers at most ten years (${MAX_PERIOD_DAYS} days); ${from} to ${to} is longer`;
  return null;
}

export function reportPeriod(from: IsoDate, to: IsoDate): ReportPeriod {
  const zone = bodyTimeZone();
  return { from, to, start: startOfDayIn(from, zone), end: startOfDayIn(addDays(to, 1), zone) };
}

/** The default period: the calendar year of `now` where the body sits. */
export function defaultPeriod(now: Date): { from: IsoDate; to: IsoDate } {
  const year = toIsoDate(now).slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * The moment a report's figures describe: the end of the period, or now while it runs. A stay or a
 * limit still running then is measured to that moment; nothing after it counts, so a past period
 * gives the same figures whenever it is asked for.
 */
export function periodAsOf(period: ReportPeriod, now: Date): Date {
  return period.end.getTime() < now.getTime() ? period.end : now;
}

/** Whose act a limit awaits, read against a member's place in the dispute. */
export function bindsParty(binds: Addressee, kind: PartyKind): boolean {
  if (kind === 'THIRD_PARTY') return false;
  return binds === kind || binds === 'PARTIES';
}

/**
 * Whether a limit is one a member can meet or miss: a DEADLINE (someone must act) of the
 * engine's catalogue, binding that member's side. Windows and waiting periods bind nobody (their
 * running out is nobody's fault: LAPSED); limits of the body, the panel or an arbitrator are not
 * the member's record.
 */
export function countsAgainst(rule: DeadlineRuleCode, kind: PartyKind): boolean {
  const definition = DEADLINE_RULES[rule];
  return definition.kind === 'DEADLINE' && bindsParty(definition.binds, kind);
}

export const STATUS_REPORT_STANDINGS = ['ON_TIME', 'LATE', 'MISSING', 'DUE'] as const;
/** How a status report owed before a meeting of the body stands (DSU 21.6). */
export type StatusReportStanding = (typeof STATUS_REPORT_STANDINGS)[number];

export interface StatusReportRow {
  readonly dueDate: IsoDate;
  readonly baseDate: IsoDate;
  readonly status: DeadlineStatus;
  readonly closedAt: Date | null;
}

/**
 * The meeting a status report is owed for: the report is due 10 days before it (DSU 21.6); the
 * due day moved back off a closed day, so the meeting is counted from the legal (base) date.
 */
export function meetingOf(row: Pick<StatusReportRow, 'baseDate'>): IsoDate {
  const length = DEADLINE_RULES.STATUS_REPORT_NOTICE.length;
  return addDays(row.baseDate, length.unit === 'DAYS' ? length.value : 0);
}

/**
 * A status report's standing from the limit's row and the days the respondent filed status
 * reports in the dispute (the docket's `fileStatusReport` entries): ON_TIME when the row was met;
 * LATE when it was missed but a report came after the due day and by the end of the meeting's
 * day; MISSING when none came by then; DUE while the row is open. A row closed otherwise (the
 * case moved on: SUPERSEDED) is no report owed, and has no standing (null).
 */
export function statusReportStanding(
  row: StatusReportRow,
  filings: readonly Date[],
): { standing: StatusReportStanding; filedAt: Date | null } | null {
  if (row.status === 'OPEN') return { standing: 'DUE', filedAt: null };
  if (row.status === 'MET') return { standing: 'ON_TIME', filedAt: row.closedAt };
  if (row.status !== 'MISSED') return null;
  const meetingEnd = startOfDayIn(addDays(meetingOf(row), 1), bodyTimeZone());
  const late = filings
    .filter((at) => isOverdue(row.dueDate, at) && at.getTime() < meetingEnd.getTime())
    .sort((a, b) => a.getTime() - b.getTime())[0];
  return late ? { standing: 'LATE', filedAt: late } : { standing: 'MISSING', filedAt: null };
}

/** The median of some numbers (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
