import { ACTOR_ROLE_LABELS, type ActorRole } from './actors';
import { addDays, daysBetween, deadlineDates, isIsoDate, startOfDay, toIsoDate, type ClosedDays, type IsoDate } from './dates';
import { citeRule, DEADLINE_RULES, isDeadlineRuleCode } from './deadline-rules';
import { applyDeadlineEffects, deadlineEffects, nextState, type DeadlineEffects } from './effects';
import { refuse, type Refusal } from './refusals';
import { hasRunOut, isPaused, latestRow, liveRow, type ActionParams, type DisputeSnapshot, type DisputeState } from './snapshot';
import { isTerminalStage, STAGE_LABELS, type Stage } from './stages';
import { FILING, fromStages, transitionFor, TRANSITIONS, type ActionName, type Transition } from './transitions';

/**
 * An allowed action and everything it changes: the service persists `state` on the dispute,
 * applies the deadline effects to its rows (see {@link DeadlineEffects}), and appends
 * `docketText` to the docket, all in one transaction.
 */
export interface Approval extends DeadlineEffects {
  readonly allowed: true;
  readonly action: ActionName;
  readonly transition: Transition;
  readonly from: Stage;
  /** The stage after the action (equal to `from` when the dispute stays where it is). */
  readonly to: Stage;
  /** The dispute's procedural state after the action. */
  readonly state: DisputeState;
  /**
   * The docket text, with the inputs filled in; `{actor}` is left for the service to fill with
   * who acted (a member's name, the secretariat, the panel, the body).
   */
  readonly docketText: string;
  /**
   * The same step as a message of the docket catalogue (`docket.step.<action>`) and the inputs it
   * names, as plain values: `rule` (the limit and its article), `untilDay`, `rptEndsDay`,
   * `effectiveDay` (ISO days, rendered in the reader's language). `{actor}` is the service's.
   */
  readonly docketParams: Readonly<Record<string, string>>;
  /** The capacity in which the actor took it: the first of the transition's actors they hold. */
  readonly actingAs: ActorRole;
  /**
   * When the act takes effect: the time of the act, or for an automatic transition the end of the
   * period whose expiry it records (a report adopted as of day 60). Its dates count from then.
   */
  readonly effectiveAt: Date;
}

/** The engine's answer to "may this actor take this action now?". */
export type Decision = Approval | Refusal;

/** An action that becomes possible later, with the date when a date decides it. */
export interface LaterAction {
  readonly action: ActionName;
  readonly allowedFrom?: IsoDate;
  /** Why not now, and what would make it possible. */
  readonly reason: string;
}

/** What an actor may do: now, and later (`NOT_YET_ALLOWED` for now). */
export interface AllowedActions {
  readonly now: readonly ActionName[];
  readonly later: readonly LaterAction[];
}

function roleList(roles: readonly ActorRole[]): string {
  const labels = roles.map((role) => ACTOR_ROLE_LABELS[role]);
  return labels.length <= 1 ? (labels[0] ?? 'nobody') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

function stageName(stage: Stage): string {
  return `${STAGE_LABELS[stage]} (${stage})`;
}

// Stage, then actor, then guard: the order in which a delegate can best act on the answer.
function check(
  snapshot: DisputeSnapshot,
  actorRoles: readonly ActorRole[],
  transition: Transition,
  now: Date,
  closed: ClosedDays,
  params: ActionParams,
): Refusal | null {
  const { action, article } = transition;
  if (isTerminalStage(snapshot.stage)) {
    return refuse('INVALID_TRANSITION', `The dispute has ended: ${stageName(snapshot.stage)}; ${action} is no longer possible.`);
  }
  const stages = fromStages(transition);
  if (!stages.includes(snapshot.stage)) {
    return refuse(
      'INVALID_TRANSITION',
      `${action} is not possible at stage ${stageName(snapshot.stage)}; it is possible at: ` +
        `${stages.map((stage) => STAGE_LABELS[stage]).join(', ')} (${article}).`,
    );
  }
  if (!transition.actors.some((role) => actorRoles.includes(role))) {
    return refuse('FORBIDDEN', `Only ${roleList(transition.actors)} may take ${action} (${article}).`);
  }
  return transition.guard?.(snapshot, now, { closed, actorRoles, params }) ?? null;
}

// The timetable is the panel's own (DSU 12.3; Appendix 3 ¶12): it moves any step still to come,
// earlier or later, but not into the past.
function checkTimetableChange(snapshot: DisputeSnapshot, action: string, now: Date, params: ActionParams): Refusal | null {
  const { extension } = params;
  if (!extension || !isDeadlineRuleCode(extension.rule) || !isIsoDate(extension.until)) {
    return refuse('INVALID_TRANSITION', `${action} needs the step of the timetable and its new date (extension: { rule, until }).`);
  }
  const { rule, until } = extension;
  if (!rule.startsWith('TIMETABLE_')) {
    return refuse('INVALID_TRANSITION', `${rule} is not a step of the panel's timetable.`);
  }
  const row = liveRow(snapshot, rule);
  if (!row || hasRunOut(row, now)) {
    return refuse('INVALID_TRANSITION', `The step ${rule} is not running: only a step still to come can be moved.`);
  }
  if (until < toIsoDate(now)) {
    return refuse('INVALID_TRANSITION', `A step of the timetable cannot be moved into the past (${until}).`);
  }
  if (until === row.baseDate) {
    return refuse('INVALID_TRANSITION', `${rule} is already due on ${until}.`);
  }
  return null;
}

// A decision of the body counts only if taken at a meeting convened with notice and attended by a
// quorum of the members: one delegate present is not the body. The rules (notice, quorum) are the
// body's own, from the configuration.
function checkMeeting(snapshot: DisputeSnapshot, transition: Transition, now: Date, meeting: ActionParams['meeting']): Refusal | null {
  const { action } = transition;
  if (!meeting) {
    return refuse('INVALID_TRANSITION', `${action} is a decision of the body: it is recorded at a meeting of the body (meetingId).`);
  }
  const today = toIsoDate(now);
  if (meeting.heldOn !== today) {
    return refuse(
      'INVALID_TRANSITION',
      `The meeting of ${meeting.heldOn} is not held today (${today}): the body's decisions are ` +
        'recorded on the day of the meeting that takes them.',
    );
  }
  const notice = daysBetween(meeting.convenedOn, meeting.heldOn);
  if (notice < meeting.noticeDays) {
    return refuse(
      'INVALID_TRANSITION',
      `The meeting of ${meeting.heldOn} was convened on ${meeting.convenedOn}, ${notice} day(s) ` +
        `before; the body decides only at meetings convened at least ${meeting.noticeDays} days ` +
        'ahead (its rules of procedure; DSU 6.1, footnote 5).',
    );
  }
  if (meeting.present === null) {
    return refuse('INVALID_TRANSITION', `Record who attended the meeting of ${meeting.heldOn} first (recordMeetingAttendance).`);
  }
  if (meeting.present * 100 < meeting.members * meeting.quorumPercent) {
    return refuse(
      'INVALID_TRANSITION',
      `${meeting.present} of ${meeting.members} members attended the meeting of ${meeting.heldOn}: ` +
        `the body decides only with a quorum of ${meeting.quorumPercent}% of its members present.`,
    );
  }
  // Rules of Procedure for DSB meetings, rule 3 (PANEL_REQUEST_NOTICE): an item is on the agenda
  // only if filed 11 days ahead, unless the complainant asked for a meeting (DSU 6.1, fn 5).
  const requested = snapshot.events.PANEL_REQUESTED;
  if (snapshot.stage === 'PANEL_REQUESTED' && requested && !latestRow(snapshot, 'BODY_MEETING_ON_REQUEST')) {
    const { length } = DEADLINE_RULES.PANEL_REQUEST_NOTICE;
    const days = length.unit === 'DAYS' ? length.value : 0;
    if (daysBetween(requested, meeting.heldOn) < days) {
      return refuse(
        'INVALID_TRANSITION',
        `The panel request of ${requested} is on the agenda of meetings from ` +
          `${addDays(requested, days)} (${citeRule('PANEL_REQUEST_NOTICE')}).`,
      );
    }
  }
  return null;
}

function checkParams(
  snapshot: DisputeSnapshot,
  transition: Transition,
  actorRoles: readonly ActorRole[],
  now: Date,
  params: ActionParams,
): Refusal | null {
  const { action } = transition;
  const today = toIsoDate(now);
  if (transition.atMeeting && !actorRoles.includes('SYSTEM')) {
    const refusal = checkMeeting(snapshot, transition, now, params.meeting);
    if (refusal) return refusal;
  }
  if (transition.needs === 'RPT_END') {
    const { rptEndsOn } = params;
    if (!rptEndsOn || !isIsoDate(rptEndsOn)) {
      return refuse(
        'INVALID_TRANSITION',
        `${action} needs the last day of the reasonable period of time (rptEndsOn, YYYY-MM-DD; ` + 'DSU 21.3).',
      );
    }
    if (rptEndsOn < today) {
      return refuse('INVALID_TRANSITION', `The reasonable period of time cannot end in the past (${rptEndsOn}; DSU 21.3).`);
    }
  }
  if (transition.needs === 'REASONS' && !params.reasons?.trim()) {
    return refuse('INVALID_TRANSITION', `${action} needs its reasons, which go on the docket (${transition.article}).`);
  }
  if (transition.needs === 'TIMETABLE') {
    const steps = params.timetable ?? [];
    if (steps.length === 0) {
      return refuse('INVALID_TRANSITION', `${action} needs the timetable: a date for each step (Appendix 3 ¶12).`);
    }
    for (const { rule, date } of steps) {
      if (!isDeadlineRuleCode(rule) || !rule.startsWith('TIMETABLE_') || !isIsoDate(date)) {
        return refuse('INVALID_TRANSITION', `${rule} ${date} is not a step of the timetable with a date.`);
      }
      if (date < today) return refuse('INVALID_TRANSITION', `The step ${rule} cannot be due in the past (${date}).`);
    }
    if (new Set(steps.map((step) => step.rule)).size !== steps.length) {
      return refuse('INVALID_TRANSITION', 'Each step of the timetable is given once.');
    }
  }
  if (transition.needs === 'TIMETABLE_CHANGE') {
    const refusal = checkTimetableChange(snapshot, action, now, params);
    if (refusal) return refusal;
  }
  if (transition.needs === 'EXTENSION') {
    const { extension } = params;
    if (!extension || !isDeadlineRuleCode(extension.rule) || !isIsoDate(extension.until)) {
      return refuse(
        'INVALID_TRANSITION',
        `${action} needs the time limit to extend and its new last day ` + '(extension: { rule, until }).',
      );
    }
    const { rule, until } = extension;
    if (!DEADLINE_RULES[rule].extendable) {
      return refuse('INVALID_TRANSITION', `The parties cannot extend ${citeRule(rule)} by agreement.`);
    }
    const row = liveRow(snapshot, rule);
    if (!row) {
      return refuse('INVALID_TRANSITION', `No ${citeRule(rule)} time limit is running.`);
    }
    if (isPaused(row)) {
      return refuse(
        'INVALID_TRANSITION',
        `The clock of ${citeRule(rule)} is stopped by the suspension (DSU 12.12); ` + 'extend it after the work resumes.',
      );
    }
    if (hasRunOut(row, now)) {
      return refuse(
        'DEADLINE_PASSED',
        `${citeRule(rule)} ran out on ${row.dueDate}; a time limit that has run out cannot be ` + 'extended.',
      );
    }
    if (until <= row.baseDate) {
      return refuse('INVALID_TRANSITION', `An extension of ${citeRule(rule)} must end after ${row.baseDate}, its current end.`);
    }
  }
  return null;
}

/**
 * May an actor take an action now, and if so what does it change?
 *
 * Checks, in order: the action exists and is possible at the dispute's stage
 * (`INVALID_TRANSITION`); the actor holds one of its roles (`FORBIDDEN`); its precondition
 * (`NOT_YET_ALLOWED` with `allowedFrom`, `DEADLINE_PASSED`, or `INVALID_TRANSITION`); its inputs
 * (`INVALID_TRANSITION`). An approval lists its effects; `suspend` pauses every running limit and
 * `resume` restarts them with the days they had left.
 *
 * @param snapshot the dispute as it is
 * @param actorRoles every role the actor holds in this dispute
 * @param action an action name (an unknown string is refused)
 * @param now the time of the act (from the injectable clock)
 * @param closed the body's closed days, for due dates
 * @param params inputs some actions need (`agreeRpt`, `fixRpt`, `recordExtension`)
 */
export function decide(
  snapshot: DisputeSnapshot,
  actorRoles: readonly ActorRole[],
  action: ActionName | string,
  now: Date,
  closed: ClosedDays,
  params: ActionParams = {},
): Decision {
  const transition = transitionFor(action);
  if (!transition) {
    return refuse('INVALID_TRANSITION', `There is no action called ${JSON.stringify(action)}.`);
  }
  const refusal =
    check(snapshot, actorRoles, transition, now, closed, params) ?? checkParams(snapshot, transition, actorRoles, now, params);
  if (refusal) return refusal;

  const effectiveAt = effectiveInstant(snapshot, transition, now);
  const state = nextState(snapshot, transition, actorRoles, effectiveAt, params);
  return {
    allowed: true,
    action: transition.action,
    transition,
    from: snapshot.stage,
    to: state.stage,
    state,
    ...deadlineEffects(snapshot, transition, state, effectiveAt, closed, params),
    docketText: fillDocketText(transition.docketText, params, effectiveAt),
    docketParams: docketParams(transition.docketText, params, effectiveAt),
    actingAs: transition.actors.find((role) => actorRoles.includes(role)) as ActorRole,
    effectiveAt,
  };
}

// An automatic transition records what happened when a period ended: it takes effect at the last
// moment of the period's due day, however late the worker comes (DSU 16.4: adopted "within 60
// days"; the limit is met, not missed).
function effectiveInstant(snapshot: DisputeSnapshot, transition: Transition, now: Date): Date {
  if (!transition.effectiveAtEndOf) return now;
  const row = liveRow(snapshot, transition.effectiveAtEndOf);
  if (!row) return now;
  const end = new Date(startOfDay(addDays(row.dueDate, 1)).getTime() - 1);
  return end.getTime() < now.getTime() ? end : now;
}

function fillDocketText(template: string, params: ActionParams, effectiveAt: Date): string {
  return template
    .replaceAll('{rule}', params.extension ? citeRule(params.extension.rule) : '')
    .replaceAll('{until}', params.extension?.until ?? '')
    .replaceAll('{rptEndsOn}', params.rptEndsOn ?? '')
    .replaceAll('{effective}', toIsoDate(effectiveAt));
}

// Only what the step's sentence names: an entry keeps the values it was written with.
function docketParams(template: string, params: ActionParams, effectiveAt: Date): Record<string, string> {
  const out: Record<string, string> = {};
  if (template.includes('{rule}')) out.rule = params.extension ? citeRule(params.extension.rule) : '';
  if (template.includes('{until}')) out.untilDay = params.extension?.until ?? '';
  if (template.includes('{rptEndsOn}')) out.rptEndsDay = params.rptEndsOn ?? '';
  if (template.includes('{effective}')) out.effectiveDay = toIsoDate(effectiveAt);
  return out;
}

/**
 * What an actor may do now, and what it may do later (refused for now with `NOT_YET_ALLOWED`,
 * with the date when a date decides it, e.g. `requestPanel` from day 60). Inputs are not checked:
 * `agreeRpt` is listed even though it will need `rptEndsOn`.
 */
export function allowedActions(snapshot: DisputeSnapshot, actorRoles: readonly ActorRole[], now: Date, closed: ClosedDays): AllowedActions {
  const allowedNow: ActionName[] = [];
  const later: LaterAction[] = [];
  for (const transition of TRANSITIONS) {
    const refusal = check(snapshot, actorRoles, transition, now, closed, {});
    if (!refusal) allowedNow.push(transition.action);
    else if (refusal.code === 'NOT_YET_ALLOWED') {
      later.push({
        action: transition.action,
        ...(refusal.allowedFrom ? { allowedFrom: refusal.allowedFrom } : {}),
        reason: refusal.message,
      });
    }
  }
  return { now: allowedNow, later };
}

/** The automatic transitions the worker should take now (lapse, automatic establishment). */
export function dueAutomaticActions(snapshot: DisputeSnapshot, now: Date, closed: ClosedDays): ActionName[] {
  return allowedActions(snapshot, ['SYSTEM'], now, closed).now.filter((action) => transitionFor(action)?.automatic === true);
}

/**
 * A new dispute at the filing of its request for consultations (DSU 4.3, 4.7, 4.8, 4.11): reply
 * in 10 days, consultations within 30 (10 if urgent), a panel from day 60 (20 if urgent), third
 * parties within 10 days.
 */
export function openDispute(input: { readonly filedAt: Date; readonly urgent: boolean }, closed: ClosedDays): DisputeSnapshot {
  const { filedAt, urgent } = input;
  return {
    stage: FILING.to,
    stageBeforeSuspension: null,
    suspendedAt: null,
    goodOffices: false,
    goodOfficesSince: null,
    bodyMeetingsSincePanelRequest: 0,
    agreements: {},
    events: {},
    rptEndsOn: null,
    complianceRound: 0,
    urgent,
    filedAt,
    deadlines: FILING.opens.map((rule) => ({
      rule,
      ...deadlineDates(filedAt, DEADLINE_RULES[rule], { urgent, closed }),
      status: 'OPEN' as const,
    })),
  };
}

/** The snapshot after an approved action: what the service will have stored once it commits. */
export function applyDecision(snapshot: DisputeSnapshot, approval: Approval): DisputeSnapshot {
  return {
    ...snapshot,
    ...approval.state,
    deadlines: applyDeadlineEffects(snapshot.deadlines, approval),
  };
}
