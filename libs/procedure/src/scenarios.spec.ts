import { addDays, daysBetween } from './dates';
import { allowedActions, dueAutomaticActions } from './engine';
import { Case, dateOn, on, reach } from './procedure.testing';
import { sweepDeadlines } from './snapshot';
import type { Stage } from './stages';

const C = ['COMPLAINANT'] as const;
const R = ['RESPONDENT'] as const;
const SEC = ['SECRETARIAT'] as const;
const BODY = ['BODY'] as const;
const PANEL = ['PANEL'] as const;

describe('scenario: the respondent does not reply', () => {
  it('opens the panel stage early, and the panel is established at the second meeting', () => {
    const filed = Case.filed();
    // Day 10: the reply deadline still runs; the panel request must wait.
    const day10 = filed.try(C, 'requestPanel', 10);
    expect(day10).toMatchObject({
      allowed: false,
      code: 'NOT_YET_ALLOWED',
      allowedFrom: dateOn(60),
    });
    // The worker records the missed reply at the start of day 11.
    expect(sweepDeadlines(filed.snapshot, on(11, '00:00:00'))).toContainEqual({
      rule: 'REPLY_TO_REQUEST',
      status: 'MISSED',
    });
    // Day 11, long before day 60: the complainant may request a panel (DSU 4.3).
    const requested = filed.take(C, 'requestPanel', 11);
    expect(requested.snapshot.stage).toBe('PANEL_REQUESTED');
    expect(requested.statuses('REPLY_TO_REQUEST')).toEqual(['MISSED']);
    expect(requested.statuses('EARLIEST_PANEL_REQUEST')).toEqual(['SUPERSEDED']);

    // First meeting: the respondent blocks. Second meeting: the panel is established.
    const firstMeeting = requested.run([
      [C, 'requestBodyMeeting', 12],
      [BODY, 'recordBodyMeeting', 25],
    ]);
    expect(firstMeeting.statuses('BODY_MEETING_ON_REQUEST')).toEqual(['MET']);
    expect(dueAutomaticActions(firstMeeting.snapshot, on(30), {})).toEqual([]);
    const established = firstMeeting.take(BODY, 'establishPanel', 40);
    expect(established.snapshot.stage).toBe('PANEL_ESTABLISHED');
    expect(established.open('PANEL_COMPOSITION').dueDate).toBe(dateOn(60));
  });

  it('lets the body establish the panel at the first meeting when nobody blocks', () => {
    const requested = Case.filed().take(C, 'requestPanel', 11);
    expect(requested.take(BODY, 'establishPanel', 25).snapshot.stage).toBe('PANEL_ESTABLISHED');
    // The meeting must come 11 days after the request, for it to be on the agenda.
    expect(requested.try(BODY, 'establishPanel', 21).allowed).toBe(false);
  });
});

describe('scenario: the clock of the panel request', () => {
  it('refuses a panel request on day 30 with no missed deadline, allowed from day 60', () => {
    const consulting = reach('IN_CONSULTATIONS');
    const decision = consulting.try(C, 'requestPanel', 30);
    expect(decision).toMatchObject({
      allowed: false,
      code: 'NOT_YET_ALLOWED',
      allowedFrom: dateOn(60),
    });
    expect(allowedActions(consulting.snapshot, C, on(30), {}).later).toContainEqual(
      expect.objectContaining({ action: 'requestPanel', allowedFrom: dateOn(60) }),
    );
    expect(consulting.try(C, 'requestPanel', 60)).toMatchObject({ allowed: true });
  });

  it('refuses a third party joining on day 11', () => {
    expect(Case.filed().try(['MEMBER'], 'joinAsThirdParty', 11)).toMatchObject({
      allowed: false,
      code: 'DEADLINE_PASSED',
    });
  });
});

describe('scenario: a mutually agreed solution', () => {
  const stages: Stage[] = [
    'CONSULTATIONS_REQUESTED',
    'IN_CONSULTATIONS',
    'PANEL_REQUESTED',
    'PANEL_PROCEEDINGS',
    'SUSPENDED',
    'REPORT_CIRCULATED',
    'UNDER_APPEAL',
    'APPEAL_SUSPENDED',
    'IMPLEMENTATION_SURVEILLANCE',
    'COMPLIANCE_UNDER_APPEAL',
    'ARB_22_6',
    'SUSPENSION_AUTHORIZED',
  ];

  it.each(stages)('settles the dispute from %s and closes every open limit', (stage) => {
    const before = reach(stage);
    const day = before.day + 1;
    for (const party of [C, R]) {
      expect(before.try(party, 'notifyMutuallyAgreedSolution', day)).toMatchObject({
        allowed: true,
        to: 'SETTLED_MAS',
      });
    }
    const settled = before.take(R, 'notifyMutuallyAgreedSolution', day);
    expect(settled.snapshot).toMatchObject({
      stage: 'SETTLED_MAS',
      stageBeforeSuspension: null,
      suspendedAt: null,
    });
    expect(settled.snapshot.deadlines.filter((row) => row.status === 'OPEN')).toEqual([]);
    expect(allowedActions(settled.snapshot, C, on(day), {})).toEqual({ now: [], later: [] });
  });

  it('can be withdrawn by the complainant only', () => {
    const proceedings = reach('PANEL_PROCEEDINGS');
    expect(proceedings.try(R, 'withdraw', 95)).toMatchObject({ code: 'FORBIDDEN' });
    expect(proceedings.take(C, 'withdraw', 95).snapshot.stage).toBe('WITHDRAWN');
  });
});

describe('scenario: a long suspension', () => {
  it('lapses only after 12 months suspended', () => {
    const suspended = reach('SUSPENDED'); // day 101
    const lastDay = daysBetween(dateOn(0), suspended.open('SUSPENSION_LIMIT').dueDate);
    for (const day of [102, 200, 400, lastDay]) {
      expect(dueAutomaticActions(suspended.snapshot, on(day, '23:59:59'), {})).toEqual([]);
    }
    expect(dueAutomaticActions(suspended.snapshot, on(lastDay + 1, '00:00:00'), {})).toEqual(['lapse']);
    expect(suspended.take(['SYSTEM'], 'lapse', lastDay + 1).snapshot.stage).toBe('LAPSED');
  });

  it('adds exactly the time suspended to the panel limits (DSU 12.12)', () => {
    const proceedings = reach('PANEL_PROCEEDINGS');
    const resumed = proceedings.run([
      [C, 'requestSuspension', 150],
      [PANEL, 'suspend', 151],
      [C, 'resume', 451],
    ]);
    expect(resumed.snapshot.stage).toBe('PANEL_PROCEEDINGS');
    for (const rule of ['PANEL_REPORT', 'PANEL_CIRCULATION', 'ADOPTION_GUIDELINE'] as const) {
      expect(resumed.open(rule).baseDate).toBe(addDays(proceedings.open(rule).baseDate, 300));
    }
    expect(resumed.statuses('SUSPENSION_LIMIT')).toEqual(['MET']);
  });
});

describe('scenario: a case to the end', () => {
  it('goes from the request through appeal, arbitration and retaliation to compliance', () => {
    const timetable = reach('PANEL_PROCEEDINGS'); // the ordinary path to day 95
    const done = Case.filed().run([
      [R, 'replyToRequest', 5],
      [['MEMBER'], 'joinAsThirdParty', 8],
      [R, 'enterConsultations', 20],
      [C, 'requestPanel', 60],
      [BODY, 'establishPanel', 75],
      [['MEMBER'], 'joinPanelAsThirdParty', 80],
      [SEC, 'openPanelElection', 86],
      [SEC, 'composePanel', 100],
      [
        PANEL,
        'fixTimetable',
        105,
        {
          timetable: timetable.snapshot.deadlines
            .filter((r) => r.rule.startsWith('TIMETABLE_'))
            .map((r) => ({ rule: r.rule, date: addDays(r.dueDate, 10) })),
        },
      ],
      [PANEL, 'holdFirstMeeting', 147],
      [PANEL, 'holdSecondMeeting', 168],
      [PANEL, 'issueDescriptivePart', 182],
      [C, 'commentOnDescriptivePart', 190],
      [PANEL, 'issueInterimReport', 210],
      [R, 'commentOnInterimReport', 215],
      [PANEL, 'issueFinalReport', 245],
      [SEC, 'circulateReport', 266],
      [R, 'appeal', 300],
      [C, 'crossAppeal', 303],
      [SEC, 'informBodyOfAppellateDelay', 355, { reasons: 'Workload of the division.' }],
      [SEC, 'circulateAppellateReport', 380],
      [BODY, 'adoptAppellateReport', 400],
      [R, 'stateImplementationIntentions', 420],
      [C, 'arbitrateRpt', 440],
      [SEC, 'fixRpt', 485, { rptEndsOn: dateOn(800) }],
      [R, 'fileStatusReport', 700],
      [C, 'requestCompensation', 801],
      [C, 'requestRetaliation', 821],
      [R, 'objectToRetaliationLevel', 825],
      [['SECRETARIAT'], 'decideRetaliationLevel', 860],
      [BODY, 'authorizeSuspension', 870],
      [R, 'fileStatusReport', 1000],
      [BODY, 'declareCompliance', 1100],
    ]);
    expect(done.snapshot.stage).toBe('COMPLIED');
    expect(done.snapshot.deadlines.filter((row) => row.status === 'OPEN')).toEqual([]);
    // The appeal replaced the 9-month guideline by the 12-month one, met on day 400.
    expect(done.statuses('ADOPTION_GUIDELINE')).toEqual(['EXTENDED']);
    expect(done.statuses('ADOPTION_GUIDELINE_APPEALED')).toEqual(['MET']);
    expect(done.statuses('IMPLEMENTATION_PERIOD')).toEqual(['MISSED']);
    expect(done.statuses('RPT_ARBITRATION')).toEqual(['MET']);
    // Nothing was ever left open past the stage it belongs to, so nothing was missed by a party
    // for a step the case had moved past.
    expect(done.statuses('TIMETABLE_CIRCULATION')).toEqual(['MET']);
  });
});
