import type { ActorRole } from './actors';
import {
  addDays,
  addMonths,
  datesEndingOn,
  daysBetween,
  deadlineDates,
  resumeDeadline,
  suspendDeadline,
  toIsoDate,
  type ClosedDays,
  type DeadlineDates,
  type IsoDate,
} from './dates';
import { DEADLINE_RULES, type DeadlineRuleCode } from './deadline-rules';
import { actingParty } from './guards';
import {
  expiryStatus,
  hasRunOut,
  isPaused,
  type ActionParams,
  type DeadlineRow,
  type DisputeSnapshot,
  type DisputeState,
  type ProcedureEvent,
  type ProcedureEvents,
} from './snapshot';
import { isTerminalStage, SUSPENDED_STAGES, type Stage } from './stages';
import type { Transition } from './transitions';

/** A row a transition opens (or reopens with new dates). */
export interface OpenedDeadline extends DeadlineDates {
  readonly rule: DeadlineRuleCode;
}

/** A running row whose clock a suspension stops, with the calendar days it had left. */
export interface PausedDeadline {
  readonly rule: DeadlineRuleCode;
  readonly remainingDays: number;
}

/**
 * What a transition does to the deadline rows. Each code names the rule's `OPEN` row, except in
 * `extend`, where a superseded limit that had already been recorded `MISSED` is extended too.
 * Apply the status changes first, then insert `open`: an extension's new row has the same rule as
 * the row it replaces.
 */
export interface DeadlineEffects {
  /** New `OPEN` rows. */
  readonly open: readonly OpenedDeadline[];
  /** Rows to record `MET`. */
  readonly meet: readonly DeadlineRuleCode[];
  /** Rows to record `MISSED`: their period ran out before the act that would have met them. */
  readonly miss: readonly DeadlineRuleCode[];
  /** Rows to record `LAPSED`: a window or waiting period that had run out unused. */
  readonly lapse: readonly DeadlineRuleCode[];
  /** Rows to record `SUPERSEDED`: the step makes them moot. */
  readonly supersede: readonly DeadlineRuleCode[];
  /** Rows to record `EXTENDED` (replaced by a row in `open`). */
  readonly extend: readonly DeadlineRuleCode[];
  /** Rows whose clock stops: they stay `OPEN` with `pausedRemainingDays` set. */
  readonly pause: readonly PausedDeadline[];
  /** Paused rows whose clock restarts: new dates, `pausedRemainingDays` cleared. */
  readonly resume: readonly OpenedDeadline[];
}

type Settlement = 'MET' | 'MISSED' | 'LAPSED' | 'SUPERSEDED' | 'EXTENDED';

/**
 * Whether a limit still applies once the dispute is at `stage` (see `DeadlineRule.appliesIn`): in a
 * suspended stage, the limits of the stage before the suspension keep applying, their clocks
 * stopped.
 */
export function appliesAt(rule: DeadlineRuleCode, stage: Stage, stageBeforeSuspension: Stage | null): boolean {
  if (isTerminalStage(stage)) return false;
  const { appliesIn } = DEADLINE_RULES[rule];
  if (appliesIn === 'ANY_ACTIVE' || appliesIn.includes(stage)) return true;
  return SUSPENDED_STAGES.includes(stage) && stageBeforeSuspension !== null && appliesIn.includes(stageBeforeSuspension);
}

function monthsOrDays(rule: DeadlineRuleCode): { unit: 'DAYS' | 'MONTHS'; value: number } {
  const { length } = DEADLINE_RULES[rule];
  if (length.unit === 'BODY_MEETINGS') throw new RangeError(`${rule} has no calendar length`);
  return { unit: length.unit, value: length.value };
}

// The legal end of a longer limit that replaces `row`: as much later as the new limit is longer,
// so that time a suspension added to the old one carries over.
function supersededEnd(row: DeadlineRow, by: DeadlineRuleCode): IsoDate {
  const old = monthsOrDays(row.rule);
  const longer = monthsOrDays(by);
  if (old.unit !== longer.unit) {
    throw new RangeError(`Cannot supersede ${row.rule} by ${by}: different units`);
  }
  const extra = longer.value - old.value;
  return old.unit === 'DAYS' ? addDays(row.baseDate, extra) : addMonths(row.baseDate, extra);
}

function anchorDate(rule: DeadlineRuleCode, today: IsoDate, state: DisputeState): IsoDate {
  const { anchor } = DEADLINE_RULES[rule];
  const date = anchor === 'ACTION' ? today : anchor === 'RPT_END' ? state.rptEndsOn : state.events.REPORT_ADOPTED;
  // The table guarantees the anchor is known when the rule opens; a gap is a bug in the table.
  if (!date) throw new Error(`Cannot open ${rule}: its anchor ${anchor} is not recorded`);
  return date;
}

function nextEvents(snapshot: DisputeSnapshot, transition: Transition, today: IsoDate): ProcedureEvents {
  const events: Partial<Record<ProcedureEvent, IsoDate>> = { ...snapshot.events };
  for (const event of transition.clears ?? []) delete events[event];
  if (transition.records) events[transition.records] = today;
  return events;
}

function nextStage(snapshot: DisputeSnapshot, transition: Transition): Stage {
  if (transition.to === null) return snapshot.stage;
  if (transition.to === 'PREVIOUS') return snapshot.stageBeforeSuspension ?? snapshot.stage;
  return transition.to;
}

/** The dispute's state after a transition (guards and inputs already checked). */
export function nextState(
  snapshot: DisputeSnapshot,
  transition: Transition,
  actorRoles: readonly ActorRole[],
  now: Date,
  params: ActionParams,
): DisputeState {
  const today = toIsoDate(now);
  const stage = nextStage(snapshot, transition);
  const suspended = SUSPENDED_STAGES.includes(stage);
  const party = actingParty(actorRoles);
  let agreements = snapshot.agreements;
  if (transition.resetsAgreement) {
    agreements = { ...agreements, [transition.resetsAgreement]: [] };
  }
  if (transition.agreement && party) {
    const agreed = agreements[transition.agreement] ?? [];
    agreements = {
      ...agreements,
      [transition.agreement]: agreed.includes(party) ? agreed : [...agreed, party],
    };
  }
  const bodyMeetings = snapshot.bodyMeetingsSincePanelRequest;
  return {
    stage,
    stageBeforeSuspension: suspended ? (snapshot.stageBeforeSuspension ?? snapshot.stage) : null,
    suspendedAt: suspended ? (snapshot.suspendedAt ?? now) : null,
    // Good offices end with the dispute.
    goodOffices: isTerminalStage(stage) ? false : (transition.goodOffices ?? snapshot.goodOffices),
    goodOfficesSince: transition.goodOffices === true && !snapshot.goodOfficesSince ? now : snapshot.goodOfficesSince,
    bodyMeetingsSincePanelRequest:
      transition.bodyMeetings === 'RESET' ? 0 : transition.bodyMeetings === 'COUNT' ? bodyMeetings + 1 : bodyMeetings,
    agreements,
    events: nextEvents(snapshot, transition, today),
    rptEndsOn: transition.needs === 'RPT_END' && params.rptEndsOn ? params.rptEndsOn : snapshot.rptEndsOn,
    complianceRound: snapshot.complianceRound + (transition.startsComplianceRound ? 1 : 0),
  };
}

/** What a transition does to the dispute's deadline rows (guards and inputs already checked). */
export function deadlineEffects(
  snapshot: DisputeSnapshot,
  transition: Transition,
  state: DisputeState,
  now: Date,
  closed: ClosedDays,
  params: ActionParams,
): DeadlineEffects {
  const today = toIsoDate(now);
  const live = new Map<DeadlineRuleCode, DeadlineRow>();
  for (const row of snapshot.deadlines) if (row.status === 'OPEN') live.set(row.rule, row);
  const settled = new Map<DeadlineRuleCode, Settlement>();
  const extended: DeadlineRuleCode[] = [];
  const open: OpenedDeadline[] = [];
  const pause: PausedDeadline[] = [];
  const resume: OpenedDeadline[] = [];

  // A row whose period has already run out takes its expiry status whatever the transition meant
  // for it: a late reply does not turn a missed reply deadline into a met one.
  const settle = (row: DeadlineRow, intent: 'MET' | 'SUPERSEDED') => {
    if (settled.has(row.rule)) return;
    settled.set(row.rule, hasRunOut(row, now) ? expiryStatus(row.rule) : intent);
  };

  for (const rule of transition.meets) {
    const row = live.get(rule);
    if (row) settle(row, 'MET');
  }
  const cancels = transition.cancels === 'ALL_OPEN' ? [...live.keys()] : transition.cancels;
  for (const rule of cancels) {
    const row = live.get(rule);
    if (row) settle(row, 'SUPERSEDED');
  }

  for (const { rule, by } of transition.supersedes ?? []) {
    const latest = [...snapshot.deadlines].reverse().find((row) => row.rule === rule);
    const row = live.get(rule) ?? (latest?.status === 'MISSED' ? latest : undefined);
    if (!row) continue;
    settled.set(rule, 'EXTENDED');
    extended.push(rule);
    open.push({ rule: by, ...datesEndingOn(supersededEnd(row, by), closed) });
  }

  if (transition.keepsLength) {
    const { rule, after } = transition.keepsLength;
    const planned = [...snapshot.deadlines].reverse().find((row) => row.rule === after);
    const row = live.get(rule);
    const delay = planned ? daysBetween(planned.baseDate, today) : 0;
    if (planned && row && !settled.has(rule) && !isPaused(row) && delay > 0) {
      const until = addDays(today, Math.max(0, daysBetween(planned.baseDate, row.baseDate)));
      if (until > row.baseDate) {
        settled.set(rule, 'EXTENDED');
        extended.push(rule);
        open.push({ rule, ...datesEndingOn(until, closed) });
      }
    }
  }

  if ((transition.needs === 'EXTENSION' || transition.needs === 'TIMETABLE_CHANGE') && params.extension) {
    const { rule, until } = params.extension;
    settled.set(rule, 'EXTENDED');
    extended.push(rule);
    open.push({ rule, ...datesEndingOn(until, closed) });
  }

  // Limits of a stage the dispute leaves close in this same step, with the reason: moot rows are
  // never left open for the sweep to record MISSED against whom they bound.
  for (const row of live.values()) {
    if (!settled.has(row.rule) && !appliesAt(row.rule, state.stage, state.stageBeforeSuspension)) {
      settle(row, 'SUPERSEDED');
    }
  }

  for (const row of live.values()) {
    if (settled.has(row.rule)) continue;
    if (transition.clock === 'STOP') {
      // DSU 12.12 stops running clocks only: a period already over is settled as it stands
      // (MISSED or MET, by its kind).
      if (hasRunOut(row, now)) settle(row, 'SUPERSEDED');
      else pause.push({ rule: row.rule, remainingDays: suspendDeadline(row.baseDate, now) });
    } else if (transition.clock === 'RESTART' && isPaused(row)) {
      resume.push({ rule: row.rule, ...resumeDeadline(row.pausedRemainingDays ?? 0, now, closed) });
    }
  }

  if (transition.needs === 'TIMETABLE') {
    for (const { rule, date } of params.timetable ?? []) {
      const running = live.get(rule);
      if (running) settle(running, 'SUPERSEDED');
      open.push({ rule, ...datesEndingOn(date, closed) });
    }
  }

  for (const rule of transition.opens) {
    const running = live.get(rule);
    // At most one OPEN row per rule: a reopened limit replaces the running one.
    if (running) settle(running, 'SUPERSEDED');
    open.push({
      rule,
      ...deadlineDates(anchorDate(rule, today, state), DEADLINE_RULES[rule], {
        urgent: snapshot.urgent,
        closed,
      }),
    });
  }

  const having = (status: Settlement) => [...settled].filter(([, settlement]) => settlement === status).map(([rule]) => rule);
  return {
    open,
    meet: having('MET'),
    miss: having('MISSED'),
    lapse: having('LAPSED'),
    supersede: having('SUPERSEDED'),
    extend: extended,
    pause,
    resume,
  };
}

/**
 * The rows after applying effects: status changes on the existing rows, then the new rows. The
 * same steps the service takes on the database.
 */
export function applyDeadlineEffects(rows: readonly DeadlineRow[], effects: DeadlineEffects): DeadlineRow[] {
  const statusOf = new Map<DeadlineRuleCode, Settlement>([
    ...effects.meet.map((rule): [DeadlineRuleCode, Settlement] => [rule, 'MET']),
    ...effects.miss.map((rule): [DeadlineRuleCode, Settlement] => [rule, 'MISSED']),
    ...effects.lapse.map((rule): [DeadlineRuleCode, Settlement] => [rule, 'LAPSED']),
    ...effects.supersede.map((rule): [DeadlineRuleCode, Settlement] => [rule, 'SUPERSEDED']),
    ...effects.extend.map((rule): [DeadlineRuleCode, Settlement] => [rule, 'EXTENDED']),
  ]);
  const paused = new Map(effects.pause.map((p) => [p.rule, p.remainingDays]));
  const resumed = new Map(effects.resume.map((r) => [r.rule, r]));
  // An extended limit may have been recorded MISSED already: then its latest row is the one.
  const extendMissed = new Set(effects.extend.filter((rule) => !rows.some((row) => row.rule === rule && row.status === 'OPEN')));
  const lastIndex = new Map<DeadlineRuleCode, number>();
  rows.forEach((row, index) => lastIndex.set(row.rule, index));

  const updated = rows.map((row, index): DeadlineRow => {
    if (row.status !== 'OPEN') {
      const isTarget = extendMissed.has(row.rule) && lastIndex.get(row.rule) === index;
      return isTarget && row.status === 'MISSED' ? { ...row, status: 'EXTENDED' } : row;
    }
    const status = statusOf.get(row.rule);
    if (status) return { ...row, status };
    const remaining = paused.get(row.rule);
    if (remaining !== undefined) return { ...row, pausedRemainingDays: remaining };
    const restart = resumed.get(row.rule);
    if (restart) {
      return {
        ...row,
        baseDate: restart.baseDate,
        dueDate: restart.dueDate,
        pausedRemainingDays: null,
      };
    }
    return row;
  });
  return [...updated, ...effects.open.map((o): DeadlineRow => ({ ...o, status: 'OPEN' }))];
}
