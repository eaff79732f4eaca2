import { PARTY_ROLES, type ActorRole, type PartyRole } from './actors';
import { addDays, type ClosedDays } from './dates';
import { citeRule, DEADLINE_RULES, type DeadlineRuleCode } from './deadline-rules';
import { refuse, type Refusal } from './refusals';
import { hasRunOut, isPaused, latestRow, liveRow, type ActionParams, type DisputeSnapshot, type ProcedureEvent } from './snapshot';
import type { Stage } from './stages';

/** What a guard may look at besides the snapshot and the time. */
export interface GuardContext {
  readonly closed: ClosedDays;
  readonly actorRoles: readonly ActorRole[];
  readonly params: ActionParams;
}

/**
 * A precondition of a transition, checked after its stage and its actors. Returns null when it
 * holds, else a refusal: `NOT_YET_ALLOWED` or `DEADLINE_PASSED` for time, `INVALID_TRANSITION`
 * for anything else (an act already done, one not yet done).
 */
export type Guard = (snapshot: DisputeSnapshot, now: Date, context: GuardContext) => Refusal | null;

/** All guards must hold; the first refusal wins. */
export function allOf(...guards: readonly Guard[]): Guard {
  return (snapshot, now, context) => {
    for (const guard of guards) {
      const refusal = guard(snapshot, now, context);
      if (refusal) return refusal;
    }
    return null;
  };
}

/** The guard applies only while the dispute is at `stage`. */
export function atStage(stage: Stage, guard: Guard): Guard {
  return (snapshot, now, context) => (snapshot.stage === stage ? guard(snapshot, now, context) : null);
}

/**
 * The act (`what`, a sentence subject such as 'Joining the consultations') is possible only while
 * the period of `rule` runs; afterwards `DEADLINE_PASSED`.
 */
export function withinPeriod(rule: DeadlineRuleCode, what: string): Guard {
  return (snapshot, now) => {
    const row = liveRow(snapshot, rule) ?? latestRow(snapshot, rule);
    if (!row) {
      return refuse('INVALID_TRANSITION', `${what} is not open: its period (${citeRule(rule)}) has not started.`);
    }
    if (row.status === 'OPEN' && !hasRunOut(row, now)) return null;
    return refuse('DEADLINE_PASSED', `${what} was possible until ${row.dueDate} ${under(rule)} That period has ended.`);
  };
}

/**
 * The act is possible only once the waiting period of `rule` has run, that is from its due date;
 * before, `NOT_YET_ALLOWED` with that date.
 */
export function afterWaitingPeriod(rule: DeadlineRuleCode, what: string): Guard {
  return (snapshot, now) => {
    const row = liveRow(snapshot, rule);
    if (!row || hasRunOut(row, now)) return null;
    if (isPaused(row)) {
      return refuse('NOT_YET_ALLOWED', `${what} must wait: the clock of ${citeRule(rule)} is stopped.`);
    }
    return refuse('NOT_YET_ALLOWED', `${what} is possible from ${row.dueDate} ${under(rule)}`, row.dueDate);
  };
}

/**
 * The act is possible only once the period of `rule` has ended without the act it awaited, that
 * is from the day after its due date (e.g. asking the Director-General to appoint the panelists
 * once the parties' 20 days have passed, DSU 8.7).
 */
export function afterPeriodEnds(rule: DeadlineRuleCode, what: string): Guard {
  return (snapshot, now) => {
    const row = liveRow(snapshot, rule);
    if (!row || hasRunOut(row, now)) return null;
    const from = addDays(row.dueDate, 1);
    return refuse(
      'NOT_YET_ALLOWED',
      `${what} is possible from ${from}, once the period ending ${row.dueDate} has passed, ` + under(rule),
      from,
    );
  };
}

/**
 * `under DSU 4.11 (THIRD_PARTY_CONSULTATIONS): A member may ask ...`: how refusal messages name
 * the rule, its article and what it says.
 */
export function under(rule: DeadlineRuleCode): string {
  const { article, description } = DEADLINE_RULES[rule];
  return `under ${article} (${rule}): ${description}`;
}

/** The act needs `event` to have happened in this stage or round. */
export function requireEvent(event: ProcedureEvent, message: string): Guard {
  return (snapshot) => (snapshot.events[event] ? null : refuse('INVALID_TRANSITION', message));
}

/** The act may happen once per stage or round: refused once `event` is recorded. */
export function forbidEvent(event: ProcedureEvent, message: string): Guard {
  return (snapshot) => {
    const on = snapshot.events[event];
    return on ? refuse('INVALID_TRANSITION', `${message} (recorded on ${on}).`) : null;
  };
}

/** A second `OPEN` row of a rule would be a duplicate: the act that opens it was already taken. */
export function notRunning(rule: DeadlineRuleCode, message: string): Guard {
  return (snapshot) => (liveRow(snapshot, rule) ? refuse('INVALID_TRANSITION', message) : null);
}

/** The party an actor acts for, if any. */
export function actingParty(actorRoles: readonly ActorRole[]): PartyRole | null {
  return PARTY_ROLES.find((party) => actorRoles.includes(party)) ?? null;
}
