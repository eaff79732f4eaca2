import { addDays, addMonths, type ClosedDays } from './dates';
import { allowedActions, decide, openDispute } from './engine';
import { Case, dateOn, FILED_AT, on, reach, meetingOn } from './procedure.testing';
import { sweepDeadlines } from './snapshot';

const C = ['COMPLAINANT'] as const;
const R = ['RESPONDENT'] as const;
const SEC = ['SECRETARIAT'] as const;
const BODY = ['BODY'] as const;
const WEEKENDS: ClosedDays = { weekdays: ['SATURDAY', 'SUNDAY'] };

function refusal(decision: ReturnType<Case['try']>) {
  if (decision.allowed) throw new Error(`expected a refusal, ${decision.action} was allowed`);
  return decision;
}

describe('openDispute', () => {
  it('opens reply 10, consultations 30, earliest panel request 60 and third parties 10', () => {
    const { snapshot } = Case.filed();
    expect(snapshot.stage).toBe('CONSULTATIONS_REQUESTED');
    expect(snapshot.deadlines).toEqual([
      { rule: 'REPLY_TO_REQUEST', baseDate: dateOn(10), dueDate: dateOn(10), status: 'OPEN' },
      { rule: 'ENTER_CONSULTATIONS', baseDate: dateOn(30), dueDate: dateOn(30), status: 'OPEN' },
      { rule: 'EARLIEST_PANEL_REQUEST', baseDate: dateOn(60), dueDate: dateOn(60), status: 'OPEN' },
      {
        rule: 'THIRD_PARTY_CONSULTATIONS',
        baseDate: dateOn(10),
        dueDate: dateOn(10),
        status: 'OPEN',
      },
    ]);
  });

  it('opens reply 10, consultations 10 and panel request 20 when urgent (DSU 4.8)', () => {
    const { snapshot } = Case.filed({ urgent: true });
    expect(snapshot.deadlines.map((row) => [row.rule, row.dueDate])).toEqual([
      ['REPLY_TO_REQUEST', dateOn(10)],
      ['ENTER_CONSULTATIONS', dateOn(10)],
      ['EARLIEST_PANEL_REQUEST', dateOn(20)],
      ['THIRD_PARTY_CONSULTATIONS', dateOn(10)],
    ]);
  });

  it('moves due dates off closed days', () => {
    // Day 20 (urgent panel request) is a Sunday.
    const snapshot = openDispute({ filedAt: FILED_AT, urgent: true }, WEEKENDS);
    const wait = snapshot.deadlines.find((row) => row.rule === 'EARLIEST_PANEL_REQUEST');
    expect(wait).toMatchObject({ baseDate: dateOn(20), dueDate: dateOn(21) });
  });
});

describe('decide: the order of checks', () => {
  it('refuses an unknown action', () => {
    expect(refusal(Case.filed().try(C, 'fileComplaint')).code).toBe('INVALID_TRANSITION');
  });

  it('refuses everything once the dispute has ended', () => {
    const ended = reach('WITHDRAWN');
    const answer = refusal(ended.try(C, 'notifyMutuallyAgreedSolution'));
    expect(answer.code).toBe('INVALID_TRANSITION');
    expect(answer.message).toMatch(/has ended: Withdrawn \(WITHDRAWN\)/);
  });

  it('checks the stage before the actor, and the actor before the time', () => {
    // Wrong stage and wrong actor: the stage wins.
    expect(refusal(Case.filed().try(R, 'establishPanel', 30)).code).toBe('INVALID_TRANSITION');
    // Right stage, wrong actor, too early: the actor wins.
    const forbidden = refusal(reach('IN_CONSULTATIONS').try(R, 'requestPanel', 30));
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.message).toBe('Only the complainant may take requestPanel (DSU 4.3, 4.7, 4.8, 5.4, 6.2).');
    expect(refusal(reach('IN_CONSULTATIONS').try(C, 'requestPanel', 30)).code).toBe('NOT_YET_ALLOWED');
  });
});

describe('consultations', () => {
  it('records a reply once, meeting the reply deadline', () => {
    const replied = Case.filed().approve(R, 'replyToRequest', 3);
    expect(replied).toMatchObject({ to: 'CONSULTATIONS_REQUESTED', meet: ['REPLY_TO_REQUEST'] });
    const again = refusal(Case.filed().take(R, 'replyToRequest', 3).try(R, 'replyToRequest', 4));
    expect(again).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(again.message).toContain('already replied');
  });

  it('dockets a late reply but records the deadline missed', () => {
    const late = Case.filed().approve(R, 'replyToRequest', 11);
    expect(late.meet).toEqual([]);
    expect(late.miss).toEqual(['REPLY_TO_REQUEST']);
  });

  it('meets both deadlines when consultations begin in time, and misses a late start', () => {
    expect(Case.filed().approve(R, 'enterConsultations', 8)).toMatchObject({
      to: 'IN_CONSULTATIONS',
      meet: ['REPLY_TO_REQUEST', 'ENTER_CONSULTATIONS'],
      miss: [],
    });
    const late = Case.filed().take(R, 'replyToRequest', 2).approve(C, 'enterConsultations', 31);
    expect(late).toMatchObject({ meet: [], miss: ['ENTER_CONSULTATIONS'] });
  });

  it('lets a member join as a third party until the end of day 10 (DSU 4.11)', () => {
    const filed = Case.filed();
    expect(filed.try(['MEMBER'], 'joinAsThirdParty', on(10, '23:59:59')).allowed).toBe(true);
    const late = refusal(filed.try(['MEMBER'], 'joinAsThirdParty', on(11, '00:00:00')));
    expect(late.code).toBe('DEADLINE_PASSED');
    expect(late.message).toContain(`until ${dateOn(10)} under DSU 4.11`);
  });

  it('extends the third-party window past closed days', () => {
    // Filed on Wednesday (day 2): its day 10 is a Saturday, so with weekends closed the window
    // runs to the end of Monday (day 14).
    const snapshot = openDispute({ filedAt: on(2), urgent: false }, WEEKENDS);
    const closedWeekends = new Case(snapshot, 2, WEEKENDS);
    expect(closedWeekends.open('THIRD_PARTY_CONSULTATIONS')).toMatchObject({
      baseDate: dateOn(12),
      dueDate: dateOn(14),
    });
    expect(closedWeekends.try(['MEMBER'], 'joinAsThirdParty', 14).allowed).toBe(true);
    expect(refusal(closedWeekends.try(['MEMBER'], 'joinAsThirdParty', 15)).code).toBe('DEADLINE_PASSED');
  });

  it('records each party agreeing that consultations failed, once', () => {
    const one = Case.filed().take(C, 'agreeEarlyPanelRequest', 5);
    expect(one.snapshot.agreements).toEqual({ EARLY_PANEL_REQUEST: ['COMPLAINANT'] });
    expect(refusal(one.try(C, 'agreeEarlyPanelRequest', 6)).code).toBe('INVALID_TRANSITION');
    const both = one.take(R, 'agreeEarlyPanelRequest', 6);
    expect(both.snapshot.agreements).toEqual({
      EARLY_PANEL_REQUEST: ['COMPLAINANT', 'RESPONDENT'],
    });
  });
});

describe('requestPanel (DSU 4.3, 4.7, 4.8, 5.4)', () => {
  const consulting = () =>
    Case.filed().run([
      [R, 'replyToRequest', 2],
      [R, 'enterConsultations', 5],
    ]);

  it('waits 60 days after the request when nothing was missed', () => {
    const answer = refusal(consulting().try(C, 'requestPanel', 59));
    expect(answer).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: dateOn(60) });
    expect(answer.message).toContain('DSU 4.7');
    expect(answer.message).toContain('agreeEarlyPanelRequest');
    expect(consulting().try(C, 'requestPanel', on(60, '00:00:00')).allowed).toBe(true);
  });

  it('allows the request once the reply deadline is missed, naming it while it runs', () => {
    const filed = Case.filed();
    const waiting = refusal(filed.try(C, 'requestPanel', 10));
    expect(waiting.allowedFrom).toBe(dateOn(60));
    expect(waiting.message).toContain(`does not reply by ${dateOn(10)}`);
    expect(filed.try(C, 'requestPanel', on(11, '00:00:00')).allowed).toBe(true);
  });

  it('allows the request once the consultation deadline is missed', () => {
    const replied = Case.filed().take(R, 'replyToRequest', 2);
    expect(refusal(replied.try(C, 'requestPanel', 30)).code).toBe('NOT_YET_ALLOWED');
    expect(replied.try(C, 'requestPanel', 31).allowed).toBe(true);
  });

  it('allows the request early when both parties agree, not when one does', () => {
    const one = consulting().take(R, 'agreeEarlyPanelRequest', 15);
    expect(refusal(one.try(C, 'requestPanel', 16)).code).toBe('NOT_YET_ALLOWED');
    expect(one.take(C, 'agreeEarlyPanelRequest', 16).try(C, 'requestPanel', 16).allowed).toBe(true);
  });

  it('shortens the wait to 20 days in cases of urgency', () => {
    const urgent = Case.filed({ urgent: true }).run([
      [R, 'replyToRequest', 2],
      [R, 'enterConsultations', 5],
    ]);
    expect(refusal(urgent.try(C, 'requestPanel', 19)).allowedFrom).toBe(dateOn(20));
    expect(urgent.try(C, 'requestPanel', 20).allowed).toBe(true);
  });

  it('holds the complainant to 60 days when good offices began within them (DSU 5.4)', () => {
    const goodOffices = Case.filed({ urgent: true }).take(R, 'offerGoodOffices', 5);
    expect(goodOffices.snapshot.goodOfficesSince).toEqual(on(5));
    // The reply was missed and the urgent wait is over, yet good offices hold the request back.
    const answer = refusal(goodOffices.try(C, 'requestPanel', 40));
    expect(answer).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: dateOn(60) });
    expect(answer.message).toContain('DSU 5.4');
    expect(goodOffices.try(C, 'requestPanel', 60).allowed).toBe(true);
    // Ending the good offices does not lift the wait; a joint agreement does.
    const ended = goodOffices.take(C, 'endGoodOffices', 20);
    expect(ended.snapshot).toMatchObject({ goodOffices: false, goodOfficesSince: on(5) });
    expect(refusal(ended.try(C, 'requestPanel', 40)).code).toBe('NOT_YET_ALLOWED');
    const agreed = ended.run([
      [C, 'agreeEarlyPanelRequest', 21],
      [R, 'agreeEarlyPanelRequest', 22],
    ]);
    expect(agreed.try(C, 'requestPanel', 22).allowed).toBe(true);
  });

  it('ignores good offices that began after the first 60 days', () => {
    const late = Case.filed().take(['SECRETARIAT'], 'offerGoodOffices', 61);
    expect(late.try(C, 'requestPanel', 61).allowed).toBe(true);
  });

  it('settles the consultation deadlines and resets the meeting count', () => {
    const approval = Case.filed().take(R, 'replyToRequest', 2).approve(C, 'requestPanel', 61);
    expect(approval).toMatchObject({
      to: 'PANEL_REQUESTED',
      meet: [],
      miss: ['ENTER_CONSULTATIONS'],
      // Windows and waiting periods that ran their course, nobody at fault.
      lapse: ['EARLIEST_PANEL_REQUEST', 'THIRD_PARTY_CONSULTATIONS'],
      supersede: [],
    });
    expect(approval.state.bodyMeetingsSincePanelRequest).toBe(0);
  });
});

describe('good offices', () => {
  it('is a flag beside the stage, started and ended once each', () => {
    const started = reach('PANEL_PROCEEDINGS').take(SEC, 'offerGoodOffices', 95);
    expect(started.snapshot).toMatchObject({ stage: 'PANEL_PROCEEDINGS', goodOffices: true });
    expect(refusal(started.try(C, 'offerGoodOffices', 96)).code).toBe('INVALID_TRANSITION');
    expect(refusal(reach('PANEL_PROCEEDINGS').try(C, 'endGoodOffices', 96)).code).toBe('INVALID_TRANSITION');
    expect(started.take(R, 'endGoodOffices', 96).snapshot.goodOffices).toBe(false);
  });
});

describe('extensions agreed by the parties', () => {
  it('marks the running row EXTENDED and opens the new one', () => {
    const extended = Case.filed().take(SEC, 'recordExtension', 8, {
      extension: { rule: 'ENTER_CONSULTATIONS', until: dateOn(45) },
    });
    expect(extended.statuses('ENTER_CONSULTATIONS')).toEqual(['EXTENDED', 'OPEN']);
    expect(extended.open('ENTER_CONSULTATIONS')).toMatchObject({ baseDate: dateOn(45) });
    // The respondent now has until day 45: no early panel request on day 31.
    expect(refusal(extended.take(R, 'replyToRequest', 9).try(C, 'requestPanel', 31)).code).toBe('NOT_YET_ALLOWED');
  });

  it('refuses limits the parties cannot extend, ended ones, and shorter ones', () => {
    const filed = Case.filed();
    const cannot = { extension: { rule: 'THIRD_PARTY_CONSULTATIONS' as const, until: dateOn(20) } };
    expect(refusal(filed.try(SEC, 'recordExtension', 5, cannot)).message).toMatch(/cannot extend/);
    const reply = (until: string) => ({ extension: { rule: 'REPLY_TO_REQUEST' as const, until } });
    expect(refusal(filed.try(SEC, 'recordExtension', 11, reply(dateOn(20)))).code).toBe('DEADLINE_PASSED');
    expect(refusal(filed.try(SEC, 'recordExtension', 5, reply(dateOn(9)))).code).toBe('INVALID_TRANSITION');
    expect(refusal(filed.try(SEC, 'recordExtension', 5)).code).toBe('INVALID_TRANSITION');
    expect(filed.try(C, 'recordExtension', 5, reply(dateOn(20)))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('allowedActions', () => {
  it('lists what the complainant may do now, and the panel request for later', () => {
    const consulting = reach('IN_CONSULTATIONS');
    const { now, later } = allowedActions(consulting.snapshot, C, on(30), {});
    expect(now).toEqual(['agreeEarlyPanelRequest', 'offerGoodOffices', 'notifyMutuallyAgreedSolution', 'withdraw']);
    expect(later).toEqual([expect.objectContaining({ action: 'requestPanel', allowedFrom: dateOn(60) })]);
    expect(allowedActions(consulting.snapshot, C, on(60), {}).now).toContain('requestPanel');
  });

  it('lists nothing for a member once the third-party window has closed', () => {
    const { snapshot } = reach('IN_CONSULTATIONS');
    expect(allowedActions(snapshot, ['MEMBER'], on(5), {}).now).toEqual(['joinAsThirdParty']);
    expect(allowedActions(snapshot, ['MEMBER'], on(11), {})).toEqual({ now: [], later: [] });
  });
});

describe('sweepDeadlines', () => {
  it('reports run-out rows: deadlines MISSED, windows and waiting periods LAPSED', () => {
    const { snapshot } = Case.filed();
    expect(sweepDeadlines(snapshot, on(10))).toEqual([]);
    expect(sweepDeadlines(snapshot, on(11, '00:00:00'))).toEqual([
      { rule: 'REPLY_TO_REQUEST', status: 'MISSED' },
      { rule: 'THIRD_PARTY_CONSULTATIONS', status: 'LAPSED' },
    ]);
    // A waiting period is over at the start of its due day.
    expect(sweepDeadlines(snapshot, on(60, '00:00:00'))).toContainEqual({
      rule: 'EARLIEST_PANEL_REQUEST',
      status: 'LAPSED',
    });
  });
});

describe('establishment', () => {
  const requested = () => reach('PANEL_REQUESTED'); // requested on day 61

  it("opens a body meeting within 15 days at the complainant's request, once", () => {
    const asked = requested().take(C, 'requestBodyMeeting', 62);
    expect(asked.open('BODY_MEETING_ON_REQUEST').dueDate).toBe(dateOn(77));
    expect(refusal(asked.try(C, 'requestBodyMeeting', 63)).code).toBe('INVALID_TRANSITION');
    // DSU 6.1, footnote 5: the meeting asked for may come within 15 days of the request.
    expect(asked.approve(BODY, 'recordBodyMeeting', 70).meet).toEqual(['BODY_MEETING_ON_REQUEST']);
  });

  it('establishes the panel at the second meeting with the request on its agenda (DSU 6.1)', () => {
    const first = requested().take(BODY, 'recordBodyMeeting', 75);
    expect(first.snapshot.bodyMeetingsSincePanelRequest).toBe(1);
    const second = refusal(first.try(BODY, 'recordBodyMeeting', 95));
    expect(second.message).toContain('second meeting the panel is established');
    expect(first.try(BODY, 'establishPanel', 95)).toMatchObject({ allowed: true, to: 'PANEL_ESTABLISHED' });
  });

  it('lets the complainant defer its own request: that meeting does not count', () => {
    const deferred = requested().take(C, 'deferPanelRequest', 75);
    expect(deferred.snapshot.bodyMeetingsSincePanelRequest).toBe(0);
    expect(refusal(requested().try(R, 'deferPanelRequest', 75)).code).toBe('FORBIDDEN');
    expect(deferred.try(BODY, 'recordBodyMeeting', 95).allowed).toBe(true);
  });

  it('puts a request on the agenda of meetings 11 days after it, unless a meeting was asked for', () => {
    const tooSoon = refusal(requested().try(BODY, 'establishPanel', 71));
    expect(tooSoon.message).toContain(`on the agenda of meetings from ${dateOn(72)}`);
    expect(requested().try(BODY, 'establishPanel', 72).allowed).toBe(true);
    const asked = requested().take(C, 'requestBodyMeeting', 62);
    expect(asked.try(BODY, 'establishPanel', 71).allowed).toBe(true);
  });

  it('is a decision of the body: at a meeting convened with notice and a quorum', () => {
    const base = requested();
    const day = dateOn(80);
    const at = (meeting: Parameters<typeof meetingOn>[1]) => base.try(BODY, 'establishPanel', 80, { meeting: meetingOn(day, meeting) });
    expect(at({}).allowed).toBe(true);
    expect(decide(base.snapshot, BODY, 'establishPanel', on(80), {})).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('meeting of the body'),
    });
    expect(refusal(at({ convenedOn: addDays(day, -9) })).message).toContain('convened on');
    expect(refusal(at({ present: 1 })).message).toContain('1 of 30 members attended');
    expect(refusal(at({ present: null })).message).toContain('recordMeetingAttendance');
    expect(refusal(at({ heldOn: dateOn(79) })).message).toContain('not held today');
    expect(at({ present: 15 }).allowed).toBe(true);
    // The worker never decides for the body.
    expect(refusal(base.try(['SYSTEM'], 'establishPanel', 80)).code).toBe('FORBIDDEN');
  });

  it('opens the limits that run from establishment', () => {
    const approval = requested().approve(BODY, 'establishPanel', 75);
    const established = dateOn(75);
    expect(approval.open.map((o) => [o.rule, o.dueDate])).toEqual([
      ['TERMS_OF_REFERENCE', addDays(established, 20)],
      ['FIVE_PANELISTS', addDays(established, 10)],
      ['THIRD_PARTY_PANEL', addDays(established, 10)],
      ['PANEL_COMPOSITION', addDays(established, 20)],
      ['CANDIDATE_CHALLENGES', addDays(established, 15)],
      ['PANEL_CIRCULATION', addMonths(established, 9)],
      ['ADOPTION_GUIDELINE', addMonths(established, 9)],
    ]);
    expect(approval.actingAs).toBe('BODY');
  });

  it('keeps the panel-stage windows for 10 and 20 days', () => {
    const established = reach('PANEL_ESTABLISHED');
    expect(established.try(['THIRD_PARTY'], 'joinPanelAsThirdParty', 85).allowed).toBe(true);
    expect(refusal(established.try(['MEMBER'], 'joinPanelAsThirdParty', 86)).code).toBe('DEADLINE_PASSED');
    expect(established.try(SEC, 'agreeFivePanelists', 85).allowed).toBe(true);
    expect(refusal(established.try(SEC, 'agreeFivePanelists', 86)).code).toBe('DEADLINE_PASSED');
    expect(established.try(SEC, 'agreeTermsOfReference', 95).allowed).toBe(true);
    expect(refusal(established.try(SEC, 'agreeTermsOfReference', 96)).code).toBe('DEADLINE_PASSED');
  });

  it('lets a party turn to the Director-General after 20 days without agreement (DSU 8.7)', () => {
    const established = reach('PANEL_ESTABLISHED');
    expect(refusal(established.try(R, 'requestDgAppointment', 95))).toMatchObject({
      code: 'NOT_YET_ALLOWED',
      allowedFrom: dateOn(96),
    });
    const asked = established.approve(R, 'requestDgAppointment', 96);
    expect(asked).toMatchObject({ miss: ['PANEL_COMPOSITION'] });
    expect(asked.open).toEqual([{ rule: 'DG_APPOINTMENT', baseDate: dateOn(106), dueDate: dateOn(106) }]);
    const composed = established.apply(asked, 96).approve(SEC, 'composePanel', 104);
    expect(composed.meet).toEqual(['DG_APPOINTMENT']);
    // The windows that ran out unused lapse: nobody was at fault, nobody agreed.
    expect([...composed.lapse].sort()).toEqual(['CANDIDATE_CHALLENGES', 'FIVE_PANELISTS']);
  });

  it('gives the panel 6 months from composition, 3 when urgent (DSU 12.8)', () => {
    const composed = reach('PANEL_COMPOSED');
    expect(composed.open('PANEL_REPORT').dueDate).toBe(addMonths(dateOn(92), 6));
    const urgent = Case.filed({ urgent: true }).run([
      [R, 'enterConsultations', 5],
      [C, 'requestPanel', 21],
      [BODY, 'establishPanel', 32],
      [SEC, 'composePanel', 48],
    ]);
    expect(urgent.open('PANEL_REPORT').dueDate).toBe(addMonths(dateOn(48), 3));
  });
});

describe('composition by election (DSU 8.5, 8.6)', () => {
  const established = () => reach('PANEL_ESTABLISHED'); // day 75

  it('opens the election once the 10 days to agree on five panelists have passed', () => {
    expect(refusal(established().try(SEC, 'openPanelElection', 85))).toMatchObject({
      code: 'NOT_YET_ALLOWED',
      allowedFrom: dateOn(86),
    });
    expect(established().try(SEC, 'openPanelElection', 86).allowed).toBe(true);
    // An agreement on five settles the question at once.
    const five = established().take(SEC, 'agreeFivePanelists', 78);
    expect(five.snapshot.events.FIVE_PANELISTS_AGREED).toBe(dateOn(78));
    expect(five.try(SEC, 'openPanelElection', 78).allowed).toBe(true);
  });

  it('never reads the expiry of the window as an agreement on five', () => {
    const lapsed = established().take(SEC, 'openPanelElection', 86).take(SEC, 'composePanel', 92);
    expect(lapsed.statuses('FIVE_PANELISTS')).toEqual(['LAPSED']);
    expect(lapsed.snapshot.events.FIVE_PANELISTS_AGREED).toBeUndefined();
  });

  it('composes the panel only once the challenge period is over', () => {
    expect(refusal(established().try(SEC, 'composePanel', 90))).toMatchObject({
      code: 'NOT_YET_ALLOWED',
      allowedFrom: dateOn(91),
    });
    expect(established().try(SEC, 'composePanel', 91).allowed).toBe(true);
  });
});
