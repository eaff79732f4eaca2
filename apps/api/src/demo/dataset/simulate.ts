// One dispute driven through the real procedure engine (`decide` / `applyDecision` of
// @app/procedure) from its filing to `asOf`: the steps of the stage table (stages.ts), the third
// parties' joins, the body's decisions at its meetings, and the worker's deadline sweep replayed at
// the instants limits run out. What it leaves on the dispute (stage, deadline rows, periods,
// docket) is what the services would have written.
import {
  DEADLINE_RULES,
  TRANSITIONS,
  addDays,
  applyDecision,
  decide,
  dueAutomaticActions,
  fromStages,
  isPaused,
  openDispute,
  startOfDay,
  sweepDeadlines,
  toIsoDate,
  type ActionParams,
  type ActorRole,
  type Approval,
  type BodyMeeting,
  type ClosedDays,
  type DeadlineRow,
  type DeadlineRuleCode,
  type DisputeSnapshot,
} from '@app/procedure';
import { note } from './progress';
import { Rng } from './random';
import { DAY, HOUR } from './clock';
import { acceptText, expiryText, joinText, meetingText, requestText, timetableStepText } from './docket';
import type { DocketEvent, Dispute, Party } from './disputes';
import { meetingFacts, meetingFrom } from './meetings';
import type { Member } from './members';
import { nextStep } from './stages';
import { ROLES, type Side } from './step';
import type { World } from './world';

// The stages with an automatic transition (the worker's): elsewhere asking the engine is wasted.
const AUTOMATIC_STAGES = new Set(TRANSITIONS.filter((t) => t.automatic).flatMap((t) => fromStages(t)));
// The decisions of the body: taken at one of its meetings (DSU 2.4, 6.1, 16.4).
const AT_MEETING = new Set<string>(TRANSITIONS.filter((t) => t.atMeeting).map((t) => t.action));
const ENDS = ['SETTLED_MAS', 'WITHDRAWN', 'LAPSED', 'NOT_ADOPTED', 'COMPLIED'];
/** Steps at most per dispute: a guard, far above the longest procedure. */
const MAX_STEPS = 80;

function automaticActions(snapshot: DisputeSnapshot, at: Date, closed: ClosedDays): string[] {
  return AUTOMATIC_STAGES.has(snapshot.stage) ? dueAutomaticActions(snapshot, at, closed) : [];
}

// Who acted, as the docket names them (DisputesService): a member by name, else the organ.
function nameOf(d: Dispute, role: ActorRole, member?: Member): string {
  switch (role) {
    case 'COMPLAINANT':
      return d.complainant.name;
    case 'RESPONDENT':
      return d.respondents[0].name;
    case 'THIRD_PARTY':
    case 'MEMBER':
      return member?.name ?? 'A member';
    case 'PANEL':
    case 'PANEL_CHAIR':
      return 'the panel';
    case 'BODY':
      return 'the body';
    case 'SECRETARIAT':
      return 'the secretariat';
    case 'SYSTEM':
      return 'the system';
  }
}

/** Drives one dispute through the engine from its filing to `asOf`. */
export function simulate(d: Dispute, world: World): void {
  const index = d.simIndex ?? d.index;
  const rng = new Rng(world.seed * 7919 + index * 104729 + 17);
  const closed = world.closed;
  d.snapshot = openDispute({ filedAt: d.filedAt, urgent: d.urgent }, closed);
  d.rows = d.snapshot.deadlines.map(() => ({ id: rng.uuid(), openedAt: d.filedAt, closedAt: null }));
  d.events = [];
  d.parties = [
    { memberId: d.complainant.id, kind: 'COMPLAINANT', joinedAt: d.filedAt },
    ...d.respondents.map((m): Party => ({ memberId: m.id, kind: 'RESPONDENT', joinedAt: d.filedAt })),
  ];
  d.periods = [{ id: rng.uuid(), stage: d.snapshot.stage, enteredAt: d.filedAt, leftAt: null }];
  d.version = 1;
  d.done = new Set();
  d.applied = new Set();
  d.refused = 0;
  d.establishedAt = null;
  d.composedAt = null;
  d.composeEvent = null;
  d.endedAt = null;
  d.timetable = null;
  let order = 0;
  const event = (e: Omit<DocketEvent, 'order' | 'documentIds'> & { documentIds?: string[] }): DocketEvent => {
    const full: DocketEvent = { documentIds: [], ...e, order: order++ };
    d.events.push(full);
    return full;
  };
  event({
    at: d.filedAt,
    kind: 'requestConsultations',
    actorRole: 'COMPLAINANT',
    actorId: d.complainant.delegates[0],
    text: requestText(d),
  });

  const actorOf = (side: Side, member?: Member): string | null => {
    switch (side) {
      case 'C':
        return d.complainant.delegates[rng.int(0, 1)];
      case 'R':
        return d.respondents[0].delegates[rng.int(0, 1)];
      case 'SEC':
      case 'BODY':
        return rng.pick(world.secretariat);
      case 'PANEL':
        return rng.pick(world.panelistUsers);
      case 'MEMBER':
        return member ? member.delegates[0] : null;
    }
  };

  const apply = (
    approval: Approval,
    at: Date,
    actorId: string | null,
    options: { member?: Member; text?: string; meeting?: BodyMeeting } = {},
  ) => {
    const before = d.snapshot.deadlines;
    const after = applyDecision(d.snapshot, approval);
    for (let i = 0; i < before.length; i++) {
      if (before[i].status !== after.deadlines[i].status) d.rows[i].closedAt = at;
    }
    for (let i = before.length; i < after.deadlines.length; i++) d.rows.push({ id: rng.uuid(), openedAt: at, closedAt: null });
    if (approval.to !== approval.from) {
      // A step takes effect when the engine says: an automatic adoption as of the end of day 60.
      const effective = approval.effectiveAt;
      d.periods[d.periods.length - 1].leftAt = effective;
      d.periods.push({ id: rng.uuid(), stage: approval.to, enteredAt: effective, leftAt: null });
      if (approval.to === 'PANEL_ESTABLISHED') d.establishedAt = effective;
      if (ENDS.includes(approval.to)) d.endedAt = effective;
    }
    d.snapshot = after;
    d.version += 1;
    d.applied.add(approval.action);
    const filled = approval.docketText.replaceAll('{actor}', nameOf(d, approval.actingAs, options.member));
    const text = [options.text ?? filled.charAt(0).toUpperCase() + filled.slice(1), options.meeting ? meetingText(options.meeting) : '']
      .filter(Boolean)
      .join(' ');
    const e = event({ at, kind: approval.action, actorRole: approval.actingAs, actorId, text });
    if (approval.action === 'composePanel') {
      d.composedAt = at;
      d.composeEvent = e;
    }
  };

  // The worker: at each instant a running limit runs out, the automatic transitions, then the
  // expiries, each docketed (ProcedureSweeper).
  const sweepUntil = (until: Date) => {
    for (let guard = 0; guard < 200; guard++) {
      let next = Infinity;
      for (const row of d.snapshot.deadlines) {
        if (row.status !== 'OPEN' || isPaused(row)) continue;
        // A waiting period is over at the start of its due day, a deadline or window at its end.
        const dueDay = Date.parse(`${row.dueDate}T00:00:00Z`);
        next = Math.min(next, DEADLINE_RULES[row.rule].kind === 'WAITING_PERIOD' ? dueDay : dueDay + DAY);
      }
      const at = new Date(next + 20_000 + (index % 40) * 1000);
      if (!Number.isFinite(next) || at.getTime() > until.getTime()) return;
      let acted = false;
      for (const action of automaticActions(d.snapshot, at, closed)) {
        const decision = decide(d.snapshot, ['SYSTEM'], action, at, closed);
        if (!decision.allowed) continue;
        apply(decision, at, null);
        acted = true;
      }
      const expiries = sweepDeadlines(d.snapshot, at);
      if (expiries.length) {
        const statusOf = new Map(expiries.map((e) => [e.rule, e.status]));
        const rows: DeadlineRow[] = d.snapshot.deadlines.map((row, i) => {
          const status = row.status === 'OPEN' ? statusOf.get(row.rule) : undefined;
          if (!status) return row;
          d.rows[i].closedAt = at;
          return { ...row, status };
        });
        d.snapshot = { ...d.snapshot, deadlines: rows };
        for (const expiry of expiries) {
          const kind = expiry.status === 'MISSED' ? 'deadlineMissed' : 'periodEnded';
          event({ at, kind, actorRole: 'SYSTEM', actorId: null, text: expiryText(expiry.rule, expiry.status) });
        }
      }
      if (!acted && !expiries.length) return;
    }
  };

  const tryStep = (side: Side, action: string, at: Date, params: ActionParams, member?: Member, text?: string): boolean => {
    const decision = decide(d.snapshot, ROLES[side], action, at, closed, params);
    if (!decision.allowed) return false;
    apply(decision, at, actorOf(side, member), { member, text, meeting: params.meeting });
    if (action === 'fixTimetable' && params.timetable) d.timetable = { at, steps: [...params.timetable] };
    // An automatic transition that becomes due on this act.
    const soon = new Date(at.getTime() + 40_000);
    for (const auto of automaticActions(d.snapshot, soon, closed)) {
      const next = decide(d.snapshot, ['SYSTEM'], auto, soon, closed);
      if (next.allowed) apply(next, soon, null);
    }
    return true;
  };

  // TimetableService.complete: the secretariat records a step of the timetable as done; its row
  // is met (if still open: a late step was recorded MISSED by the sweep and stays so).
  const completeStep = (rule: DeadlineRuleCode, at: Date): boolean => {
    const i = d.snapshot.deadlines.findIndex((row) => row.rule === rule && row.status === 'OPEN');
    if (i < 0) return false;
    const row = d.snapshot.deadlines[i];
    d.snapshot = { ...d.snapshot, deadlines: d.snapshot.deadlines.map((r, j) => (j === i ? { ...r, status: 'MET' } : r)) };
    d.rows[i].closedAt = at;
    event({
      at,
      kind: 'completeTimetableStep',
      actorRole: 'SECRETARIAT',
      actorId: rng.pick(world.secretariat),
      text: timetableStepText(rule, row.dueDate),
    });
    return true;
  };

  // A decision of the body is taken at its first meeting held from `from`'s day on (after the
  // dispute's last act), during the sitting; null when none is held by `asOf`.
  const sitting = (from: Date): { at: Date; meeting: BodyMeeting } | null => {
    for (let m = meetingFrom(world.meetings, from); m; m = meetingFrom(world.meetings, startOfDay(addDays(m.heldOn, 1)))) {
      if (!m.present) return null;
      const held = startOfDay(m.heldOn).getTime();
      const at = new Date(Math.max(held + 10 * HOUR + rng.int(0, 5 * 3600) * 1000, now.getTime() + rng.int(60, 3600) * 1000));
      if (toIsoDate(at) === m.heldOn && at.getTime() <= world.asOf.getTime()) return { at, meeting: meetingFacts(m) };
    }
    return null;
  };

  // Third parties ask to join in their window, between the other acts, and the respondent accepts
  // within hours (DSU 4.11): from then on they take part.
  const joins = [...d.joins];
  const joinUntil = (until: Date) => {
    while (joins.length && joins[0].at.getTime() <= until.getTime() && joins[0].at.getTime() <= world.asOf.getTime()) {
      const join = joins.shift() as { at: Date; member: Member };
      sweepUntil(join.at);
      if (!tryStep('MEMBER', 'joinAsThirdParty', join.at, {}, join.member, joinText(join.member))) {
        d.refused += 1;
        continue;
      }
      const accepted = new Date(join.at.getTime() + rng.int(1, 6 * 3600) * 1000);
      if (tryStep('R', 'acceptJoinRequest', accepted, {}, undefined, acceptText(d, join.member)))
        d.parties.push({ memberId: join.member.id, kind: 'THIRD_PARTY', joinedAt: join.at });
      else d.refused += 1;
    }
  };

  let now = d.filedAt;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (d.stopAt === d.snapshot.stage) {
      joinUntil(world.asOf);
      break;
    }
    const step = nextStep(d, rng, now, closed);
    joinUntil(step ? step.at : world.asOf);
    if (!step || step.at.getTime() > world.asOf.getTime()) break;
    d.done.add(`${d.periods.length}:${step.key ?? step.action}`);
    if (step.completes) {
      sweepUntil(step.at);
      if (completeStep(step.completes, step.at)) now = step.at;
      continue;
    }
    // When (and, for a decision of the body, at which meeting) the step is taken.
    const when = (from: Date): { at: Date; meeting?: BodyMeeting } | null =>
      AT_MEETING.has(step.action) ? sitting(from) : from.getTime() <= world.asOf.getTime() ? { at: from } : null;
    const attempt = (taken: { at: Date; meeting?: BodyMeeting }) => {
      sweepUntil(taken.at);
      const params: ActionParams = { ...(step.params?.(taken.at) ?? {}), ...(taken.meeting ? { meeting: taken.meeting } : {}) };
      return { at: taken.at, params, decision: decide(d.snapshot, ROLES[step.side], step.action, taken.at, closed, params) };
    };
    let taken = when(step.at);
    if (!taken) break;
    let tried = attempt(taken);
    if (!tried.decision.allowed && tried.decision.code === 'NOT_YET_ALLOWED' && tried.decision.allowedFrom) {
      // Too early: act on the first day it is allowed, at a working hour (or the body's meeting).
      taken = when(new Date(startOfDay(tried.decision.allowedFrom).getTime() + 8 * HOUR + rng.int(0, 8 * 3600) * 1000));
      if (!taken) break;
      tried = attempt(taken);
    }
    if (!tried.decision.allowed) {
      d.refused += 1;
      if (process.env.BENCH_DEBUG) note(`    refused: ${d.snapshot.stage} ${step.action}: ${tried.decision.message}`);
      continue;
    }
    if (!tryStep(step.side, step.action, tried.at, tried.params)) d.refused += 1;
    now = tried.at;
  }
  sweepUntil(world.asOf);
}
