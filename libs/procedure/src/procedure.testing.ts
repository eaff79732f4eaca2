// Test helpers for the procedure specs: a dispute driven through the engine day by day. Not part
// of the public surface (index.ts does not export it).
import type { ActorRole } from './actors';
import { addDays, dayOf, NO_CLOSED_DAYS, type ClosedDays, type IsoDate } from './dates';
import type { DeadlineRuleCode } from './deadline-rules';
import { applyDecision, decide, openDispute, type Approval, type Decision } from './engine';
import type { ActionParams, BodyMeeting, DeadlineRow, DisputeSnapshot } from './snapshot';
import type { Stage } from './stages';
import type { ActionName } from './transitions';

/** Filing day of the test disputes: Monday 3 March 2025, 09:30 UTC. */
export const FILED_AT = new Date('2025-03-03T09:30:00Z');

/** The date `n` days after filing. */
export function dateOn(n: number): IsoDate {
  return addDays(dayOf(FILED_AT), n);
}

/** An instant on day `n` after filing, at noon UTC unless another time is given. */
export function on(n: number, time = '12:00:00'): Date {
  return new Date(`${dateOn(n)}T${time}Z`);
}

/** A regular meeting of the body held on `day`: convened 10 days ahead, 20 of 30 members present. */
export function meetingOn(day: IsoDate, overrides: Partial<BodyMeeting> = {}): BodyMeeting {
  return {
    heldOn: day,
    convenedOn: addDays(day, -10),
    present: 20,
    members: 30,
    noticeDays: 10,
    quorumPercent: 50,
    ...overrides,
  };
}

/** The timetable of Appendix 3 ¶12 from day `start` after filing, as `fixTimetable` takes it. */
export function timetableFrom(start: number): ActionParams {
  const offsets: [DeadlineRuleCode, number][] = [
    ['TIMETABLE_FIRST_SUBMISSION_COMPLAINANT', 21],
    ['TIMETABLE_FIRST_SUBMISSION_RESPONDENT', 35],
    ['TIMETABLE_FIRST_SUBSTANTIVE_MEETING', 42],
    ['TIMETABLE_THIRD_PARTY_SESSION', 42],
    ['TIMETABLE_REBUTTALS', 56],
    ['TIMETABLE_SECOND_SUBSTANTIVE_MEETING', 63],
    ['TIMETABLE_DESCRIPTIVE_PART', 77],
    ['TIMETABLE_COMMENTS_ON_DESCRIPTIVE_PART', 91],
    ['TIMETABLE_INTERIM_REPORT', 105],
    ['TIMETABLE_REVIEW_REQUESTS', 112],
    ['TIMETABLE_INTERIM_REVIEW', 126],
    ['TIMETABLE_FINAL_REPORT_TO_PARTIES', 140],
    ['TIMETABLE_CIRCULATION', 161],
  ];
  return { timetable: offsets.map(([rule, offset]) => ({ rule, date: dateOn(start + offset) })) };
}

/** One step of a scenario: who does what, on which day after filing. */
export type Step = readonly [roles: readonly ActorRole[], action: ActionName, day: number, params?: ActionParams];

/** A dispute and the day it has reached. */
export class Case {
  constructor(
    readonly snapshot: DisputeSnapshot,
    readonly day: number,
    readonly closed: ClosedDays = NO_CLOSED_DAYS,
  ) {}

  static filed(options: { urgent?: boolean; closed?: ClosedDays } = {}): Case {
    const closed = options.closed ?? NO_CLOSED_DAYS;
    const urgent = options.urgent ?? false;
    return new Case(openDispute({ filedAt: FILED_AT, urgent }, closed), 0, closed);
  }

  /** The engine's answer, without applying it (on `day`, by default the case's day). */
  try(roles: readonly ActorRole[], action: ActionName | string, day: number | Date = this.day, params: ActionParams = {}): Decision {
    const now = typeof day === 'number' ? on(day) : day;
    // A decision of the body is taken at a meeting: by default a regular one, convened with
    // notice and attended by a quorum, held that day.
    const meeting = roles.includes('BODY') && !params.meeting ? { meeting: meetingOn(dayOf(now)) } : {};
    return decide(this.snapshot, roles, action, now, this.closed, { ...meeting, ...params });
  }

  /** Takes an action that must be allowed; throws with the refusal otherwise. */
  take(roles: readonly ActorRole[], action: ActionName, day: number, params: ActionParams = {}): Case {
    return this.apply(this.approve(roles, action, day, params), day);
  }

  /** The approval of an action that must be allowed. */
  approve(roles: readonly ActorRole[], action: ActionName, day: number | Date, params: ActionParams = {}): Approval {
    const decision = this.try(roles, action, day, params);
    if (!decision.allowed) {
      throw new Error(`${action} on day ${day} refused: ${decision.code}: ${decision.message}`);
    }
    return decision;
  }

  apply(approval: Approval, day: number): Case {
    return new Case(applyDecision(this.snapshot, approval), day, this.closed);
  }

  run(steps: readonly Step[]): Case {
    return steps.reduce<Case>((current, [roles, action, day, params]) => current.take(roles, action, day, params), this);
  }

  /** The open row of a rule; throws when there is none. */
  open(rule: DeadlineRuleCode): DeadlineRow {
    const row = this.snapshot.deadlines.find((r) => r.rule === rule && r.status === 'OPEN');
    if (!row) throw new Error(`No open ${rule} row`);
    return row;
  }

  /** The statuses of a rule's rows, oldest first. */
  statuses(rule: DeadlineRuleCode): string[] {
    return this.snapshot.deadlines.filter((r) => r.rule === rule).map((r) => r.status);
  }
}

const C = ['COMPLAINANT'] as const;
const R = ['RESPONDENT'] as const;
const SEC = ['SECRETARIAT'] as const;
const BODY = ['BODY'] as const;
const PANEL = ['PANEL'] as const;

/** The reasonable period agreed in the standard path ends on day 600. */
export const RPT_END_DAY = 600;

// One ordinary path through the procedure, and the branches off it, so that every stage can be
// reached by the engine itself rather than by hand-built snapshots. The timetable starts on day
// 95: first meeting day 137, second day 158, interim report day 200, review period to day 207.
const TO_PROCEEDINGS: readonly Step[] = [
  [R, 'replyToRequest', 2],
  [R, 'enterConsultations', 5],
  [C, 'requestPanel', 61],
  [BODY, 'establishPanel', 75],
  [SEC, 'openPanelElection', 86],
  [SEC, 'composePanel', 92],
  [PANEL, 'fixTimetable', 95, timetableFrom(95)],
];
const TO_CIRCULATION: readonly Step[] = [
  ...TO_PROCEEDINGS,
  [PANEL, 'holdFirstMeeting', 137],
  [PANEL, 'holdSecondMeeting', 158],
  [PANEL, 'issueDescriptivePart', 172],
  [PANEL, 'issueInterimReport', 200],
  [PANEL, 'issueFinalReport', 235],
  [SEC, 'circulateReport', 256],
];
const TO_ADOPTION: readonly Step[] = [...TO_CIRCULATION, [BODY, 'adoptReport', 286]];
const TO_APPEAL: readonly Step[] = [...TO_CIRCULATION, [R, 'appeal', 280]];
const TO_SURVEILLANCE: readonly Step[] = [
  ...TO_ADOPTION,
  [R, 'stateImplementationIntentions', 310],
  [SEC, 'agreeRpt', 320, { rptEndsOn: dateOn(RPT_END_DAY) }],
];
const TO_RETALIATION: readonly Step[] = [...TO_SURVEILLANCE, [C, 'requestRetaliation', 630]];
const TO_ARBITRATION: readonly Step[] = [...TO_RETALIATION, [R, 'objectToRetaliationLevel', 640]];
const TO_COMPLIANCE: readonly Step[] = [...TO_SURVEILLANCE, [C, 'requestComplianceReview', 610]];
const TO_COMPLIANCE_REPORT: readonly Step[] = [
  ...TO_COMPLIANCE,
  [BODY, 'referComplianceReview', 630],
  [PANEL, 'issueComplianceReport', 700],
  [SEC, 'circulateComplianceReport', 710],
];

/** Steps that bring a new dispute to each stage. */
export const PATHS: Readonly<Record<Stage, readonly Step[]>> = {
  CONSULTATIONS_REQUESTED: [],
  IN_CONSULTATIONS: TO_PROCEEDINGS.slice(0, 2),
  PANEL_REQUESTED: TO_PROCEEDINGS.slice(0, 3),
  PANEL_ESTABLISHED: TO_PROCEEDINGS.slice(0, 4),
  PANEL_COMPOSED: TO_PROCEEDINGS.slice(0, 6),
  PANEL_PROCEEDINGS: TO_PROCEEDINGS,
  SUSPENDED: [...TO_PROCEEDINGS, [C, 'requestSuspension', 100], [PANEL, 'suspend', 101]],
  INTERIM_REVIEW: TO_CIRCULATION.slice(0, -2),
  REPORT_CIRCULATED: TO_CIRCULATION,
  UNDER_APPEAL: TO_APPEAL,
  APPEAL_SUSPENDED: [...TO_APPEAL, [SEC, 'suspendAppeal', 290, { reasons: 'The parties asked for time to negotiate.' }]],
  ADOPTED: TO_ADOPTION,
  RPT_DETERMINATION: TO_SURVEILLANCE.slice(0, -1),
  IMPLEMENTATION_SURVEILLANCE: TO_SURVEILLANCE,
  COMPLIANCE_REVIEW: TO_COMPLIANCE,
  COMPLIANCE_REPORT_CIRCULATED: TO_COMPLIANCE_REPORT,
  COMPLIANCE_UNDER_APPEAL: [...TO_COMPLIANCE_REPORT, [R, 'appealComplianceReport', 720]],
  COMPENSATION_NEGOTIATION: [...TO_SURVEILLANCE, [C, 'requestCompensation', 601]],
  RETALIATION_REQUESTED: TO_RETALIATION,
  ARB_22_6: TO_ARBITRATION,
  SUSPENSION_AUTHORIZED: [...TO_ARBITRATION, [SEC, 'decideRetaliationLevel', 690], [BODY, 'authorizeSuspension', 700]],
  SETTLED_MAS: [[C, 'notifyMutuallyAgreedSolution', 10]],
  WITHDRAWN: [[C, 'withdraw', 10]],
  LAPSED: [...TO_PROCEEDINGS, [C, 'requestSuspension', 100], [PANEL, 'suspend', 101], [['SYSTEM'], 'lapse', 500]],
  NOT_ADOPTED: [...TO_CIRCULATION, [BODY, 'decideNotToAdopt', 286]],
  COMPLIED: [...TO_SURVEILLANCE, [BODY, 'declareCompliance', 500]],
};

const reached = new Map<Stage, Case>();

/** A dispute brought to `stage` by the engine along {@link PATHS} (memoised). */
export function reach(stage: Stage): Case {
  let found = reached.get(stage);
  if (!found) {
    found = Case.filed().run(PATHS[stage]);
    if (found.snapshot.stage !== stage) {
      throw new Error(`PATHS[${stage}] ends at ${found.snapshot.stage}`);
    }
    reached.set(stage, found);
  }
  return found;
}
