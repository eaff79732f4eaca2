// The case simulation as a table: one entry per stage, what the parties, the secretariat, the panel
// and the body do there (the engine's actions, first to last), after how many days, and on which
// branch of the dispute's fate (fate.ts, whose odds are grouped by stage). The next stage is the
// engine's: `decide` / `applyDecision` move the dispute as its transitions say, and each act the
// engine approves writes one docket entry of the action's kind with the engine's text
// (simulate.ts), as the worker's automatic transitions and expiries write theirs.
//
// `nextStep` walks the entry of the dispute's stage: the first move whose branch it is and that is
// not yet done in this visit of the stage is its next step; none means the dispute waits (for the
// worker, or for good).
import { proposeTimetable } from '@app/hearings';
import {
  addDays,
  nextWorkingDay,
  startOfDay,
  toIsoDate,
  type ActionParams,
  type ClosedDays,
  type DeadlineRuleCode,
  type Stage,
} from '@app/procedure';
import type { Rng } from './random';
import { later } from './clock';
import type { Dispute } from './disputes';
import type { Fate } from './fate';
import type { Side, Step } from './step';
import { timetableStep } from './timetable';

/** What a move may look at: the dispute, its fate, and its last act. */
export interface Situation {
  d: Dispute;
  fate: Fate;
  rng: Rng;
  /** The dispute's last act. */
  now: Date;
  closed: ClosedDays;
}

type Days = readonly [min: number, max: number];

export interface Move {
  action: string;
  /** Who takes it; `[a, b, p]`: `a` with probability `p`, else `b`. */
  by: Side | readonly [Side, Side, number];
  /** Taken only when this holds (of the dispute's fate, mostly). */
  if?: (x: Situation) => boolean;
  /** Taken only with this probability, drawn anew each time the stage is looked at (after `if`). */
  chance?: number;
  /**
   * How long after what it is taken: so many days after the last act, the filing, the entry into
   * the stage, or the end of the reasonable period of time (the last act if that is later).
   */
  from: 'last act' | 'filing' | 'stage' | 'rpt';
  days: Days | ((x: Situation) => Days);
  /** Done under this key in the stage's visit (default: the action). */
  key?: string;
  params?: (x: Situation, at: Date) => ActionParams;
  /** Choosing the move sets this mark on the dispute, for the rest of its life. */
  marks?: 'aftermath';
}

export interface StageEntry {
  /** What happens in the stage. */
  does: string;
  moves: readonly Move[];
  /** When no move is due: the panel's next step on its timetable (timetable.ts). */
  timetable?: true;
}

/** A settled or withdrawn dispute ends at the stage its fate chose (a solution is notified to the body: DSU 3.6). */
const exitsHere = (x: Situation) => (x.fate.route === 'settle' || x.fate.route === 'withdraw') && x.d.snapshot.stage === x.fate.exitStage;

/** Whether the complainant goes on to ask for a panel (DSU 4.7, 6.1): its fate, or an exit after the request. */
const panelBound = ({ fate: f }: Situation) =>
  f.route === 'panel' ||
  ((f.route === 'settle' || f.route === 'withdraw') && !['CONSULTATIONS_REQUESTED', 'IN_CONSULTATIONS'].includes(f.exitStage));

/** The panel has been suspended once already (DSU 12.12): it is not suspended again. */
const suspendedBefore = ({ d }: Situation) => d.periods.some((p) => p.stage === 'SUSPENDED');

/** What follows the reasonable period of time: the fate's course, or compliance once a review or compensation was asked. */
const aftermath = ({ d, fate }: Situation): Fate['after'] => (d.done.has('aftermath') ? 'comply' : fate.after);

// The default timetable of Appendix 3 ¶12 from the day the panel adopts it (TimetableService).
const defaultTimetable = ({ closed }: Situation, at: Date): ActionParams => ({
  timetable: proposeTimetable(toIsoDate(at), (day) => nextWorkingDay(day, closed)).map((step) => ({
    rule: `TIMETABLE_${step.kind}` as DeadlineRuleCode,
    date: step.dueDate,
  })),
});

// The reasonable period of time for implementation (DSU 21.3): 6 to 18 months from the day fixed.
const reasonablePeriod = ({ rng }: Situation, at: Date): ActionParams => ({ rptEndsOn: addDays(toIsoDate(at), rng.int(180, 540)) });

/** Before any stage's moves: the settlement or withdrawal the fate has at this stage. */
const EXIT: readonly Move[] = [
  {
    action: 'notifyMutuallyAgreedSolution',
    key: 'exit',
    if: (x) => exitsHere(x) && x.fate.route === 'settle',
    by: ['C', 'R', 0.5],
    from: 'last act',
    days: [20, 400],
  },
  { action: 'withdraw', key: 'exit', if: (x) => exitsHere(x) && x.fate.route === 'withdraw', by: 'C', from: 'last act', days: [20, 500] },
];

export const STAGES: Partial<Record<Stage, StageEntry>> = {
  CONSULTATIONS_REQUESTED: {
    does: 'The respondent replies within 10 days and enters consultations within 30 (DSU 4.3); else the complainant may ask for a panel.',
    moves: [
      { action: 'offerGoodOffices', if: (x) => x.fate.goodOffices, by: 'SEC', from: 'last act', days: [3, 20] },
      {
        action: 'replyToRequest',
        if: (x) => x.fate.reply !== 'none',
        by: 'R',
        from: 'filing',
        days: (x) => (x.fate.reply === 'ontime' ? [1, 9] : [12, 25]),
      },
      // Mostly within the 30 days of DSU 4.3, sometimes late.
      {
        action: 'enterConsultations',
        if: (x) => x.fate.enter,
        by: 'R',
        from: 'filing',
        days: (x) => (x.rng.chance(0.9) ? [10, 29] : [31, 60]),
      },
      { action: 'requestPanel', if: panelBound, by: 'C', from: 'filing', days: [45, 200] },
    ],
  },
  IN_CONSULTATIONS: {
    does: 'Consultations, with good offices now and then (DSU 5); after 60 days the complainant may ask for a panel (DSU 4.7).',
    moves: [
      {
        action: 'offerGoodOffices',
        if: (x) => x.fate.goodOffices && !x.d.snapshot.goodOffices,
        by: 'SEC',
        from: 'last act',
        days: [3, 20],
      },
      { action: 'endGoodOffices', if: (x) => Boolean(x.d.snapshot.goodOffices), by: 'C', from: 'last act', days: [20, 90] },
      { action: 'requestPanel', if: panelBound, by: 'C', from: 'filing', days: [60, 240] },
    ],
  },
  PANEL_REQUESTED: {
    // The request is on the agenda of the meetings from 11 days on, or of the next one when the
    // complainant asked for a meeting (DSU 6.1 footnote 5); at the first meeting the respondent may
    // keep the panel from being established, not at the second.
    does: 'The body establishes the panel at one of its meetings (DSU 6.1).',
    moves: [
      { action: 'requestBodyMeeting', if: (x) => x.fate.bodyMeetings > 0, by: 'C', from: 'last act', days: [1, 5] },
      { action: 'recordBodyMeeting', if: (x) => x.fate.bodyMeetings === 2, by: 'BODY', from: 'last act', days: [2, 12] },
      { action: 'establishPanel', by: 'BODY', from: 'last act', days: (x) => (x.fate.bodyMeetings > 0 ? [2, 12] : [11, 40]) },
    ],
  },
  PANEL_ESTABLISHED: {
    does: 'The parties may agree on five panelists (DSU 8.5) and special terms of reference (DSU 7.1); the panel is composed, by the Director-General if asked after 20 days (DSU 8.7).',
    moves: [
      { action: 'agreeFivePanelists', if: (x) => x.fate.fivePanelists, by: 'SEC', from: 'stage', days: [2, 9] },
      { action: 'agreeTermsOfReference', if: (x) => x.fate.termsOfReference, by: 'SEC', from: 'stage', days: [3, 18] },
      { action: 'requestDgAppointment', if: (x) => x.fate.dgAppointment, by: ['C', 'R', 0.5], from: 'stage', days: [21, 35] },
      { action: 'composePanel', by: 'SEC', from: 'last act', days: (x) => (x.fate.dgAppointment ? [3, 10] : [15, 60]) },
    ],
  },
  PANEL_COMPOSED: {
    does: 'The panel fixes its timetable (DSU 12.3, Appendix 3 ¶12).',
    moves: [{ action: 'fixTimetable', by: 'PANEL', from: 'last act', days: [7, 30], params: defaultTimetable }],
  },
  PANEL_PROCEEDINGS: {
    // The panel keeps its timetable (Appendix 3 ¶12): the submissions, the two meetings with the
    // parties, the descriptive part, the comments on it, the interim report.
    does: 'The panel works to its timetable, unless the complainant asks it to suspend its work (DSU 12.12).',
    moves: [
      {
        action: 'requestSuspension',
        if: (x) => x.fate.suspension !== 'none' && !suspendedBefore(x),
        by: 'C',
        from: 'last act',
        days: [20, 90],
      },
      { action: 'suspend', if: (x) => x.fate.suspension !== 'none' && !suspendedBefore(x), by: 'PANEL', from: 'last act', days: [2, 10] },
    ],
    timetable: true,
  },
  SUSPENDED: {
    // A lapse is the worker's, after 12 months.
    does: 'The panel resumes at the complainant’s request, or its authority lapses after 12 months (DSU 12.12).',
    moves: [{ action: 'resume', if: (x) => x.fate.suspension === 'resume', by: 'C', from: 'last act', days: [30, 300] }],
  },
  INTERIM_REVIEW: {
    does: 'The review requests, the final report and its circulation, on the timetable’s dates (DSU 15).',
    moves: [],
    timetable: true,
  },
  REPORT_CIRCULATED: {
    // At a meeting of the body (weekly) before the 60 days run out.
    does: 'A party appeals, or the body adopts the report within 60 days (DSU 16.4).',
    moves: [
      { action: 'appeal', if: (x) => x.fate.appeal, by: ['R', 'C', 0.6], from: 'last act', days: [5, 50] },
      { action: 'decideNotToAdopt', if: (x) => Boolean(x.fate.notAdopted), by: 'BODY', from: 'stage', days: [20, 52] },
      { action: 'adoptReport', by: 'BODY', from: 'stage', days: [20, 52] },
    ],
  },
  UNDER_APPEAL: {
    does: 'The appellate report, then its adoption by the body (DSU 17.5, 17.14).',
    moves: [
      {
        action: 'suspendAppeal',
        if: (x) => Boolean(x.fate.appealSuspended),
        by: 'SEC',
        from: 'last act',
        days: [10, 40],
        params: () => ({ reasons: 'The parties jointly asked to suspend the appeal while they negotiate a solution.' }),
      },
      { action: 'circulateAppellateReport', by: 'SEC', from: 'last act', days: [60, 150] },
      { action: 'adoptAppellateReport', by: 'BODY', from: 'last act', days: [7, 23] },
    ],
  },
  ADOPTED: {
    does: 'The respondent states its intentions within 30 days (DSU 21.3).',
    moves: [{ action: 'stateImplementationIntentions', by: 'R', from: 'last act', days: [10, 29] }],
  },
  RPT_DETERMINATION: {
    does: 'The reasonable period of time: agreed, or by arbitration within 90 days (DSU 21.3(b), (c)).',
    moves: [
      { action: 'arbitrateRpt', if: (x) => x.fate.rptArbitration, by: ['C', 'R', 0.5], from: 'last act', days: [5, 30] },
      { action: 'fixRpt', if: (x) => x.fate.rptArbitration, by: 'SEC', from: 'last act', days: [60, 90], params: reasonablePeriod },
      { action: 'agreeRpt', by: 'SEC', from: 'last act', days: [5, 12], params: reasonablePeriod },
    ],
  },
  IMPLEMENTATION_SURVEILLANCE: {
    does: 'Status reports (DSU 21.6); at the end of the reasonable period, compliance, a compliance review (21.5), compensation or retaliation (22).',
    moves: [
      ...[1, 2, 3].map((n): Move => ({
        action: 'fileStatusReport',
        key: `fileStatusReport${n}`,
        if: (x) => n <= x.fate.statusReports,
        by: 'R',
        from: 'last act',
        days: [25, 45],
      })),
      { action: 'declareCompliance', if: (x) => aftermath(x) === 'comply', by: 'BODY', from: 'rpt', days: [0, 60] },
      {
        action: 'requestComplianceReview',
        if: (x) => aftermath(x) === 'complianceReview',
        by: 'C',
        from: 'rpt',
        days: [5, 60],
        marks: 'aftermath',
      },
      {
        action: 'requestCompensation',
        if: (x) => aftermath(x) === 'compensation',
        by: 'C',
        from: 'rpt',
        days: [1, 15],
        marks: 'aftermath',
      },
      { action: 'requestRetaliation', if: (x) => aftermath(x) === 'retaliation', by: 'C', from: 'rpt', days: [21, 40] },
    ],
  },
  COMPLIANCE_REVIEW: {
    // The body refers the matter to the original panel, whose 90 days run from then.
    does: 'A compliance panel reports within 90 days (DSU 21.5).',
    moves: [
      { action: 'referComplianceReview', by: 'BODY', from: 'last act', days: [10, 30] },
      { action: 'issueComplianceReport', by: 'PANEL', from: 'last act', days: [60, 100] },
      { action: 'circulateComplianceReport', by: 'SEC', from: 'last act', days: [3, 15] },
    ],
  },
  COMPLIANCE_REPORT_CIRCULATED: {
    does: 'The compliance report is appealed or adopted (DSU 21.5, 16.4).',
    moves: [
      { action: 'appealComplianceReport', if: (x) => x.fate.appeal, by: 'R', from: 'last act', days: [5, 30] },
      { action: 'adoptComplianceReport', by: 'BODY', from: 'stage', days: [20, 50] },
    ],
  },
  COMPLIANCE_UNDER_APPEAL: {
    does: 'The appellate report on compliance, then its adoption (DSU 17.14).',
    moves: [
      { action: 'circulateAppellateReport', by: 'SEC', from: 'last act', days: [60, 90] },
      { action: 'adoptComplianceAppellateReport', by: 'BODY', from: 'last act', days: [7, 23] },
    ],
  },
  COMPENSATION_NEGOTIATION: {
    does: 'Compensation is agreed within 20 days, or the complainant asks to retaliate (DSU 22.2).',
    moves: [
      { action: 'agreeCompensation', chance: 0.5, by: 'SEC', from: 'last act', days: [5, 19] },
      { action: 'requestRetaliation', by: 'C', from: 'last act', days: [21, 40] },
    ],
  },
  RETALIATION_REQUESTED: {
    does: 'The respondent objects to the level (arbitration, DSU 22.6), or the body authorizes the suspension within 30 days.',
    moves: [
      { action: 'objectToRetaliationLevel', if: (x) => x.fate.appeal, by: 'R', from: 'last act', days: [1, 10] },
      { action: 'authorizeSuspension', by: 'BODY', from: 'last act', days: [10, 28] },
    ],
  },
  ARB_22_6: {
    does: 'The arbitrator decides the level within 60 days; the body authorizes the suspension (DSU 22.6, 22.7).',
    moves: [
      { action: 'decideRetaliationLevel', by: 'SEC', from: 'last act', days: [60, 120] },
      { action: 'authorizeSuspension', by: 'BODY', from: 'last act', days: [10, 30] },
    ],
  },
  SUSPENSION_AUTHORIZED: {
    does: 'Retaliation lasts until the measure is brought into conformity (DSU 22.8).',
    moves: [{ action: 'declareCompliance', if: (x) => x.fate.after !== 'stall', by: 'BODY', from: 'last act', days: [180, 900] }],
  },
};

/** What the parties, the secretariat, the panel and the body do next, given where the dispute stands. */
export function nextStep(d: Dispute, rng: Rng, now: Date, closed: ClosedDays): Step | null {
  const x: Situation = { d, fate: d.fate, rng, now, closed };
  const visit = d.periods.length;
  const entry = STAGES[d.snapshot.stage];
  for (const move of [...EXIT, ...(entry?.moves ?? [])]) {
    if (move.if && !move.if(x)) continue;
    if (move.chance !== undefined && !rng.chance(move.chance)) continue;
    const key = move.key ?? move.action;
    if (d.done.has(`${visit}:${key}`)) continue;
    if (move.marks) d.done.add(move.marks);
    const side = typeof move.by === 'string' ? move.by : rng.chance(move.by[2]) ? move.by[0] : move.by[1];
    const [min, max] = typeof move.days === 'function' ? move.days(x) : move.days;
    const at = later(rng, anchor(x, move.from), min, max);
    const params = move.params;
    return { side, action: move.action, at, key, ...(params ? { params: (on: Date) => params(x, on) } : {}) };
  }
  return entry?.timetable ? timetableStep(d, rng, now) : null;
}

function anchor(x: Situation, from: Move['from']): Date {
  switch (from) {
    case 'last act':
      return x.now;
    case 'filing':
      return x.d.filedAt;
    case 'stage':
      return x.d.periods[x.d.periods.length - 1].enteredAt;
    case 'rpt': {
      const end = x.d.snapshot.rptEndsOn ? startOfDay(x.d.snapshot.rptEndsOn) : x.now;
      return end.getTime() > x.now.getTime() ? end : x.now;
    }
  }
}
