import type { PartyRole } from './actors';
import { addDays, startOfDay, toIsoDate, type IsoDate } from './dates';
import { DEADLINE_RULES, type DeadlineRuleCode } from './deadline-rules';
import type { Stage } from './stages';

/** The states of a deadline row. */
export const DEADLINE_STATUSES = ['OPEN', 'MET', 'MISSED', 'EXTENDED', 'LAPSED', 'SUPERSEDED'] as const;

/**
 * One of {@link DEADLINE_STATUSES}:
 * - `OPEN`: running (or, with `pausedRemainingDays` set, stopped by a suspension).
 * - `MET`: the awaited act happened in time.
 * - `MISSED`: a `DEADLINE` ran out before the act (or the act came late): the only status that
 *   counts against whom the limit binds.
 * - `EXTENDED`: replaced by a later row (an extension agreed by the parties, or a longer limit
 *   that now applies, e.g. 12 months instead of 9 once a report is appealed, DSU 20).
 * - `LAPSED`: a window or waiting period ran its course without its act; nobody owed it (the
 *   parties did not agree on five panelists: the panel has three; day 60 came: a panel may be
 *   requested). Never an agreement, never a fault.
 * - `SUPERSEDED`: the case moved on and the limit no longer applies (settled, withdrawn, lapsed,
 *   the report circulated before a timetable date, a meeting the panel decided not to hold).
 */
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * A time limit of one dispute: one row per opening, never edited but for its status (and its
 * dates while a suspension stops and restarts the clock). At most one row per rule is `OPEN`.
 */
export interface DeadlineRow {
  readonly rule: DeadlineRuleCode;
  /** The legal end of the period (trigger + length), before the closed-day shift. */
  readonly baseDate: IsoDate;
  /** `baseDate` moved forward to the next working day: the date that is shown and enforced. */
  readonly dueDate: IsoDate;
  readonly status: DeadlineStatus;
  /**
   * Set while the dispute is suspended (DSU 12.12): the calendar days that were left. The dates are
   * then stale; they are recomputed on resumption. Absent or null while the clock runs.
   */
  readonly pausedRemainingDays?: number | null;
}

/**
 * Things that happened within the current stage (or compliance round) that the stage alone does
 * not tell, and that preconditions depend on.
 */
export const PROCEDURE_EVENTS = [
  'REPLIED',
  'SUSPENSION_REQUESTED',
  'DESCRIPTIVE_PART_ISSUED',
  'FINAL_REPORT_ISSUED',
  'APPELLATE_REPORT_CIRCULATED',
  'REPORT_ADOPTED',
  'RPT_ARBITRATION_REQUESTED',
  'LEVEL_AWARD_ISSUED',
  // DSU 8.5: the parties agreed on five panelists (the window's expiry is never an agreement).
  'FIVE_PANELISTS_AGREED',
  'INTERIM_REPORT_ISSUED',
  // The substantive meetings of the panel's timetable (Appendix 3 ¶12(b), (d)): held, or the
  // panel decided, with reasons on the docket, not to hold them.
  'FIRST_MEETING_HELD',
  'SECOND_MEETING_HELD',
  'FIRST_MEETING_DISPENSED',
  'SECOND_MEETING_DISPENSED',
  'CROSS_APPEALED',
  'PANEL_REQUESTED',
  // DSU 4.11: the day the secretariat circulated the request, when later than its filing.
  'REQUEST_CIRCULATED',
  // DSU 21.5: the body referred the disagreement to the (original) panel; its 90 days run.
  'COMPLIANCE_REFERRED',
  'COMPLIANCE_REPORT_ISSUED',
] as const;

/** One of {@link PROCEDURE_EVENTS}. */
export type ProcedureEvent = (typeof PROCEDURE_EVENTS)[number];

/** The day each recorded event (last) happened. */
export type ProcedureEvents = Readonly<Partial<Record<ProcedureEvent, IsoDate>>>;

/** Matters on which each party records its agreement separately. */
export const AGREEMENT_KINDS = ['EARLY_PANEL_REQUEST', 'APPEAL'] as const;

/**
 * One of {@link AGREEMENT_KINDS}. `EARLY_PANEL_REQUEST`: the party considers that consultations
 * (or good offices) have failed, so a panel may be requested before the waiting period ends
 * (DSU 4.7, 5.4). `APPEAL`: the parties that notified an appeal of the report now before the
 * body (the appellant, then any other appellant, DSU 17.4).
 */
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** Which parties have agreed, per matter. */
export type Agreements = Readonly<Partial<Record<AgreementKind, readonly PartyRole[]>>>;

/** The part of a dispute's procedural state that transitions change, besides its deadlines. */
export interface DisputeState {
  readonly stage: Stage;
  /** While `SUSPENDED`: the stage `resume` returns to. Null otherwise. */
  readonly stageBeforeSuspension: Stage | null;
  /** While `SUSPENDED`: when the panel's work was suspended. Null otherwise. */
  readonly suspendedAt: Date | null;
  /** Whether good offices, conciliation or mediation are under way (DSU 5). */
  readonly goodOffices: boolean;
  /** When good offices first began, kept after they end: DSU 5.4 depends on it. */
  readonly goodOfficesSince: Date | null;
  /**
   * The number of body meetings since the panel request at which the request was on the agenda
   * and the panel was not established (each recorded with `recordBodyMeeting`). The panel is
   * established at the second such meeting at the latest (DSU 6.1).
   */
  readonly bodyMeetingsSincePanelRequest: number;
  readonly agreements: Agreements;
  readonly events: ProcedureEvents;
  /** The last day of the reasonable period of time, once agreed or arbitrated (DSU 21.3). */
  readonly rptEndsOn: IsoDate | null;
  /**
   * The compliance proceedings (DSU 21.5) so far: 0 before any, then 1, 2, ... Each has its own
   * report, appeal and adoption, numbered by this count.
   */
  readonly complianceRound: number;
}

/**
 * What the engine needs to know about a dispute to decide on an action: its state, the two facts
 * fixed at filing, and its deadline rows (all of them, any status; the engine only changes `OPEN`
 * ones).
 */
export interface DisputeSnapshot extends DisputeState {
  /** A case of urgency, e.g. perishable goods (DSU 4.8, 12.8). Fixed at filing. */
  readonly urgent: boolean;
  /**
   * When the request for consultations was filed. The registry circulates it and notifies the
   * respondent on filing, so this is also its receipt (DSU 4.3) and circulation (DSU 4.11).
   */
  readonly filedAt: Date;
  readonly deadlines: readonly DeadlineRow[];
}

/**
 * A meeting of the body as the engine needs to know it to accept a decision taken there: when it
 * was convened and held, how many members attended of how many, and the body's rules on notice
 * and quorum (configuration).
 */
export interface BodyMeeting {
  readonly heldOn: IsoDate;
  /** The day the notice convening it went out. */
  readonly convenedOn: IsoDate;
  /** Members recorded present (null while the attendance is not recorded). */
  readonly present: number | null;
  /** Members of the body (active) on the day. */
  readonly members: number;
  /** The notice a meeting needs, in days (the body's rules; e.g. 10). */
  readonly noticeDays: number;
  /** The share of the members that must be present, in percent (the body's rules). */
  readonly quorumPercent: number;
}

/** Inputs that some actions need. */
export interface ActionParams {
  /** `agreeRpt`, `fixRpt`: the last day of the reasonable period of time (DSU 21.3). */
  readonly rptEndsOn?: IsoDate;
  /**
   * `recordExtension`: the running limit the parties agreed to extend, and its new legal end;
   * `adjustTimetable`: the step of the panel's timetable and its new date.
   */
  readonly extension?: { readonly rule: DeadlineRuleCode; readonly until: IsoDate };
  /**
   * `fixTimetable`: the panel's timetable, a date per step (Appendix 3 ¶12); each becomes a
   * deadline row of its `TIMETABLE_` rule.
   */
  readonly timetable?: readonly { readonly rule: DeadlineRuleCode; readonly date: IsoDate }[];
  /** Decisions of the body: the meeting they are taken at. */
  readonly meeting?: BodyMeeting;
  /** Reasons the rules want on the docket (a delay, a meeting not held, a suspended appeal). */
  readonly reasons?: string;
}

/** The `OPEN` row of a rule, if any. */
export function liveRow(snapshot: DisputeSnapshot, rule: DeadlineRuleCode): DeadlineRow | undefined {
  return snapshot.deadlines.find((row) => row.rule === rule && row.status === 'OPEN');
}

/** The most recent row of a rule, any status. */
export function latestRow(snapshot: DisputeSnapshot, rule: DeadlineRuleCode): DeadlineRow | undefined {
  return [...snapshot.deadlines].reverse().find((row) => row.rule === rule);
}

/** Whether a row's clock is stopped by a suspension. */
export function isPaused(row: Pick<DeadlineRow, 'pausedRemainingDays'>): boolean {
  return row.pausedRemainingDays !== undefined && row.pausedRemainingDays !== null;
}

/**
 * The rules whose rows run out at the *start* of their due day: the waiting periods (the awaited
 * act is allowed that day, DSU 4.7, 6.1). Every other kind runs to the end of its due day. A fact
 * of the rules as data, for a query that selects the rows run out by their columns alone.
 */
export const RUN_OUT_AT_START_OF_DUE_DAY: readonly DeadlineRuleCode[] = Object.freeze(
  Object.values(DEADLINE_RULES)
    .filter((rule) => rule.kind === 'WAITING_PERIOD')
    .map((rule) => rule.code),
);

/**
 * The day at whose first instant (midnight where the body sits) a running row's period is over:
 * the day after its due day for a deadline, window or advance notice (it runs to the end of its due
 * day), the due day itself for a waiting period. Null while a suspension stops its clock (DSU
 * 12.12). A day, not an instant: it depends on the row's columns only, not on the body's time zone,
 * so a query can select and order rows by it (the worker's sweep).
 */
export function runsOutOn(row: Pick<DeadlineRow, 'rule' | 'dueDate' | 'pausedRemainingDays'>): IsoDate | null {
  if (isPaused(row)) return null;
  return DEADLINE_RULES[row.rule].kind === 'WAITING_PERIOD' ? row.dueDate : addDays(row.dueDate, 1);
}

/** The instant a running row's period is over ({@link runsOutOn} in the body's time zone); null while paused. */
export function runsOutAt(row: Pick<DeadlineRow, 'rule' | 'dueDate' | 'pausedRemainingDays'>): Date | null {
  const day = runsOutOn(row);
  return day === null ? null : startOfDay(day);
}

/**
 * The last day whose first instant has come at `now`, in the body's time zone: a running row has
 * run out at `now` exactly when its {@link runsOutOn} is this day or earlier. Usually the date of
 * `now`; computed from {@link startOfDay} itself so that the two never disagree, even where a change
 * of clocks skips or repeats a midnight.
 */
export function runOutCutoff(now: Date): IsoDate {
  let day = toIsoDate(now);
  while (startOfDay(day).getTime() > now.getTime()) day = addDays(day, -1);
  while (startOfDay(addDays(day, 1)).getTime() <= now.getTime()) day = addDays(day, 1);
  return day;
}

/**
 * Whether a running row's period is over at `now`: from {@link runsOutAt}. A deadline or window
 * runs to the end of its due day; a waiting period is over at the start of its due day (the awaited
 * act is allowed that day). A paused row never runs out.
 */
export function hasRunOut(row: DeadlineRow, now: Date): boolean {
  const at = runsOutAt(row);
  return at !== null && now.getTime() >= at.getTime();
}

/**
 * The status a row takes when its period runs out: `MISSED` for a deadline or an advance notice
 * (an act was owed: a status report 10 days before a meeting), `LAPSED` for a window or a waiting
 * period (nobody was at fault; overdue statistics count `MISSED` only).
 */
export function expiryStatus(rule: DeadlineRuleCode): 'LAPSED' | 'MISSED' {
  const { kind } = DEADLINE_RULES[rule];
  return kind === 'DEADLINE' || kind === 'ADVANCE_NOTICE' ? 'MISSED' : 'LAPSED';
}

/** Whether the latest row of a rule is missed at `now`: recorded so, or open and run out. */
export function wasMissed(snapshot: DisputeSnapshot, rule: DeadlineRuleCode, now: Date): boolean {
  const row = latestRow(snapshot, rule);
  if (!row) return false;
  return row.status === 'MISSED' || (row.status === 'OPEN' && hasRunOut(row, now));
}

/** A status change the worker records for a row whose period has run out. */
export interface Expiry {
  readonly rule: DeadlineRuleCode;
  readonly status: 'LAPSED' | 'MISSED';
}

/**
 * The open rows whose period has run out at `now`, with the status to record: what the worker's
 * deadline sweep writes (and then reports `MISSED` ones as overdue).
 */
export function sweepDeadlines(snapshot: DisputeSnapshot, now: Date): Expiry[] {
  return snapshot.deadlines
    .filter((row) => row.status === 'OPEN' && hasRunOut(row, now))
    .map((row) => ({ rule: row.rule, status: expiryStatus(row.rule) }));
}
