// The benchmark data set: a large registry, loaded with bulk SQL into a migrated database.
//
//   DATABASE_URL=postgres://… npm run bench:dataset      (or: node -r ts-node/register/transpile-only
//   -r tsconfig-paths/register bench/dataset.ts [--force])
//
// 10 000 disputes, 100 000 docket entries (some 110 000 since the panels' procedure is followed
// more closely: see MIN_THIRD_PARTIES_PER_DISPUTE), 20 000 documents (metadata, with a tiny content
// row each), 50 members, 300 roster persons, 200 closed panel elections with their candidates,
// electorate, ballots, count and seated panel, the body's weekly meetings (convened a month ahead,
// a quorum present: its decisions are taken there) and the panels' timetables. Every dispute is
// driven through the real procedure engine (`decide` / `applyDecision` of @app/registry) from its
// filing to today, with the worker's deadline sweep replayed at the instants limits run out: its
// stage, state, deadline rows, stage history and docket are what the services would have written
// (third parties ask to join and the respondent accepts; the panels keep their timetables, the
// secretariat recording the parties' steps). Then everything is inserted in batches
// (`INSERT … SELECT … FROM json_to_recordset($1)`), inside one transaction, with every constraint,
// trigger-free foreign key and index live, and the database is VACUUM ANALYZEd.
//
// Rerunnable: truncate-and-reload. Every table of the public schema except `migrations` is
// truncated (RESTART IDENTITY, so DS numbers start at 1 again) and the set loaded afresh, in the
// same transaction. To protect a real database, it refuses to truncate one that holds members or
// users unless it is a bench data set (the user registrar@bench.dsb exists) or --force is given.
// The same seed gives the same registry (ids included); dates are relative to `asOf` (today).
//
// Not generated: the audit trail (its hash chain is written by commands, and no benchmarked read
// touches it), disclosures, challenges and nationality consents, hearings, the rulings' reports,
// appeals and adoption meetings (the panel report is a document).
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '@app/core';
import {
  DEADLINE_RULES,
  TRANSITIONS,
  addDays,
  applyDecision,
  decide,
  dueAutomaticActions,
  fromStages,
  isPaused,
  nextWorkingDay,
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
  type Stage,
} from '@app/registry';
import { TIMETABLE_STEP_KINDS, proposeTimetable } from '@app/hearings';
import { count, type CountingRules } from '@app/stv';
import { candidateLabels, newReceipt } from '@app/panels';
import { bulkInsert } from './lib/bulk';
import {
  EXPERTISE,
  FIRST_NAMES,
  LANGUAGES,
  LAST_NAMES,
  MEASURE_KINDS,
  MEMBERS,
  OTHER_NATIONALITIES,
  PRODUCTS,
  PROVISIONS,
} from './lib/names';
import { Progress, note } from './lib/progress';
import { Rng } from './lib/random';

export interface DatasetOptions {
  disputes?: number;
  /**
   * The docket's size; reached exactly unless the simulated procedure with the fewest third
   * parties (MIN_THIRD_PARTIES_PER_DISPUTE) exceeds it.
   */
  docketEntries?: number;
  documents?: number;
  members?: number;
  rosterPersons?: number;
  elections?: number;
  /** "Today" of the data set; filings spread over `years` years before it. Default: today 00:00 UTC. */
  asOf?: Date;
  years?: number;
  seed?: number;
  /** Truncate even a database that is not a bench data set. */
  force?: boolean;
}

export interface DatasetSummary {
  seconds: { simulate: number; insert: number; analyze: number; total: number };
  /** Row counts read back from the database. */
  counts: Record<string, number>;
  stages: Record<string, number>;
  asOf: string;
  /** Steps of the simulated procedures that the engine refused (and were skipped). */
  refusedSteps: number;
  /** A secretariat account of the data set (for signing benchmark tokens). */
  secretariatUserId: string;
  /** The dispute with the longest docket (for the dispute page). */
  largestDisputeId: string;
}

export const BENCH_MARKER_EMAIL = 'registrar@bench.dsb';
export const BENCH_PASSWORD = 'bench-password-2026';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/**
 * Third parties in consultations, at the least, per dispute: about the share the data set had when
 * they only filled the docket up to its size.
 */
const MIN_THIRD_PARTIES_PER_DISPUTE = 0.3;

// ---------------------------------------------------------------------------------------------
// Reference data

interface Member {
  id: string;
  code: string;
  name: string;
  joinedOn: string;
  delegates: string[];
}

interface User {
  id: string;
  email: string;
  displayName: string;
  role: 'SECRETARIAT' | 'MEMBER_DELEGATE' | 'PANELIST';
  memberId: string | null;
}

interface Person {
  id: string;
  name: string;
  nationality: string;
  expertise: string[];
  languages: string[];
  available: boolean;
  status: 'NOMINATED' | 'APPROVED' | 'REJECTED' | 'REMOVED';
  nominatedBy: string;
  userId: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  popularity: number;
}

/** A meeting of the body: the body decides only at one (DSU 6.1, 16.4; its notice and quorum). */
interface Meeting {
  id: string;
  heldOn: string;
  /** When it was convened: the notice runs from this day. */
  convenedAt: Date;
  /** The members present (codes), recorded on the day; a meeting still to come has none. */
  present: string[] | null;
  /** The members of the body on the day (those that had joined). */
  members: number;
}

// The body's rules of procedure for its meetings, as the application's defaults have them
// (BODY_MEETING_NOTICE_DAYS, BODY_QUORUM_PERCENT).
const MEETING_NOTICE_DAYS = 10;
const QUORUM_PERCENT = 50;

// ---------------------------------------------------------------------------------------------
// Simulated disputes

type Side = 'C' | 'R' | 'SEC' | 'BODY' | 'PANEL' | 'MEMBER';

const ROLES: Record<Side, readonly ActorRole[]> = {
  C: ['COMPLAINANT'],
  R: ['RESPONDENT'],
  SEC: ['SECRETARIAT', 'BODY'],
  BODY: ['SECRETARIAT', 'BODY'],
  PANEL: ['PANEL', 'PANEL_CHAIR'],
  MEMBER: ['MEMBER'],
};

interface Fate {
  reply: 'ontime' | 'late' | 'none';
  enter: boolean;
  route: 'stall' | 'settle' | 'withdraw' | 'panel';
  /** For settle / withdraw: the stage at which the dispute ends. */
  exitStage: Stage;
  goodOffices: boolean;
  bodyMeetings: 0 | 1 | 2;
  termsOfReference: boolean;
  fivePanelists: boolean;
  dgAppointment: boolean;
  suspension: 'none' | 'resume' | 'lapse';
  appeal: boolean;
  rptArbitration: boolean;
  after: 'comply' | 'complianceReview' | 'compensation' | 'retaliation' | 'stall';
  statusReports: number;
}

interface DocketEvent {
  at: Date;
  order: number;
  kind: string;
  actorRole: string;
  actorId: string | null;
  text: string;
  documentIds: string[];
  correctsId?: string | null;
  id?: string;
  seq?: number;
}

interface RowMeta {
  id: string;
  openedAt: Date;
  closedAt: Date | null;
}

interface Period {
  id: string;
  stage: Stage;
  enteredAt: Date;
  leftAt: Date | null;
}

interface Party {
  memberId: string;
  kind: 'COMPLAINANT' | 'RESPONDENT' | 'THIRD_PARTY';
  joinedAt: Date;
}

interface Dispute {
  index: number;
  id: string;
  filedAt: Date;
  urgent: boolean;
  complainant: Member;
  respondents: Member[];
  title: string;
  summary: string;
  measures: string[];
  legalBasis: string[];
  fate: Fate;
  joins: { at: Date; member: Member }[];
  // Filled by the simulation:
  snapshot: DisputeSnapshot;
  rows: RowMeta[];
  events: DocketEvent[];
  parties: Party[];
  periods: Period[];
  version: number;
  done: Set<string>;
  /** Actions the engine approved, by name. */
  applied: Set<string>;
  refused: number;
  establishedAt: Date | null;
  composedAt: Date | null;
  composeEvent: DocketEvent | null;
  endedAt: Date | null;
  /** The timetable the panel adopted (fixTimetable), and when. */
  timetable: { at: Date; steps: { rule: DeadlineRuleCode; date: string }[] } | null;
}

interface Step {
  side: Side;
  action: string;
  at: Date;
  params?: (at: Date) => ActionParams;
  /** Marks the step done under this key (default: the action, within the current stage visit). */
  key?: string;
  /**
   * A step of the panel's timetable the parties take (a submission, comments), which the
   * secretariat records as done (completeTimetableStep): its deadline row is met, outside the engine.
   */
  completes?: DeadlineRuleCode;
}

// What the panel does for each step of its timetable (Appendix 3 ¶12), in its order: the engine's
// act that meets it, and how to tell it is done; the other steps are the parties' (their
// submissions, comments and review requests), which the secretariat records as done.
const TIMETABLE_ACTS: Partial<Record<DeadlineRuleCode, { action: string; done: (s: DisputeSnapshot) => boolean }>> = {
  TIMETABLE_FIRST_SUBSTANTIVE_MEETING: { action: 'holdFirstMeeting', done: (s) => Boolean(s.events.FIRST_MEETING_HELD || s.events.FIRST_MEETING_DISPENSED) },
  TIMETABLE_SECOND_SUBSTANTIVE_MEETING: { action: 'holdSecondMeeting', done: (s) => Boolean(s.events.SECOND_MEETING_HELD || s.events.SECOND_MEETING_DISPENSED) },
  TIMETABLE_DESCRIPTIVE_PART: { action: 'issueDescriptivePart', done: (s) => Boolean(s.events.DESCRIPTIVE_PART_ISSUED) },
  TIMETABLE_INTERIM_REPORT: { action: 'issueInterimReport', done: (s) => s.stage !== 'PANEL_PROCEEDINGS' },
  TIMETABLE_INTERIM_REVIEW: { action: 'issueFinalReport', done: (s) => Boolean(s.events.FINAL_REPORT_ISSUED) },
  TIMETABLE_FINAL_REPORT_TO_PARTIES: { action: 'issueFinalReport', done: (s) => Boolean(s.events.FINAL_REPORT_ISSUED) },
  TIMETABLE_CIRCULATION: { action: 'circulateReport', done: (s) => s.stage !== 'INTERIM_REVIEW' },
};
const TIMETABLE_RULES = TIMETABLE_STEP_KINDS.map((kind) => `TIMETABLE_${kind}` as DeadlineRuleCode);

/**
 * The panel keeps its timetable: the first step still to take, on its day or a few days before
 * (late, now and then): the panel's act, or a step of the parties recorded as done. A step of the
 * parties already recorded missed is passed over; the panel's acts are all taken, late or not.
 */
function timetableStep(d: Dispute, rng: Rng, now: Date): Step | null {
  const s = d.snapshot;
  for (const rule of TIMETABLE_RULES) {
    const act = TIMETABLE_ACTS[rule];
    const row = [...s.deadlines].reverse().find((r) => r.rule === rule);
    if (act ? act.done(s) : row?.status !== 'OPEN') continue;
    if (!act && row && isPaused(row)) return null;
    const due = row ? startOfDay(row.dueDate).getTime() : now.getTime();
    const day = rng.chance(0.9) ? due - rng.int(0, 3) * DAY : due + rng.int(1, 15) * DAY;
    const at = new Date(Math.max(day + 8 * HOUR + rng.int(0, 8 * 3600) * 1000, now.getTime() + rng.int(60, 3600) * 1000));
    if (act) return { side: act.action === 'circulateReport' ? 'SEC' : 'PANEL', action: act.action, at, key: `${act.action}@${rule}` };
    return { side: 'SEC', action: 'completeTimetableStep', at, key: rule, completes: rule };
  }
  return null;
}

function pickFate(rng: Rng): Fate {
  // Most requests for consultations end in consultations (settled, withdrawn or left dormant);
  // a few go to a panel, and those account for most of the docket.
  const route = rng.weighted({ stall: 41, settle: 42, withdraw: 9, panel: 8 });
  const meetings = rng.weighted({ none: 80, one: 15, two: 5 });
  const exitStage: Stage =
    route === 'settle' || route === 'withdraw'
      ? rng.weighted<Stage>({
          CONSULTATIONS_REQUESTED: 12,
          IN_CONSULTATIONS: 80,
          PANEL_REQUESTED: 2,
          PANEL_ESTABLISHED: 2,
          PANEL_COMPOSED: 1,
          PANEL_PROCEEDINGS: 2,
          INTERIM_REVIEW: 1,
        } as Record<Stage, number>)
      : 'CONSULTATIONS_REQUESTED';
  return {
    reply: rng.weighted({ ontime: 88, late: 4, none: 8 }),
    enter: rng.chance(0.85),
    route,
    exitStage,
    goodOffices: rng.chance(0.03),
    bodyMeetings: meetings === 'none' ? 0 : meetings === 'one' ? 1 : 2,
    termsOfReference: rng.chance(0.5),
    fivePanelists: rng.chance(0.06),
    dgAppointment: rng.chance(0.15),
    suspension: rng.weighted({ none: 94, resume: 3, lapse: 3 }),
    appeal: rng.chance(0.5),
    rptArbitration: rng.chance(0.3),
    after: rng.weighted({ comply: 55, complianceReview: 15, compensation: 5, retaliation: 15, stall: 10 }),
    statusReports: rng.int(1, 3),
  };
}

/** A time on the day `days` after `from`, in the body's working hours (07:00-17:00 UTC). */
function later(rng: Rng, from: Date, minDays: number, maxDays: number): Date {
  const day = Math.floor(from.getTime() / DAY) * DAY + rng.int(minDays, maxDays) * DAY;
  const at = new Date(day + 7 * HOUR + rng.int(0, 10 * 3600 - 1) * 1000);
  return at.getTime() > from.getTime() ? at : new Date(from.getTime() + rng.int(1, 3600) * 1000);
}

/** What the parties, the secretariat, the panel and the body do next, given where the dispute stands. */
function nextStep(d: Dispute, rng: Rng, now: Date, closed: ClosedDays): Step | null {
  const s = d.snapshot;
  const f = d.fate;
  const visit = d.periods.length;
  const todo = (action: string, key = action) => !d.done.has(`${visit}:${key}`);
  const entered = d.periods[d.periods.length - 1].enteredAt;
  const exitHere = (f.route === 'settle' || f.route === 'withdraw') && s.stage === f.exitStage;
  if (exitHere && todo('exit')) {
    return f.route === 'settle'
      ? { side: rng.chance(0.5) ? 'C' : 'R', action: 'notifyMutuallyAgreedSolution', at: later(rng, now, 20, 400), key: 'exit' }
      : { side: 'C', action: 'withdraw', at: later(rng, now, 20, 500), key: 'exit' };
  }
  const panelBound = f.route === 'panel' || ((f.route === 'settle' || f.route === 'withdraw') && !['CONSULTATIONS_REQUESTED', 'IN_CONSULTATIONS'].includes(f.exitStage));
  switch (s.stage) {
    case 'CONSULTATIONS_REQUESTED':
      if (f.goodOffices && todo('offerGoodOffices')) return { side: 'SEC', action: 'offerGoodOffices', at: later(rng, now, 3, 20) };
      if (f.reply !== 'none' && todo('replyToRequest')) {
        return { side: 'R', action: 'replyToRequest', at: f.reply === 'ontime' ? later(rng, d.filedAt, 1, 9) : later(rng, d.filedAt, 12, 25) };
      }
      if (f.enter && todo('enterConsultations')) {
        // Mostly within the 30 days of DSU 4.3, sometimes late.
        return { side: 'R', action: 'enterConsultations', at: rng.chance(0.9) ? later(rng, d.filedAt, 10, 29) : later(rng, d.filedAt, 31, 60) };
      }
      if (panelBound && todo('requestPanel')) return { side: 'C', action: 'requestPanel', at: later(rng, d.filedAt, 45, 200) };
      return null;
    case 'IN_CONSULTATIONS':
      if (f.goodOffices && !s.goodOffices && todo('offerGoodOffices')) return { side: 'SEC', action: 'offerGoodOffices', at: later(rng, now, 3, 20) };
      if (s.goodOffices && todo('endGoodOffices')) return { side: 'C', action: 'endGoodOffices', at: later(rng, now, 20, 90) };
      if (panelBound && todo('requestPanel')) return { side: 'C', action: 'requestPanel', at: later(rng, d.filedAt, 60, 240) };
      return null;
    case 'PANEL_REQUESTED':
      // The body decides at its meetings (DSU 6.1): the request is on the agenda of those from 11
      // days on, or of the next one when the complainant asked for a meeting (footnote 5); at the
      // first meeting the respondent may keep the panel from being established, not at the second.
      if (f.bodyMeetings > 0 && todo('requestBodyMeeting')) return { side: 'C', action: 'requestBodyMeeting', at: later(rng, now, 1, 5) };
      if (f.bodyMeetings === 2 && todo('recordBodyMeeting')) return { side: 'BODY', action: 'recordBodyMeeting', at: later(rng, now, 2, 12) };
      if (todo('establishPanel')) return { side: 'BODY', action: 'establishPanel', at: later(rng, now, f.bodyMeetings > 0 ? 2 : 11, f.bodyMeetings > 0 ? 12 : 40) };
      return null;
    case 'PANEL_ESTABLISHED':
      if (f.fivePanelists && todo('agreeFivePanelists')) return { side: 'SEC', action: 'agreeFivePanelists', at: later(rng, entered, 2, 9) };
      if (f.termsOfReference && todo('agreeTermsOfReference')) return { side: 'SEC', action: 'agreeTermsOfReference', at: later(rng, entered, 3, 18) };
      if (f.dgAppointment && todo('requestDgAppointment')) return { side: rng.chance(0.5) ? 'C' : 'R', action: 'requestDgAppointment', at: later(rng, entered, 21, 35) };
      if (todo('composePanel')) return { side: 'SEC', action: 'composePanel', at: later(rng, now, f.dgAppointment ? 3 : 15, f.dgAppointment ? 10 : 60) };
      return null;
    case 'PANEL_COMPOSED':
      if (todo('fixTimetable')) {
        // The default timetable of Appendix 3 ¶12 from the day the panel adopts it (TimetableService).
        const timetable = (at: Date): ActionParams => ({
          timetable: proposeTimetable(toIsoDate(at), (day) => nextWorkingDay(day, closed)).map((step) => ({
            rule: `TIMETABLE_${step.kind}` as DeadlineRuleCode,
            date: step.dueDate,
          })),
        });
        return { side: 'PANEL', action: 'fixTimetable', at: later(rng, now, 7, 30), params: timetable };
      }
      return null;
    case 'PANEL_PROCEEDINGS':
      if (f.suspension !== 'none' && !d.done.has('suspended')) {
        if (todo('requestSuspension')) return { side: 'C', action: 'requestSuspension', at: later(rng, now, 20, 90) };
        if (todo('suspend')) return { side: 'PANEL', action: 'suspend', at: later(rng, now, 2, 10), key: 'suspend' };
      }
      // The panel keeps its timetable (Appendix 3 ¶12): the submissions, the two meetings with the
      // parties, the descriptive part, the comments on it, the interim report.
      return timetableStep(d, rng, now);
    case 'SUSPENDED':
      d.done.add('suspended');
      if (f.suspension === 'resume' && todo('resume')) return { side: 'C', action: 'resume', at: later(rng, now, 30, 300) };
      return null; // a lapse is the worker's, after 12 months (DSU 12.12)
    case 'INTERIM_REVIEW':
      // The review requests, the final report, its circulation: on the timetable's dates.
      return timetableStep(d, rng, now);
    case 'REPORT_CIRCULATED':
      if (f.appeal && todo('appeal')) return { side: rng.chance(0.6) ? 'R' : 'C', action: 'appeal', at: later(rng, now, 5, 50) };
      // At a meeting of the body (weekly) before the 60 days run out (DSU 16.4).
      if (todo('adoptReport')) return { side: 'BODY', action: 'adoptReport', at: later(rng, entered, 20, 52) };
      return null;
    case 'UNDER_APPEAL':
      if (todo('circulateAppellateReport')) return { side: 'SEC', action: 'circulateAppellateReport', at: later(rng, now, 60, 150) };
      if (todo('adoptAppellateReport')) return { side: 'BODY', action: 'adoptAppellateReport', at: later(rng, now, 7, 23) };
      return null;
    case 'ADOPTED':
      if (todo('stateImplementationIntentions')) return { side: 'R', action: 'stateImplementationIntentions', at: later(rng, now, 10, 29) };
      return null;
    case 'RPT_DETERMINATION': {
      const rpt = (at: Date): ActionParams => ({ rptEndsOn: addDays(toIsoDate(at), rng.int(180, 540)) });
      if (f.rptArbitration) {
        if (todo('arbitrateRpt')) return { side: rng.chance(0.5) ? 'C' : 'R', action: 'arbitrateRpt', at: later(rng, now, 5, 30) };
        if (todo('fixRpt')) return { side: 'SEC', action: 'fixRpt', at: later(rng, now, 60, 90), params: rpt };
      }
      if (todo('agreeRpt')) return { side: 'SEC', action: 'agreeRpt', at: later(rng, now, 5, 12), params: rpt };
      return null;
    }
    case 'IMPLEMENTATION_SURVEILLANCE': {
      const rptEnd = s.rptEndsOn ? startOfDay(s.rptEndsOn) : now;
      for (let n = 1; n <= f.statusReports; n++) {
        if (todo('fileStatusReport', `fileStatusReport${n}`)) {
          return { side: 'R', action: 'fileStatusReport', at: later(rng, now, 25, 45), key: `fileStatusReport${n}` };
        }
      }
      const base = rptEnd.getTime() > now.getTime() ? rptEnd : now;
      const after = d.done.has('aftermath') ? 'comply' : f.after;
      if (after === 'comply' && todo('declareCompliance')) return { side: 'BODY', action: 'declareCompliance', at: later(rng, base, 0, 60) };
      if (after === 'complianceReview' && todo('requestComplianceReview')) {
        d.done.add('aftermath');
        return { side: 'C', action: 'requestComplianceReview', at: later(rng, base, 5, 60) };
      }
      if (after === 'compensation' && todo('requestCompensation')) {
        d.done.add('aftermath');
        return { side: 'C', action: 'requestCompensation', at: later(rng, base, 1, 15) };
      }
      if (after === 'retaliation' && todo('requestRetaliation')) return { side: 'C', action: 'requestRetaliation', at: later(rng, base, 21, 40) };
      return null;
    }
    case 'COMPLIANCE_REVIEW':
      // DSU 21.5: the body refers the matter to the original panel, whose 90 days run from then.
      if (todo('referComplianceReview')) return { side: 'BODY', action: 'referComplianceReview', at: later(rng, now, 10, 30) };
      if (todo('issueComplianceReport')) return { side: 'PANEL', action: 'issueComplianceReport', at: later(rng, now, 60, 100) };
      if (todo('circulateComplianceReport')) return { side: 'SEC', action: 'circulateComplianceReport', at: later(rng, now, 3, 15) };
      return null;
    case 'COMPLIANCE_REPORT_CIRCULATED':
      if (f.appeal && todo('appealComplianceReport')) return { side: 'R', action: 'appealComplianceReport', at: later(rng, now, 5, 30) };
      if (todo('adoptComplianceReport')) return { side: 'BODY', action: 'adoptComplianceReport', at: later(rng, entered, 20, 50) };
      return null;
    case 'COMPLIANCE_UNDER_APPEAL':
      if (todo('circulateAppellateReport')) return { side: 'SEC', action: 'circulateAppellateReport', at: later(rng, now, 60, 90) };
      if (todo('adoptComplianceAppellateReport')) return { side: 'BODY', action: 'adoptComplianceAppellateReport', at: later(rng, now, 7, 23) };
      return null;
    case 'COMPENSATION_NEGOTIATION':
      if (rng.chance(0.5) && todo('agreeCompensation')) return { side: 'SEC', action: 'agreeCompensation', at: later(rng, now, 5, 19) };
      if (todo('requestRetaliation')) return { side: 'C', action: 'requestRetaliation', at: later(rng, now, 21, 40) };
      return null;
    case 'RETALIATION_REQUESTED':
      if (f.appeal && todo('objectToRetaliationLevel')) return { side: 'R', action: 'objectToRetaliationLevel', at: later(rng, now, 1, 10) };
      if (todo('authorizeSuspension')) return { side: 'BODY', action: 'authorizeSuspension', at: later(rng, now, 10, 28) };
      return null;
    case 'ARB_22_6':
      if (todo('decideRetaliationLevel')) return { side: 'SEC', action: 'decideRetaliationLevel', at: later(rng, now, 60, 120) };
      if (todo('authorizeSuspension')) return { side: 'BODY', action: 'authorizeSuspension', at: later(rng, now, 10, 30) };
      return null;
    case 'SUSPENSION_AUTHORIZED':
      if (f.after !== 'stall' && todo('declareCompliance')) return { side: 'BODY', action: 'declareCompliance', at: later(rng, now, 180, 900) };
      return null;
    default:
      return null;
  }
}

// The stages with an automatic transition (the worker's): elsewhere asking the engine is wasted.
const AUTOMATIC_STAGES = new Set(TRANSITIONS.filter((t) => t.automatic).flatMap((t) => fromStages(t)));
// The decisions of the body: taken at one of its meetings.
const AT_MEETING = new Set<string>(TRANSITIONS.filter((t) => t.atMeeting).map((t) => t.action));

function automaticActions(snapshot: DisputeSnapshot, at: Date, closed: ClosedDays): string[] {
  return AUTOMATIC_STAGES.has(snapshot.stage) ? dueAutomaticActions(snapshot, at, closed) : [];
}

/** Drives one dispute through the engine from its filing to `asOf`. */
function simulate(d: Dispute, world: World): void {
  const rng = new Rng(world.seed * 7919 + d.index * 104729 + 17);
  const closed = world.closed;
  const against = d.respondents.map((m) => m.name).join(', ');
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
    text: `${d.complainant.name} requested consultations with ${against}${d.urgent ? ' (urgent: DSU 4.8)' : ''}: ${d.title}.`,
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

  // Who acted, as the docket names them (DisputesService): a member by name, else the organ.
  const nameOf = (role: ActorRole, member?: Member): string => {
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
      if (['SETTLED_MAS', 'WITHDRAWN', 'LAPSED', 'NOT_ADOPTED', 'COMPLIED'].includes(approval.to)) d.endedAt = effective;
    }
    d.snapshot = after;
    d.version += 1;
    d.applied.add(approval.action);
    const filled = approval.docketText.replaceAll('{actor}', nameOf(approval.actingAs, options.member));
    const text = [
      options.text ?? filled.charAt(0).toUpperCase() + filled.slice(1),
      options.meeting
        ? `Meeting of the body of ${options.meeting.heldOn}, ${options.meeting.present} of ${options.meeting.members} members present; recorded by the secretariat.`
        : '',
    ]
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
      const at = new Date(next + 20_000 + (d.index % 40) * 1000);
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
          const rule = DEADLINE_RULES[expiry.rule];
          event({
            at,
            kind: expiry.status === 'MISSED' ? 'deadlineMissed' : 'periodEnded',
            actorRole: 'SYSTEM',
            actorId: null,
            text:
              expiry.status === 'MISSED'
                ? `The time limit ${expiry.rule} (${rule.article}) ran out without the act it awaited: ${rule.description}`
                : `The period ${expiry.rule} (${rule.article}) has run: ${rule.description}`,
          });
        }
      }
      if (!acted && !expiries.length) return;
    }
  };

  const tryStep = (side: Side, action: string, at: Date, params: ActionParams, member?: Member, text?: string): boolean => {
    const roles = ROLES[side];
    const decision = decide(d.snapshot, roles, action, at, closed, params);
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
    const kind = rule.replace(/^TIMETABLE_/, '');
    event({ at, kind: 'completeTimetableStep', actorRole: 'SECRETARIAT', actorId: rng.pick(world.secretariat), text: `Timetable step ${kind} (due ${row.dueDate}) was completed.` });
    return true;
  };

  // A decision of the body is taken at its first meeting held from `from`'s day on (after the
  // dispute's last act), during the sitting; null when none is held by `asOf`.
  const sitting = (from: Date): { at: Date; meeting: BodyMeeting } | null => {
    for (let m = meetingFrom(world, from); m; m = meetingFrom(world, startOfDay(addDays(m.heldOn, 1)))) {
      if (!m.present) return null;
      const held = startOfDay(m.heldOn).getTime();
      const at = new Date(Math.max(held + 10 * HOUR + rng.int(0, 5 * 3600) * 1000, now.getTime() + rng.int(60, 3600) * 1000));
      if (toIsoDate(at) === m.heldOn && at.getTime() <= world.asOf.getTime()) return { at, meeting: meetingFacts(m) };
    }
    return null;
  };

  let now = d.filedAt;
  const joins = [...d.joins];
  for (let steps = 0; steps < 80; steps++) {
    const step = nextStep(d, rng, now, closed);
    const stepAt = step ? step.at : world.asOf;
    // Third parties ask to join in their window, between the other acts, and the respondent
    // accepts within hours (DSU 4.11): from then on they take part.
    while (joins.length && joins[0].at.getTime() <= stepAt.getTime() && joins[0].at.getTime() <= world.asOf.getTime()) {
      const join = joins.shift() as { at: Date; member: Member };
      sweepUntil(join.at);
      if (!tryStep('MEMBER', 'joinAsThirdParty', join.at, {}, join.member, `${join.member.name} asked to join the consultations (DSU 4.11).`)) {
        d.refused += 1;
        continue;
      }
      const accepted = new Date(join.at.getTime() + rng.int(1, 6 * 3600) * 1000);
      const text = `${d.respondents[0].name} accepted ${join.member.name}'s request to join the consultations (DSU 4.11).`;
      if (tryStep('R', 'acceptJoinRequest', accepted, {}, undefined, text)) d.parties.push({ memberId: join.member.id, kind: 'THIRD_PARTY', joinedAt: join.at });
      else d.refused += 1;
    }
    if (!step || step.at.getTime() > world.asOf.getTime()) break;
    const key = `${d.periods.length}:${step.key ?? step.action}`;
    d.done.add(key);
    if (step.completes) {
      sweepUntil(step.at);
      if (completeStep(step.completes, step.at)) now = step.at;
      continue;
    }
    // When (and, for a decision of the body, at which meeting) the step is taken.
    const when = (from: Date): { at: Date; meeting?: BodyMeeting } | null =>
      AT_MEETING.has(step.action) ? sitting(from) : from.getTime() <= world.asOf.getTime() ? { at: from } : null;
    let taken = when(step.at);
    if (!taken) break;
    let at = taken.at;
    sweepUntil(at);
    let params: ActionParams = { ...(step.params?.(at) ?? {}), ...(taken.meeting ? { meeting: taken.meeting } : {}) };
    let decision = decide(d.snapshot, ROLES[step.side], step.action, at, closed, params);
    if (!decision.allowed && decision.code === 'NOT_YET_ALLOWED' && decision.allowedFrom) {
      // Too early: act on the first day it is allowed, at a working hour (or the body's meeting).
      taken = when(new Date(startOfDay(decision.allowedFrom).getTime() + 8 * HOUR + rng.int(0, 8 * 3600) * 1000));
      if (!taken) break;
      at = taken.at;
      sweepUntil(at);
      params = { ...(step.params?.(at) ?? {}), ...(taken.meeting ? { meeting: taken.meeting } : {}) };
      decision = decide(d.snapshot, ROLES[step.side], step.action, at, closed, params);
    }
    if (!decision.allowed) {
      d.refused += 1;
      if (process.env.BENCH_DEBUG) note(`    refused: ${d.snapshot.stage} ${step.action}: ${decision.message}`);
      continue;
    }
    if (!tryStep(step.side, step.action, at, params)) d.refused += 1;
    now = at;
  }
  sweepUntil(world.asOf);
}

// ---------------------------------------------------------------------------------------------

interface World {
  seed: number;
  asOf: Date;
  closed: ClosedDays;
  closedDays: { day: string; reason: string }[];
  members: Member[];
  users: User[];
  secretariat: string[];
  panelistUsers: string[];
  persons: Person[];
  /** The body's meetings, by day: weekly, each convened a month ahead. */
  meetings: Meeting[];
}

function buildWorld(rng: Rng, options: ResolvedOptions): World {
  const asOf = options.asOf;
  const firstYear = asOf.getUTCFullYear() - options.years - 1;
  const closedDays: { day: string; reason: string }[] = [];
  for (let year = firstYear; year <= asOf.getUTCFullYear() + 3; year++) {
    closedDays.push({ day: `${year}-01-01`, reason: "New Year's Day" });
    closedDays.push({ day: `${year}-05-01`, reason: 'Labour Day' });
    closedDays.push({ day: `${year}-12-25`, reason: 'Annual closure' });
    closedDays.push({ day: `${year}-12-26`, reason: 'Annual closure' });
  }
  const joinedOn = toIsoDate(new Date(Date.UTC(firstYear, 0, 1)));
  const members: Member[] = MEMBERS.slice(0, options.members).map(([code, name], i) => ({
    id: rng.uuid(),
    code,
    name,
    joinedOn: addDays(joinedOn, i < 12 ? 14 : rng.int(30, 300)),
    delegates: [],
  }));
  const users: User[] = [];
  const secretariat: string[] = [];
  for (const [i, who] of ['registrar', 'deputy.registrar', 'legal.officer'].entries()) {
    const id = rng.uuid();
    secretariat.push(id);
    users.push({ id, email: i === 0 ? BENCH_MARKER_EMAIL : `${who}@bench.dsb`, displayName: `${who} (bench)`, role: 'SECRETARIAT', memberId: null });
  }
  for (const m of members) {
    for (const n of [1, 2]) {
      const id = rng.uuid();
      m.delegates.push(id);
      users.push({ id, email: `delegate${n}.${m.code.toLowerCase()}@bench.dsb`, displayName: `Delegate ${n} of ${m.name}`, role: 'MEMBER_DELEGATE', memberId: m.id });
    }
  }
  const persons: Person[] = [];
  const names = new Set<string>();
  const panelistUsers: string[] = [];
  const nationalities = [...members.map((m) => m.code), ...OTHER_NATIONALITIES];
  while (persons.length < options.rosterPersons) {
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    if (names.has(name)) continue;
    names.add(name);
    const status = rng.weighted({ APPROVED: 60, NOMINATED: 20, REJECTED: 10, REMOVED: 10 });
    const createdAt = new Date(Date.UTC(firstYear, 1, 1) + rng.int(0, options.years * 365) * DAY);
    let userId: string | null = null;
    if (status === 'APPROVED' && rng.chance(0.5)) {
      userId = rng.uuid();
      panelistUsers.push(userId);
      users.push({ id: userId, email: `panelist.${persons.length + 1}@bench.dsb`, displayName: name, role: 'PANELIST', memberId: null });
    }
    persons.push({
      id: rng.uuid(),
      name,
      nationality: rng.chance(0.85) ? rng.pick(nationalities.slice(0, members.length)) : rng.pick(OTHER_NATIONALITIES),
      expertise: rng.sample(EXPERTISE, rng.int(1, 3)),
      languages: ['en', ...rng.sample(LANGUAGES.slice(1), rng.int(0, 2))],
      // Availability is what keeps an election's field to a few dozen candidates.
      available: rng.chance(0.25),
      status,
      nominatedBy: rng.pick(members).id,
      userId,
      decisionReason: status === 'REJECTED' ? 'Does not meet the qualifications of DSU 8.1' : status === 'REMOVED' ? 'Withdrew from the indicative list' : null,
      decidedAt: status === 'NOMINATED' ? null : new Date(createdAt.getTime() + rng.int(10, 90) * DAY),
      createdAt,
      popularity: rng.pareto(1.3),
    });
  }
  const closed = { dates: closedDays.map((c) => c.day) };
  return {
    seed: options.seed,
    asOf,
    closed,
    closedDays,
    members,
    users,
    secretariat,
    panelistUsers,
    persons,
    meetings: buildMeetings(new Rng(options.seed + 3), members, closed, firstYear, asOf),
  };
}

/**
 * The body meets every Wednesday (the next working day when that one is closed), convened a
 * month ahead, with most of its members present (always a quorum): the meetings convened by
 * `asOf`, those held by then with their attendance recorded.
 */
function buildMeetings(rng: Rng, members: Member[], closed: ClosedDays, firstYear: number, asOf: Date): Meeting[] {
  const meetings: Meeting[] = [];
  const today = toIsoDate(asOf);
  const first = new Date(Date.UTC(firstYear, 0, 1));
  first.setUTCDate(first.getUTCDate() + ((3 - first.getUTCDay() + 7) % 7));
  for (let week = toIsoDate(first); ; week = addDays(week, 7)) {
    const heldOn = nextWorkingDay(week, closed);
    const convenedAt = new Date(startOfDay(heldOn).getTime() - 30 * DAY + 10 * HOUR);
    if (convenedAt.getTime() > asOf.getTime()) break;
    const joined = members.filter((m) => m.joinedOn <= heldOn);
    if (!joined.length) continue;
    const present = heldOn < today ? rng.sample(joined, rng.int(Math.ceil(joined.length * 0.6), joined.length)).map((m) => m.code).sort() : null;
    meetings.push({ id: rng.uuid(), heldOn, convenedAt, present, members: joined.length });
  }
  return meetings;
}

/** The first meeting of the body on `at`'s day or later, if one is convened by then. */
function meetingFrom(world: World, at: Date): Meeting | null {
  const day = toIsoDate(at);
  let lo = 0;
  let hi = world.meetings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (world.meetings[mid].heldOn < day) lo = mid + 1;
    else hi = mid;
  }
  return world.meetings[lo] ?? null;
}

/** What the engine needs to know of a meeting to accept a decision taken there. */
function meetingFacts(m: Meeting): BodyMeeting {
  return {
    heldOn: m.heldOn,
    convenedOn: toIsoDate(m.convenedAt),
    present: m.present ? m.present.length : null,
    members: m.members,
    noticeDays: MEETING_NOTICE_DAYS,
    quorumPercent: QUORUM_PERCENT,
  };
}

function makeDisputes(rng: Rng, world: World, n: number, years: number): Dispute[] {
  const span = years * 365 * DAY;
  const start = world.asOf.getTime() - span;
  const filed: Date[] = [];
  for (let i = 0; i < n; i++) {
    // A slowly growing case load: later years see more filings.
    const x = Math.sqrt(rng.next() * 0.75 + 0.25);
    const day = startOfDay(toIsoDate(new Date(start + ((x - 0.5) / 0.5) * span)));
    filed.push(new Date(Math.max(start, day.getTime()) + 7 * HOUR + rng.int(0, 10 * 3600 - 1) * 1000 + rng.int(0, 999)));
  }
  filed.sort((a, b) => a.getTime() - b.getTime());
  const busy = world.members.slice(0, 12);
  return filed.map((filedAt, index) => {
    const complainant = rng.chance(0.6) ? rng.pick(busy) : rng.pick(world.members);
    const respondents = rng
      .sample(world.members.filter((m) => m !== complainant), rng.chance(0.9) ? 1 : rng.int(2, 3));
    const product = rng.pick(PRODUCTS);
    const measure = `${rng.pick(MEASURE_KINDS)} ${product}`;
    const basis = rng.sample(PROVISIONS, rng.int(1, 4));
    const title = `${respondents[0].name} — ${measure}`;
    const measures = [measure, ...(rng.chance(0.3) ? [`Implementing regulations concerning ${product}`] : [])];
    return {
      index,
      id: rng.uuid(),
      filedAt,
      urgent: rng.chance(0.05),
      complainant,
      respondents,
      title,
      summary:
        `${complainant.name} considers that the ${measure.toLowerCase()} maintained by ${respondents.map((m) => m.name).join(' and ')} ` +
        `are inconsistent with ${basis.join(', ')}, and that benefits accruing to it are nullified or impaired. ` +
        `It requests consultations with a view to reaching a mutually satisfactory solution.`,
      measures,
      legalBasis: basis,
      fate: pickFate(rng),
      joins: [],
    } as unknown as Dispute;
  });
}

/** Third parties for the consultations: `n` joins spread over the disputes, days 1-9 after filing. */
function planJoins(rng: Rng, world: World, disputes: Dispute[], n: number): void {
  for (const d of disputes) d.joins = [];
  if (n <= 0) return;
  // Disputes that were still in consultations on day 10 can take a third party.
  const open = disputes.filter((d) => d.periods.length === 1 || d.periods[1].enteredAt.getTime() > d.filedAt.getTime() + 10 * DAY);
  const eligible = open.filter((d) => d.filedAt.getTime() + 10 * DAY < world.asOf.getTime());
  const capacity = new Map(eligible.map((d) => [d, 0]));
  let left = n;
  for (let round = 0; left > 0 && round < 6; round++) {
    for (const d of eligible) {
      if (left === 0) break;
      if (!rng.chance(round === 0 ? 0.7 : 0.5)) continue;
      capacity.set(d, (capacity.get(d) ?? 0) + 1);
      left -= 1;
    }
  }
  for (const [d, k] of capacity) {
    if (!k) continue;
    const taken = new Set([d.complainant.id, ...d.respondents.map((m) => m.id)]);
    const candidates = rng.sample(world.members.filter((m) => !taken.has(m.id)), k);
    d.joins = candidates
      .map((member) => ({ member, at: later(rng, d.filedAt, 1, 9) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}

// ---------------------------------------------------------------------------------------------
// Elections, documents, corrections

interface ElectionRows {
  elections: Record<string, unknown>[];
  candidates: Record<string, unknown>[];
  electors: Record<string, unknown>[];
  votes: Record<string, unknown>[];
  ballots: Record<string, unknown>[];
  panelMembers: Record<string, unknown>[];
  panelSeats: Record<string, unknown>[];
}

// The shortest voting period (the application's default ELECTION_MIN_VOTING_DAYS).
const ELECTION_MIN_VOTING_DAYS = 7;

/** Whether the panel was composed late enough after its establishment for an election to fit. */
function hasRoomForElection(d: Dispute): boolean {
  return d.composedAt !== null && d.establishedAt !== null && d.composedAt.getTime() - d.establishedAt.getTime() >= (ELECTION_MIN_VOTING_DAYS + 14) * DAY;
}

function makeElections(rng: Rng, world: World, disputes: Dispute[], n: number): ElectionRows {
  const out: ElectionRows = { elections: [], candidates: [], electors: [], votes: [], ballots: [], panelMembers: [], panelSeats: [] };
  // The most recent compositions with room for a ballot between establishment and composition.
  const composed = disputes
    .filter((d) => hasRoomForElection(d) && d.composeEvent)
    .sort((a, b) => (b.composedAt as Date).getTime() - (a.composedAt as Date).getTime())
    .slice(0, n);
  const progress = new Progress('elections counted', composed.length);
  for (const d of composed) {
    const composedAt = d.composedAt as Date;
    const establishedAt = d.establishedAt as Date;
    const partyCodes = new Set(d.parties.map((p) => world.members.find((m) => m.id === p.memberId)?.code));
    const principal = new Set(d.parties.filter((p) => p.kind !== 'THIRD_PARTY').map((p) => p.memberId));
    const eligible = world.persons
      .filter((p) => p.status === 'APPROVED' && p.available && !partyCodes.has(p.nationality))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    // DSU 8.5: five panelists when the parties agreed within 10 days of establishment.
    const seats = d.applied.has('agreeFivePanelists') ? 5 : 3;
    if (eligible.length < seats) continue;
    const electorate = world.members.filter((m) => !principal.has(m.id));
    const id = rng.uuid();
    const seed = rng.hex(32);
    const seedHash = createHash('sha256').update(seed).digest('hex');
    // Opened once the parties' 10 days to agree on five panelists are over (DSU 8.5; at once if
    // they agreed), open a week at least (ELECTION_MIN_VOTING_DAYS); closed when the panel is
    // composed, after the 15 days for challenges (DSU 8.6).
    const earliest = d.applied.has('agreeFivePanelists') ? establishedAt.getTime() + DAY : startOfDay(addDays(toIsoDate(establishedAt), 11)).getTime();
    const openedAt = new Date(earliest + rng.int(0, 2) * DAY + (7 + rng.int(0, 8)) * HOUR);
    const opensAt = new Date(openedAt.getTime() + HOUR);
    const closesAt = new Date(composedAt.getTime() - 60_000);
    if (closesAt.getTime() - opensAt.getTime() < ELECTION_MIN_VOTING_DAYS * DAY) continue;
    const rules: CountingRules = rng.chance(0.9) ? 'scottish-stv' : 'meek-stv';
    eligible.forEach((p, position) => out.candidates.push({ election_id: id, person_id: p.id, position }));
    electorate.forEach((m) => out.electors.push({ election_id: id, member_id: m.id }));
    const voters = rng.sample(electorate, Math.max(Math.ceil(electorate.length * 0.5), Math.round(electorate.length * (0.6 + rng.next() * 0.4))));
    const labels = candidateLabels(eligible);
    const ballots: { ranking: string[] }[] = [];
    for (const voter of voters) {
      out.votes.push({ election_id: id, member_id: voter.id });
      // Each member ranks a handful, favouring well-known panelists.
      const weights = eligible.map((p) => p.popularity);
      const ranking: string[] = [];
      const length = rng.int(1, Math.min(8, eligible.length));
      for (let k = 0; k < length; k++) {
        const total = weights.reduce((a, w) => a + w, 0);
        let r = rng.next() * total;
        let c = 0;
        while (c < weights.length - 1 && r >= weights[c]) r -= weights[c++];
        if (weights[c] === 0) break;
        ranking.push(eligible[c].id);
        weights[c] = 0;
      }
      ballots.push({ ranking });
      out.ballots.push({ id: rng.uuid(), election_id: id, receipt: newReceipt(rng.bytes(10)), ranking });
    }
    const result = count({
      candidates: [...labels.values()],
      seats,
      ballots: ballots.map((b) => ({ ranking: b.ranking.map((pid) => labels.get(pid) as string) })),
      seed,
      rules,
    });
    const byLabel = new Map(eligible.map((p) => [labels.get(p.id) as string, p]));
    const elected = result.elected.map((label) => byLabel.get(label) as Person);
    out.elections.push({
      id,
      dispute_id: d.id,
      kind: 'PANEL',
      seats,
      status: 'CLOSED',
      rules,
      quorum_percent: 50,
      opens_at: opensAt,
      closes_at: closesAt,
      seed_hash: seedHash,
      seed,
      electorate_size: electorate.length,
      turnout: voters.length,
      result,
      closed_at: composedAt,
      version: 2,
      created_at: openedAt,
    });
    elected.forEach((person, rank) => {
      out.panelMembers.push({
        id: rng.uuid(),
        dispute_id: d.id,
        person_id: person.id,
        election_id: id,
        elected_rank: rank,
        chair: rank === 0,
        seated_at: composedAt,
        vacated_at: null,
        vacated_reason: null,
      });
      out.panelSeats.push({ id: rng.uuid(), dispute_id: d.id, user_id: person.userId, person_id: person.id, chair: rank === 0, seated_at: composedAt, vacated_at: null });
    });
    // The docket: the opening (the engine's step), and the composition carrying the result
    // (ElectionClosingService).
    d.events.push({
      at: openedAt,
      order: d.events.length,
      kind: 'openPanelElection',
      actorRole: 'SECRETARIAT',
      actorId: rng.pick(world.secretariat),
      documentIds: [],
      text:
        `The secretariat opened the election of ${seats} panelist seat(s) among ${eligible.length} eligible ` +
        `candidates (${eligible.map((p) => p.name).join(', ')}); ${electorate.length} members vote from ` +
        `${opensAt.toISOString()} to ${closesAt.toISOString()}; tie-break seed SHA-256 ${seedHash}.`,
    });
    const names = elected.map((p, rank) => (rank === 0 ? `${p.name} (chair)` : p.name)).join(', ');
    const compose = d.composeEvent as DocketEvent;
    compose.text +=
      ` The election closed: ${voters.length} of ${electorate.length} members voted; elected ${names}. ` +
      `The tie-break seed ${seed} is published with the ballots and every stage of the count.`;
    progress.tick();
  }
  progress.finish();
  return out;
}

const KIND_LABEL = (kind: string) => kind.toLowerCase().replace(/_/g, ' ');

interface DocumentRows {
  documents: Record<string, unknown>[];
  contents: Record<string, unknown>[];
}

function stageAt(d: Dispute, at: Date): Stage {
  let stage = d.periods[0].stage;
  for (const p of d.periods) if (p.enteredAt.getTime() <= at.getTime()) stage = p.stage;
  return stage;
}

function makeDocuments(rng: Rng, world: World, disputes: Dispute[], total: number, flagship: Dispute): DocumentRows {
  const out: DocumentRows = { documents: [], contents: [] };
  // Filings follow activity, with a long tail: a few disputes attract hundreds of documents.
  const weights = disputes.map((d) => (d === flagship ? 0 : (1 + d.events.length) * Math.min(40, rng.pareto(1.4))));
  const flagshipDocs = Math.min(total, 180);
  const rest = total - flagshipDocs;
  const sum = weights.reduce((a, w) => a + w, 0);
  const counts = weights.map((w) => Math.floor((rest * w) / sum));
  let missing = rest - counts.reduce((a, c) => a + c, 0);
  for (let i = 0; missing > 0; i = (i + 1) % counts.length) {
    if (weights[i] > 0 && rng.chance(0.3)) {
      counts[i] += 1;
      missing -= 1;
    }
  }
  counts[flagship.index] = flagshipDocs;
  const memberById = new Map(world.members.map((m) => [m.id, m]));
  const progress = new Progress('documents', total);
  let serial = 0;
  for (const d of disputes) {
    const k = counts[d.index];
    if (!k) continue;
    const end = (d.endedAt ?? world.asOf).getTime();
    const span = Math.max(HOUR, end - d.filedAt.getTime() - HOUR);
    const times = Array.from({ length: k }, (_, i) =>
      i === 0 ? new Date(d.filedAt.getTime() + rng.int(60, 3600) * 1000) : new Date(d.filedAt.getTime() + HOUR + Math.floor(rng.next() * span)),
    ).sort((a, b) => a.getTime() - b.getTime());
    const third = d.parties.filter((p) => p.kind === 'THIRD_PARTY');
    const seated = d.composedAt !== null;
    let reportFiled = false;
    for (const [i, at] of times.entries()) {
      const stage = stageAt(d, at);
      const visibleThird = third.filter((p) => p.joinedAt.getTime() <= at.getTime());
      let kind: string;
      let side: 'C' | 'R' | 'T' | 'SEC' | 'PANEL';
      if (i === 0) {
        kind = 'REQUEST_FOR_CONSULTATIONS';
        side = 'C';
      } else if (['CONSULTATIONS_REQUESTED', 'IN_CONSULTATIONS'].includes(stage)) {
        kind = rng.weighted({ REPLY_TO_REQUEST: 3, REQUEST_TO_JOIN: visibleThird.length ? 3 : 0, NOTIFICATION: 3, OTHER: 2 });
        side = kind === 'REPLY_TO_REQUEST' ? 'R' : kind === 'REQUEST_TO_JOIN' ? 'T' : rng.pick(['C', 'R', 'SEC'] as const);
      } else if (['PANEL_REQUESTED', 'PANEL_ESTABLISHED'].includes(stage)) {
        kind = rng.weighted({ PANEL_REQUEST: 3, NOTIFICATION: 3, OTHER: 1 });
        side = kind === 'PANEL_REQUEST' ? 'C' : rng.pick(['C', 'R', 'SEC'] as const);
      } else if (['PANEL_COMPOSED', 'PANEL_PROCEEDINGS', 'INTERIM_REVIEW', 'SUSPENDED'].includes(stage)) {
        kind = rng.weighted({
          FIRST_WRITTEN_SUBMISSION: 4,
          REBUTTAL: 3,
          THIRD_PARTY_SUBMISSION: visibleThird.length ? 2 : 0,
          ANSWERS_TO_QUESTIONS: 3,
          EXHIBIT: 8,
          HEARING_RECORD: 1,
        });
        side =
          kind === 'THIRD_PARTY_SUBMISSION' ? 'T' : kind === 'HEARING_RECORD' ? (seated && rng.chance(0.5) ? 'PANEL' : 'SEC') : rng.pick(['C', 'R'] as const);
      } else {
        kind = !reportFiled && stage === 'REPORT_CIRCULATED' ? 'PANEL_REPORT' : rng.weighted({ NOTIFICATION: 4, ANSWERS_TO_QUESTIONS: 1, EXHIBIT: 1, OTHER: 2 });
        if (kind === 'PANEL_REPORT') reportFiled = true;
        side = kind === 'PANEL_REPORT' ? 'SEC' : rng.pick(['C', 'R', 'SEC'] as const);
      }
      let member: Member | null = null;
      let filedBy: string;
      let actorRole: string;
      if (side === 'C' || side === 'R' || side === 'T') {
        member =
          side === 'C'
            ? d.complainant
            : side === 'R'
              ? rng.pick(d.respondents)
              : (memberById.get(rng.pick(visibleThird.length ? visibleThird : third).memberId) as Member);
        filedBy = member.delegates[rng.int(0, 1)];
        actorRole = side === 'C' ? 'COMPLAINANT' : side === 'R' ? 'RESPONDENT' : 'THIRD_PARTY';
      } else if (side === 'PANEL') {
        filedBy = rng.pick(world.panelistUsers);
        actorRole = 'PANEL';
      } else {
        filedBy = rng.pick(world.secretariat);
        actorRole = 'SECRETARIAT';
      }
      const classification = ['REQUEST_FOR_CONSULTATIONS', 'PANEL_REQUEST', 'PANEL_REPORT', 'REQUEST_TO_JOIN'].includes(kind)
        ? 'PUBLIC'
        : kind === 'NOTIFICATION' || kind === 'OTHER'
          ? rng.chance(0.7) ? 'PUBLIC' : 'RESTRICTED'
          : kind === 'EXHIBIT' && rng.chance(0.25)
            ? 'CONFIDENTIAL'
            : 'RESTRICTED';
      serial += 1;
      const id = rng.uuid();
      const who = member ? member.name : actorRole === 'PANEL' ? 'the Panel' : 'the Secretariat';
      const title =
        kind === 'EXHIBIT'
          ? `Exhibit ${member ? member.code : 'SEC'}-${rng.int(1, 120)}`
          : kind === 'PANEL_REPORT'
            ? `Report of the Panel: ${d.title}`
            : `${KIND_LABEL(kind).replace(/^./, (c) => c.toUpperCase())} of ${who}`;
      const content = Buffer.from(`%PDF-1.4\n% bench document ${serial}\n%%EOF\n`);
      const readers =
        classification === 'CONFIDENTIAL'
          ? [...d.complainant.delegates.slice(0, 1), ...d.respondents[0].delegates.slice(0, 1), rng.pick(world.secretariat)]
          : [];
      out.documents.push({
        id,
        dispute_id: d.id,
        kind,
        title,
        file_name: `${kind.toLowerCase().replace(/_/g, '-')}-${serial}.pdf`,
        media_type: 'application/pdf',
        size_bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        filed_by_id: filedBy,
        filed_for_member_id: member ? member.id : null,
        filed_at: at,
        classification,
        derestricted_at: null,
        idempotency_key: rng.chance(0.5) ? `bench-${serial}` : null,
        reader_ids: readers,
      });
      out.contents.push({ document_id: id, content: `\\x${content.toString('hex')}` });
      const what = classification === 'PUBLIC' ? `"${title}"` : `a ${classification.toLowerCase()} document (${KIND_LABEL(kind)})`;
      d.events.push({ at, order: d.events.length, kind: 'fileDocument', actorRole, actorId: filedBy, text: `Filed ${what}.`, documentIds: [id] });
      progress.tick();
    }
  }
  progress.finish();
  return out;
}

/** The secretariat's corrections of docket entries: the few that bring the docket to its size. */
function addCorrections(rng: Rng, world: World, disputes: Dispute[], n: number): void {
  for (let i = 0; i < n; i++) {
    const d = rng.pick(disputes);
    const target = rng.pick(d.events);
    const at = new Date(Math.min(world.asOf.getTime() - 60_000, target.at.getTime() + rng.int(1, 20) * DAY));
    if (at.getTime() <= target.at.getTime()) {
      i -= 1;
      continue;
    }
    target.id ??= rng.uuid();
    d.events.push({
      at,
      order: d.events.length,
      kind: 'correction',
      actorRole: 'SECRETARIAT',
      actorId: rng.pick(world.secretariat),
      text: `Correction of an entry: the date of ${target.kind} was recorded in the wrong time zone; it is ${target.at.toISOString()}.`,
      documentIds: [],
      correctsId: target.id,
    });
  }
}

// ---------------------------------------------------------------------------------------------

type ResolvedOptions = Required<Omit<DatasetOptions, 'force'>>;

interface Generated {
  world: World;
  elections: ElectionRows;
  docs: DocumentRows;
  disputeRows: Record<string, unknown>[];
  partyRows: Record<string, unknown>[];
  periodRows: Record<string, unknown>[];
  deadlineRows: Record<string, unknown>[];
  docketRows: Record<string, unknown>[];
  timetableRows: Record<string, unknown>[];
  simulateSeconds: number;
  refusedSteps: number;
  flagship: { id: string };
}

export function defaults(options: DatasetOptions): ResolvedOptions {
  const today = new Date();
  return {
    disputes: options.disputes ?? 10_000,
    docketEntries: options.docketEntries ?? 100_000,
    documents: options.documents ?? 20_000,
    members: Math.min(options.members ?? 50, MEMBERS.length),
    rosterPersons: options.rosterPersons ?? 300,
    elections: options.elections ?? 200,
    asOf: options.asOf ?? new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())),
    years: options.years ?? 10,
    seed: options.seed ?? 20_260_601,
  };
}

/** Everything to insert, generated in memory (no database): the world, then each dispute's life. */
export function generateDataset(o: ResolvedOptions): Generated {
  note(`Data set: simulating ${o.disputes} disputes through the procedure engine (as of ${toIsoDate(o.asOf)})`);
  const rng = new Rng(o.seed);
  const world = buildWorld(rng, o);
  const disputes = makeDisputes(rng, world, o.disputes, o.years);
  const simStarted = Date.now();
  // Pass 1: the procedure alone, to size the third-party joins that bring the docket to its size.
  const pass1 = new Progress('disputes simulated (pass 1 of 2)', disputes.length);
  for (const d of disputes) {
    simulate(d, world);
    pass1.tick();
  }
  pass1.finish();
  const core = disputes.reduce((a, d) => a + d.events.length, 0);
  if (process.env.BENCH_DEBUG) {
    const kinds = new Map<string, number>();
    for (const d of disputes) for (const e of d.events) kinds.set(e.kind + (e.kind === 'deadlineMissed' || e.kind === 'periodEnded' ? ':' + e.text.split(' ')[3] : ''), (kinds.get(e.kind + (e.kind === 'deadlineMissed' || e.kind === 'periodEnded' ? ':' + e.text.split(' ')[3] : '')) ?? 0) + 1);
    note([...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `    ${k} ${n}`).join('\n'));
  }
  const electionsPlanned = Math.min(o.elections, disputes.filter(hasRoomForElection).length);
  // Two docket entries per third party: its request and the respondent's acceptance. As many as
  // bring the docket to its size, but never fewer than the floor: the procedure of the panels
  // (meetings of the body, timetables) leaves less room than it used to.
  const joinsWanted = Math.floor((o.docketEntries - core - o.documents - electionsPlanned) / 2);
  planJoins(new Rng(o.seed + 1), world, disputes, Math.max(Math.round(o.disputes * MIN_THIRD_PARTIES_PER_DISPUTE), joinsWanted));
  // Pass 2: again, with the joins, for the disputes that get third parties (the simulation of
  // one dispute is deterministic, so the others are already what they would be).
  const joined = disputes.filter((d) => d.joins.length > 0);
  const pass2 = new Progress('disputes with third parties simulated (pass 2 of 2)', joined.length);
  for (const d of joined) {
    simulate(d, world);
    pass2.tick();
  }
  pass2.finish();
  const joins = disputes.reduce((a, d) => a + d.parties.filter((p) => p.kind === 'THIRD_PARTY').length, 0);
  const flagship = disputes.reduce((best, d) => (d.events.length > best.events.length ? d : best), disputes[0]);
  const extrasRng = new Rng(o.seed + 2);
  const elections = makeElections(extrasRng, world, disputes, o.elections);
  const docs = makeDocuments(extrasRng, world, disputes, o.documents, flagship);
  const soFar = disputes.reduce((a, d) => a + d.events.length, 0);
  const corrections = Math.max(0, o.docketEntries - soFar);
  if (corrections) addCorrections(extrasRng, world, disputes, corrections);
  else if (soFar > o.docketEntries) note(`  note: the simulated procedure and the fewest third parties give ${soFar} docket entries (target ${o.docketEntries})`);
  const simulateSeconds = (Date.now() - simStarted) / 1000;

  // Rows
  const disputeRows: Record<string, unknown>[] = [];
  const partyRows: Record<string, unknown>[] = [];
  const periodRows: Record<string, unknown>[] = [];
  const deadlineRows: Record<string, unknown>[] = [];
  const docketRows: Record<string, unknown>[] = [];
  const timetableRows: Record<string, unknown>[] = [];
  for (const d of disputes) {
    const s = d.snapshot;
    disputeRows.push({
      id: d.id,
      title: d.title,
      summary: d.summary,
      measures: d.measures,
      legal_basis: d.legalBasis,
      urgent: d.urgent,
      stage: s.stage,
      stage_entered_at: d.periods[d.periods.length - 1].enteredAt,
      stage_before_suspension: s.stageBeforeSuspension,
      suspended_at: s.suspendedAt,
      good_offices: s.goodOffices,
      good_offices_since: s.goodOfficesSince,
      body_meetings_since_panel_request: s.bodyMeetingsSincePanelRequest,
      agreements: s.agreements,
      events: s.events,
      rpt_ends_on: s.rptEndsOn,
      compliance_round: s.complianceRound,
      filed_at: d.filedAt,
      version: d.version,
      created_at: d.filedAt,
    });
    // The simulated third parties take part throughout (they file third-party submissions): in the
    // consultations, accepted (DSU 4.11), and in the panel proceedings (DSU 10.2), as the migration
    // recorded rows written before the two capacities were told apart.
    for (const p of d.parties) {
      const third = p.kind === 'THIRD_PARTY';
      partyRows.push({
        dispute_id: d.id, member_id: p.memberId, kind: p.kind, joined_at: p.joinedAt,
        consultations_status: third ? 'ACCEPTED' : null, panel_joined_at: third ? p.joinedAt : null,
      });
    }
    for (const p of d.periods) periodRows.push({ id: p.id, dispute_id: d.id, stage: p.stage, entered_at: p.enteredAt, left_at: p.leftAt });
    // The panel's timetable as adopted (TimetableService): one row per step, in order.
    d.timetable?.steps.forEach((step, position) => {
      timetableRows.push({ id: extrasRng.uuid(), dispute_id: d.id, kind: step.rule.replace(/^TIMETABLE_/, ''), position, due_date: step.date, created_at: d.timetable!.at });
    });
    s.deadlines.forEach((row, i) => {
      deadlineRows.push({
        id: d.rows[i].id,
        dispute_id: d.id,
        rule: row.rule,
        base_date: row.baseDate,
        due_date: row.dueDate,
        status: row.status,
        paused_remaining_days: row.pausedRemainingDays ?? null,
        opened_at: d.rows[i].openedAt,
        closed_at: d.rows[i].closedAt,
      });
    });
    d.events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
    d.events.forEach((e, i) => {
      e.id ??= extrasRng.uuid();
      e.seq = i + 1;
    });
    for (const e of d.events) {
      docketRows.push({
        id: e.id,
        dispute_id: d.id,
        seq: e.seq,
        occurred_at: e.at,
        actor_id: e.actorId,
        actor_role: e.actorRole,
        kind: e.kind,
        text: e.text,
        document_ids: e.documentIds,
        corrects_id: e.correctsId ?? null,
      });
    }
  }
  const refusedSteps = disputes.reduce((a, d) => a + d.refused, 0);
  note(`  docket: ${core} entries of the procedure, ${joins} third-party joins, ${docs.documents.length} filings, ${elections.elections.length} election openings, ${corrections} corrections`);
  return { world, elections, docs, disputeRows, partyRows, periodRows, deadlineRows, docketRows, timetableRows, simulateSeconds, refusedSteps, flagship };
}

const BULK_TABLES = ['disputes', 'dispute_parties', 'dispute_stage_periods', 'deadlines', 'docket_entries', 'documents', 'document_contents'];

interface SetAside {
  constraints: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/**
 * Drops the unique and foreign-key constraints of `tables` and their other secondary indexes (not
 * the primary keys), read from the catalogue so that a new migration's indexes are handled too;
 * {@link restoreIndexes} puts back exactly the same definitions.
 */
async function setAsideIndexes(client: Client, tables: readonly string[]): Promise<SetAside> {
  const constraints = (
    await client.query(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY($1) AND c.contype IN ('u', 'f')
        ORDER BY c.contype DESC, c.conname`,
      [tables],
    )
  ).rows as SetAside['constraints'];
  const indexes = (
    await client.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY($1) AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY i.relname`,
      [tables],
    )
  ).rows as SetAside['indexes'];
  // Foreign keys first (u sorts after f in DESC order, so the unique constraints go last).
  for (const c of constraints) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
  return { constraints, indexes };
}

async function restoreIndexes(client: Client, set: SetAside): Promise<void> {
  for (const i of set.indexes) await client.query(i.definition);
  // Unique constraints before the foreign keys that may rely on them.
  for (const c of [...set.constraints].reverse()) {
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.definition}`);
  }
}

/** Loads the data set into the migrated database at `databaseUrl`, replacing whatever it holds. */
export async function loadDataset(databaseUrl: string, options: DatasetOptions = {}): Promise<DatasetSummary> {
  const o = defaults(options);
  const started = Date.now();
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench-dataset' });
  await client.connect();
  try {
    const [{ members, users, marker }] = (
      await client.query(
        `SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM users)::int AS users,
                EXISTS (SELECT 1 FROM users WHERE email = $1) AS marker`,
        [BENCH_MARKER_EMAIL],
      )
    ).rows;
    if ((members > 0 || users > 0) && !marker && !options.force) {
      throw new Error(
        `The database holds ${members} members and ${users} users and is not a bench data set; ` +
          'refusing to truncate it (pass --force / { force: true } to replace it anyway)',
      );
    }

    const g = generateDataset(o);
    const { world, elections, docs, disputeRows, partyRows, periodRows, deadlineRows, docketRows, timetableRows, simulateSeconds, refusedSteps, flagship } = g;

    // Load
    const insertStarted = Date.now();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    note('Data set: loading (one transaction, truncate and reload)');
    await client.query('BEGIN');
    const tables: string[] = (
      await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`)
    ).rows.map((r: { tablename: string }) => r.tablename);
    await client.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
    await client.query('ALTER SEQUENCE dispute_number_seq RESTART WITH 1');
    // Secondary indexes, unique and foreign-key constraints of the big tables are set aside and
    // rebuilt after the load, in this transaction: built in bulk, and validated on every row then.
    const deferred = await setAsideIndexes(client, BULK_TABLES);
    const totalRows =
      world.closedDays.length + world.members.length + world.users.length + world.persons.length + disputeRows.length + partyRows.length +
      periodRows.length + deadlineRows.length + docketRows.length + docs.documents.length * 2 + elections.elections.length +
      elections.candidates.length + elections.electors.length + elections.votes.length + elections.ballots.length +
      elections.panelMembers.length + elections.panelSeats.length + world.meetings.length + timetableRows.length;
    const bar = new Progress('rows inserted', totalRows);
    const ins = async (table: string, cols: [string, string][], rows: Record<string, unknown>[], batch?: number) => {
      const t0 = Date.now();
      await bulkInsert(client, table, cols, rows, { progress: bar, batch });
      if (process.env.BENCH_DEBUG) note(`    ${table}: ${rows.length} rows in ${Date.now() - t0} ms`);
    };
    await ins('closed_days', [['day', 'date'], ['reason', 'text']], world.closedDays);
    await ins(
      'body_meetings',
      [['id', 'uuid'], ['held_on', 'date'], ['recorded_at', 'timestamptz'], ['present_members', 'text[]'], ['attendance_recorded_at', 'timestamptz']],
      world.meetings.map((m) => ({
        id: m.id, held_on: m.heldOn, recorded_at: m.convenedAt, present_members: m.present,
        attendance_recorded_at: m.present ? new Date(startOfDay(m.heldOn).getTime() + 9 * HOUR) : null,
      })),
    );
    await ins(
      'members',
      [['id', 'uuid'], ['code', 'char(3)'], ['name', 'text'], ['joined_on', 'date'], ['status', 'text'], ['version', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
      world.members.map((m) => ({ id: m.id, code: m.code, name: m.name, joined_on: m.joinedOn, status: 'ACTIVE', version: 1, created_at: startOfDay(m.joinedOn), updated_at: startOfDay(m.joinedOn) })),
    );
    await ins(
      'users',
      [['id', 'uuid'], ['email', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['role', 'text'], ['member_id', 'uuid'], ['active', 'boolean'], ['version', 'int']],
      world.users.map((u) => ({ id: u.id, email: u.email, display_name: u.displayName, password_hash: passwordHash, role: u.role, member_id: u.memberId, active: true, version: 1 })),
    );
    await ins(
      'roster_persons',
      [
        ['id', 'uuid'], ['name', 'text'], ['nationality', 'char(3)'], ['expertise', 'text[]'], ['languages', 'text[]'], ['available', 'boolean'],
        ['status', 'text'], ['nominated_by_member_id', 'uuid'], ['user_id', 'uuid'], ['decision_reason', 'text'], ['decided_at', 'timestamptz'],
        ['version', 'int'], ['created_at', 'timestamptz'],
      ],
      world.persons.map((p) => ({
        id: p.id, name: p.name, nationality: p.nationality, expertise: p.expertise, languages: p.languages, available: p.available,
        status: p.status, nominated_by_member_id: p.nominatedBy, user_id: p.userId, decision_reason: p.decisionReason,
        decided_at: p.decidedAt, version: p.status === 'NOMINATED' ? 1 : 2, created_at: p.createdAt,
      })),
    );
    // `number` is left to its default, nextval('dispute_number_seq'): rows go in filing order.
    await ins(
      'disputes',
      [
        ['id', 'uuid'], ['title', 'text'], ['summary', 'text'], ['measures', 'text[]'], ['legal_basis', 'text[]'], ['urgent', 'boolean'],
        ['stage', 'text'], ['stage_entered_at', 'timestamptz'], ['stage_before_suspension', 'text'], ['suspended_at', 'timestamptz'],
        ['good_offices', 'boolean'], ['good_offices_since', 'timestamptz'], ['body_meetings_since_panel_request', 'int'],
        ['agreements', 'jsonb'], ['events', 'jsonb'], ['rpt_ends_on', 'date'], ['compliance_round', 'int'], ['filed_at', 'timestamptz'], ['version', 'int'],
        ['created_at', 'timestamptz'],
      ],
      disputeRows,
    );
    await ins(
      'timetable_steps',
      [['id', 'uuid'], ['dispute_id', 'uuid'], ['kind', 'text'], ['position', 'int'], ['due_date', 'date'], ['created_at', 'timestamptz']],
      timetableRows,
      10_000,
    );
    await ins(
      'dispute_parties',
      [['dispute_id', 'uuid'], ['member_id', 'uuid'], ['kind', 'text'], ['joined_at', 'timestamptz'], ['consultations_status', 'text'], ['panel_joined_at', 'timestamptz']],
      partyRows,
      10_000,
    );
    await ins('dispute_stage_periods', [['id', 'uuid'], ['dispute_id', 'uuid'], ['stage', 'text'], ['entered_at', 'timestamptz'], ['left_at', 'timestamptz']], periodRows, 10_000);
    await ins(
      'deadlines',
      [
        ['id', 'uuid'], ['dispute_id', 'uuid'], ['rule', 'text'], ['base_date', 'date'], ['due_date', 'date'], ['status', 'text'],
        ['paused_remaining_days', 'int'], ['opened_at', 'timestamptz'], ['closed_at', 'timestamptz'],
      ],
      deadlineRows,
      10_000,
    );
    await ins(
      'documents',
      [
        ['id', 'uuid'], ['dispute_id', 'uuid'], ['kind', 'text'], ['title', 'text'], ['file_name', 'text'], ['media_type', 'text'], ['size_bytes', 'int'],
        ['sha256', 'char(64)'], ['filed_by_id', 'uuid'], ['filed_for_member_id', 'uuid'], ['filed_at', 'timestamptz'], ['classification', 'text'],
        ['derestricted_at', 'timestamptz'], ['idempotency_key', 'text'], ['reader_ids', 'uuid[]'],
      ],
      docs.documents,
    );
    await ins('document_contents', [['document_id', 'uuid'], ['content', 'bytea']], docs.contents, 10_000);
    await ins(
      'docket_entries',
      [
        ['id', 'uuid'], ['dispute_id', 'uuid'], ['seq', 'int'], ['occurred_at', 'timestamptz'], ['actor_id', 'uuid'], ['actor_role', 'text'],
        ['kind', 'text'], ['text', 'text'], ['document_ids', 'uuid[]'], ['corrects_id', 'uuid'],
      ],
      docketRows,
      10_000,
    );
    await ins(
      'elections',
      [
        ['id', 'uuid'], ['dispute_id', 'uuid'], ['kind', 'text'], ['seats', 'int'], ['status', 'text'], ['rules', 'text'], ['quorum_percent', 'int'],
        ['opens_at', 'timestamptz'], ['closes_at', 'timestamptz'], ['seed_hash', 'char(64)'], ['seed', 'text'], ['electorate_size', 'int'],
        ['turnout', 'int'], ['result', 'jsonb'], ['closed_at', 'timestamptz'], ['version', 'int'], ['created_at', 'timestamptz'],
      ],
      elections.elections,
      20,
    );
    await ins('election_candidates', [['election_id', 'uuid'], ['person_id', 'uuid'], ['position', 'int']], elections.candidates, 10_000);
    await ins('election_electors', [['election_id', 'uuid'], ['member_id', 'uuid']], elections.electors, 10_000);
    await ins('election_votes', [['election_id', 'uuid'], ['member_id', 'uuid']], elections.votes, 10_000);
    await ins('ballots', [['id', 'uuid'], ['election_id', 'uuid'], ['receipt', 'text'], ['ranking', 'uuid[]']], elections.ballots, 10_000);
    await ins(
      'panel_members',
      [
        ['id', 'uuid'], ['dispute_id', 'uuid'], ['person_id', 'uuid'], ['election_id', 'uuid'], ['elected_rank', 'int'], ['chair', 'boolean'],
        ['seated_at', 'timestamptz'], ['vacated_at', 'timestamptz'], ['vacated_reason', 'text'],
      ],
      elections.panelMembers,
    );
    await ins(
      'panel_seats',
      [['id', 'uuid'], ['dispute_id', 'uuid'], ['user_id', 'uuid'], ['person_id', 'uuid'], ['chair', 'boolean'], ['seated_at', 'timestamptz'], ['vacated_at', 'timestamptz']],
      elections.panelSeats,
    );
    const rebuildStarted = Date.now();
    await restoreIndexes(client, deferred);
    if (process.env.BENCH_DEBUG) note(`    indexes and constraints rebuilt in ${Date.now() - rebuildStarted} ms`);
    // DS numbers follow filing order, as nextval gave them one by one.
    const [{ misordered }] = (
      await client.query(
        `SELECT count(*)::int AS misordered FROM (SELECT number, lag(number) OVER (ORDER BY filed_at, id) AS previous FROM disputes) x
          WHERE previous IS NOT NULL AND number <= previous`,
      )
    ).rows;
    if (misordered) throw new Error(`dispute numbers are not in filing order (${misordered} rows)`);
    await client.query('COMMIT');
    bar.finish();
    const insertSeconds = (Date.now() - insertStarted) / 1000;

    const analyzeStarted = Date.now();
    note('Data set: VACUUM ANALYZE');
    await client.query('VACUUM ANALYZE');
    const analyzeSeconds = (Date.now() - analyzeStarted) / 1000;

    const counted: Record<string, number> = {};
    for (const table of [
      'members', 'users', 'roster_persons', 'disputes', 'dispute_parties', 'dispute_stage_periods', 'deadlines', 'docket_entries',
      'documents', 'document_contents', 'elections', 'election_candidates', 'election_electors', 'election_votes', 'ballots',
      'panel_members', 'panel_seats', 'closed_days', 'body_meetings', 'timetable_steps',
    ]) {
      counted[table] = (await client.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
    }
    const stages: Record<string, number> = {};
    for (const row of (await client.query('SELECT stage, count(*)::int AS n FROM disputes GROUP BY stage ORDER BY n DESC')).rows) {
      stages[row.stage] = row.n;
    }
    const summary: DatasetSummary = {
      seconds: { simulate: simulateSeconds, insert: insertSeconds, analyze: analyzeSeconds, total: (Date.now() - started) / 1000 },
      counts: counted,
      stages,
      asOf: toIsoDate(o.asOf),
      refusedSteps,
      secretariatUserId: world.secretariat[0],
      largestDisputeId: flagship.id,
    };
    note(
      `Data set loaded in ${summary.seconds.total.toFixed(1)} s (simulate ${simulateSeconds.toFixed(1)} s, insert ${insertSeconds.toFixed(1)} s, ` +
        `vacuum analyze ${analyzeSeconds.toFixed(1)} s): ${counted.disputes} disputes, ${counted.docket_entries} docket entries, ` +
        `${counted.documents} documents, ${counted.members} members, ${counted.roster_persons} roster persons, ${counted.elections} elections`,
    );
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

// Standalone: `DATABASE_URL=… node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/dataset.ts [--force]`
if (require.main === module) {
  (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('Set DATABASE_URL to the database to load (it is migrated first)');
    const { runMigrations } = await import('@app/migrations');
    const applied = await runMigrations(url);
    if (applied.length) note(`Applied migrations: ${applied.join(', ')}`);
    const summary = await loadDataset(url, { force: process.argv.includes('--force') });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  })().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
