import { ACTOR_ROLE_LABELS, type ActorRole } from './actors';
import {
  deadlineDates,
  isIsoDate,
  toIsoDate,
  type ClosedDays,
  type IsoDate,
} from './calendar';
import { citeRule, DEADLINE_RULES, isDeadlineRuleCode } from './deadline-rules';
import {
  applyDeadlineEffects,
  deadlineEffects,
  nextState,
  type DeadlineEffects,
} from './effects';
import { refuse, type Refusal } from './refusals';
import {
  hasRunOut,
  isPaused,
  liveRow,
  type ActionParams,
  type DisputeSnapshot,
  type DisputeState,
} from './snapshot';
import { isTerminalStage, STAGE_LABELS, type Stage } from './stages';
import {
  FILING,
  fromStages,
  transitionFor,
  TRANSITIONS,
  type ActionName,
  type Transition,
} from './transitions';

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
  readonly docketText: string;
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
  return labels.length <= 1
    ? (labels[0] ?? 'nobody')
    : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
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
    return refuse(
      'INVALID_TRANSITION',
      `The dispute has ended: ${stageName(snapshot.stage)}; ${action} is no longer possible.`,
    );
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
    return refuse(
      'FORBIDDEN',
      `Only ${roleList(transition.actors)} may take ${action} (${article}).`,
    );
  }
  return transition.guard?.(snapshot, now, { closed, actorRoles, params }) ?? null;
}

function checkParams(
  snapshot: DisputeSnapshot,
  transition: Transition,
  now: Date,
  params: ActionParams,
): Refusal | null {
  const { action } = transition;
  const today = toIsoDate(now);
  if (transition.needs === 'RPT_END') {
    const { rptEndsOn } = params;
    if (!rptEndsOn || !isIsoDate(rptEndsOn)) {
      return refuse(
        'INVALID_TRANSITION',
        `${action} needs the last day of the reasonable period of time (rptEndsOn, YYYY-MM-DD; ` +
          'DSU 21.3).',
      );
    }
    if (rptEndsOn < today) {
      return refuse(
        'INVALID_TRANSITION',
        `The reasonable period of time cannot end in the past (${rptEndsOn}; DSU 21.3).`,
      );
    }
  }
  if (transition.needs === 'EXTENSION') {
    const { extension } = params;
    if (!extension || !isDeadlineRuleCode(extension.rule) || !isIsoDate(extension.until)) {
      return refuse(
        'INVALID_TRANSITION',
        `${action} needs the time limit to extend and its new last day ` +
          '(extension: { rule, until }).',
      );
    }
    const { rule, until } = extension;
    if (!DEADLINE_RULES[rule].extendable) {
      return refuse(
        'INVALID_TRANSITION',
        `The parties cannot extend ${citeRule(rule)} by agreement.`,
      );
    }
    const row = liveRow(snapshot, rule);
    if (!row) {
      return refuse('INVALID_TRANSITION', `No ${citeRule(rule)} time limit is running.`);
    }
    if (isPaused(row)) {
      return refuse(
        'INVALID_TRANSITION',
        `The clock of ${citeRule(rule)} is stopped by the suspension (DSU 12.12); ` +
          'extend it after the work resumes.',
      );
    }
    if (hasRunOut(row, now)) {
      return refuse(
        'DEADLINE_PASSED',
        `${citeRule(rule)} ran out on ${row.dueDate}; a time limit that has run out cannot be ` +
          'extended.',
      );
    }
    if (until <= row.baseDate) {
      return refuse(
        'INVALID_TRANSITION',
        `An extension of ${citeRule(rule)} must end after ${row.baseDate}, its current end.`,
      );
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
    check(snapshot, actorRoles, transition, now, closed, params) ??
    checkParams(snapshot, transition, now, params);
  if (refusal) return refusal;

  const state = nextState(snapshot, transition, actorRoles, now, params);
  return {
    allowed: true,
    action: transition.action,
    transition,
    from: snapshot.stage,
    to: state.stage,
    state,
    ...deadlineEffects(snapshot, transition, state, now, closed, params),
    docketText: transition.docketText,
  };
}

/**
 * What an actor may do now, and what it may do later (refused for now with `NOT_YET_ALLOWED`,
 * with the date when a date decides it, e.g. `requestPanel` from day 60). Inputs are not checked:
 * `agreeRpt` is listed even though it will need `rptEndsOn`.
 */
export function allowedActions(
  snapshot: DisputeSnapshot,
  actorRoles: readonly ActorRole[],
  now: Date,
  closed: ClosedDays,
): AllowedActions {
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
export function dueAutomaticActions(
  snapshot: DisputeSnapshot,
  now: Date,
  closed: ClosedDays,
): ActionName[] {
  return allowedActions(snapshot, ['SYSTEM'], now, closed).now.filter(
    (action) => transitionFor(action)?.automatic === true,
  );
}

/**
 * A new dispute at the filing of its request for consultations (DSU 4.3, 4.7, 4.8, 4.11): reply
 * in 10 days, consultations within 30 (10 if urgent), a panel from day 60 (20 if urgent), third
 * parties within 10 days.
 */
export function openDispute(
  input: { readonly filedAt: Date; readonly urgent: boolean },
  closed: ClosedDays,
): DisputeSnapshot {
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
