import { addDays, addMonths, daysBetween, type ClosedDays } from './dates';
import { dueAutomaticActions } from './engine';
import { Case, dateOn, on, reach, timetableFrom } from './procedure.testing';

const C = ['COMPLAINANT'] as const;
const R = ['RESPONDENT'] as const;
const SEC = ['SECRETARIAT'] as const;
const BODY = ['BODY'] as const;
const PANEL = ['PANEL'] as const;

const GUIDELINES = ['PANEL_CIRCULATION', 'ADOPTION_GUIDELINE', 'PANEL_REPORT'];

function refusal(decision: ReturnType<Case['try']>) {
  if (decision.allowed) throw new Error(`expected a refusal, ${decision.action} was allowed`);
  return decision;
}

describe('suspension (DSU 12.12)', () => {
  const proceedings = () => reach('PANEL_PROCEEDINGS'); // timetable fixed on day 95
  const suspended = () => reach('SUSPENDED'); // asked on day 100, suspended on day 101

  it('needs the complainant to ask first', () => {
    const answer = refusal(proceedings().try(PANEL, 'suspend', 96));
    expect(answer.code).toBe('INVALID_TRANSITION');
    expect(answer.message).toContain("complainant's request");
    const asked = proceedings().take(C, 'requestSuspension', 96);
    expect(refusal(asked.try(C, 'requestSuspension', 97)).code).toBe('INVALID_TRANSITION');
    expect(asked.try(PANEL, 'suspend', 97).allowed).toBe(true);
  });

  it('stops every running clock and starts the 12 months', () => {
    const before = proceedings().take(C, 'requestSuspension', 100);
    const approval = before.approve(PANEL, 'suspend', 101);
    expect(approval.to).toBe('SUSPENDED');
    expect(approval.state).toMatchObject({
      stageBeforeSuspension: 'PANEL_PROCEEDINGS',
      suspendedAt: on(101),
    });
    expect(approval.state.events.SUSPENSION_REQUESTED).toBeUndefined();
    // Windows that ran out before the suspension lapse; they are not paused.
    expect([...approval.lapse].sort()).toEqual(['TERMS_OF_REFERENCE', 'THIRD_PARTY_PANEL']);
    const paused = new Map(approval.pause.map((p) => [p.rule, p.remainingDays]));
    for (const rule of GUIDELINES) {
      expect(paused.get(rule as 'PANEL_REPORT')).toBe(daysBetween(dateOn(101), before.open(rule as 'PANEL_REPORT').baseDate));
    }
    // The panel's timetable stops with the rest.
    expect(paused.get('TIMETABLE_FIRST_SUBSTANTIVE_MEETING')).toBe(137 - 101);
    expect(approval.open).toEqual([
      {
        rule: 'SUSPENSION_LIMIT',
        baseDate: addMonths(dateOn(101), 12),
        dueDate: addMonths(dateOn(101), 12),
      },
    ]);
  });

  it('counts the days left to the legal end, not to a due date moved off a weekend', () => {
    const weekends: ClosedDays = { weekdays: ['SATURDAY', 'SUNDAY'] };
    const dayOfDate = (date: string) => daysBetween(dateOn(0), date);
    const composedOn = dayOfDate('2025-05-30');
    const proceedings = Case.filed({ closed: weekends }).run([
      [R, 'enterConsultations', 5],
      [C, 'requestPanel', 61],
      [BODY, 'establishPanel', 72],
      [SEC, 'composePanel', composedOn],
      [PANEL, 'fixTimetable', composedOn + 1, timetableFrom(composedOn + 1)],
    ]);
    // Six months end on Sunday 30 November; the due date moves to Monday 1 December.
    expect(proceedings.open('PANEL_REPORT')).toMatchObject({
      baseDate: '2025-11-30',
      dueDate: '2025-12-01',
    });
    const friday = dayOfDate('2025-11-28');
    const suspended = proceedings.run([
      [C, 'requestSuspension', friday],
      [PANEL, 'suspend', friday],
    ]);
    expect(suspended.open('PANEL_REPORT').pausedRemainingDays).toBe(2);
    const resumed = suspended.take(C, 'resume', dayOfDate('2026-01-05'));
    expect(resumed.open('PANEL_REPORT')).toMatchObject({
      baseDate: '2026-01-07',
      dueDate: '2026-01-07',
    });
  });

  it('records a deadline that ran out before the suspension as missed', () => {
    // By day 300 the 6-month report limit (from day 92) has passed, as has most of the timetable.
    const late = proceedings().take(C, 'requestSuspension', 299).approve(PANEL, 'suspend', 300);
    expect(late.miss).toContain('PANEL_REPORT');
    expect(late.miss).toContain('TIMETABLE_FIRST_SUBSTANTIVE_MEETING');
    // The parties' optional steps lapse; nobody is at fault.
    expect(late.lapse).toContain('TIMETABLE_REVIEW_REQUESTS');
    expect(late.pause.map((p) => p.rule)).toEqual(['PANEL_CIRCULATION', 'ADOPTION_GUIDELINE']);
  });

  it('resumes at the stage it left, with the days that were left', () => {
    const paused = suspended();
    const approval = paused.approve(C, 'resume', 301);
    expect(approval.to).toBe('PANEL_PROCEEDINGS');
    expect(approval.meet).toEqual(['SUSPENSION_LIMIT']);
    expect(approval.state).toMatchObject({ stageBeforeSuspension: null, suspendedAt: null });
    const before = reach('PANEL_PROCEEDINGS');
    for (const resumed of approval.resume) {
      // 200 days suspended: every limit ends 200 days later than it would have.
      expect(resumed.baseDate).toBe(addDays(before.open(resumed.rule).baseDate, 200));
    }
    expect(approval.resume.map((r) => r.rule)).toEqual(expect.arrayContaining(GUIDELINES));
    const { deadlines } = paused.apply(approval, 301).snapshot;
    const running = deadlines.filter((row) => row.status === 'OPEN');
    expect(running.every((row) => row.pausedRemainingDays === null)).toBe(true);
  });

  it('cannot resume after 12 months: the authority has lapsed', () => {
    const limit = suspended().open('SUSPENSION_LIMIT').dueDate;
    const lastDay = daysBetween(dateOn(0), limit);
    expect(suspended().try(PANEL, 'resume', on(lastDay, '23:59:59')).allowed).toBe(true);
    const late = refusal(suspended().try(PANEL, 'resume', lastDay + 1));
    expect(late.code).toBe('DEADLINE_PASSED');
    expect(late.message).toContain('DSU 12.12');
  });

  it('lapses only once more than 12 months have passed, by the system', () => {
    const paused = suspended();
    const limit = paused.open('SUSPENSION_LIMIT').dueDate;
    const lastDay = daysBetween(dateOn(0), limit);
    const early = refusal(paused.try(['SYSTEM'], 'lapse', on(lastDay, '23:59:59')));
    expect(early).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: addDays(limit, 1) });
    expect(dueAutomaticActions(paused.snapshot, on(lastDay), {})).toEqual([]);
    const when = on(lastDay + 1, '00:00:00');
    expect(dueAutomaticActions(paused.snapshot, when, {})).toEqual(['lapse']);
    const lapse = paused.approve(['SYSTEM'], 'lapse', lastDay + 1);
    expect(lapse).toMatchObject({ to: 'LAPSED', miss: ['SUSPENSION_LIMIT'] });
    // Everything paused no longer applies: superseded, none missed.
    expect(lapse.supersede).toEqual(expect.arrayContaining(GUIDELINES));
    expect(lapse.supersede).toContain('TIMETABLE_CIRCULATION');
    expect(lapse.state.stageBeforeSuspension).toBeNull();
  });
});

describe('the panel at work (DSU 12, 15; Appendix 3)', () => {
  const proceedings = () => reach('PANEL_PROCEEDINGS');
  const described = () =>
    proceedings().run([
      [PANEL, 'holdFirstMeeting', 137],
      [PANEL, 'holdSecondMeeting', 158],
      [PANEL, 'issueDescriptivePart', 172],
    ]);

  it('opens a dated row for each step of the timetable the panel adopted', () => {
    expect(proceedings().open('TIMETABLE_FIRST_SUBSTANTIVE_MEETING').dueDate).toBe(dateOn(137));
    expect(proceedings().open('TIMETABLE_REVIEW_REQUESTS').dueDate).toBe(dateOn(207));
    expect(refusal(reach('PANEL_COMPOSED').try(PANEL, 'fixTimetable', 95)).message).toContain('needs the timetable');
  });

  it('records the meetings held, meeting their steps, in order', () => {
    expect(refusal(proceedings().try(PANEL, 'holdSecondMeeting', 140)).message).toContain('first');
    const first = proceedings().approve(PANEL, 'holdFirstMeeting', 137);
    expect([...first.meet].sort()).toEqual(['TIMETABLE_FIRST_SUBSTANTIVE_MEETING', 'TIMETABLE_THIRD_PARTY_SESSION']);
    const late = proceedings().approve(SEC, 'holdFirstMeeting', 140);
    expect(late.miss).toContain('TIMETABLE_FIRST_SUBSTANTIVE_MEETING');
    expect(refusal(proceedings().take(PANEL, 'holdFirstMeeting', 137).try(PANEL, 'holdFirstMeeting', 138)).code).toBe('INVALID_TRANSITION');
  });

  it('issues no interim report before the meetings are held or dispensed with', () => {
    const noMeetings = proceedings().take(PANEL, 'issueDescriptivePart', 150);
    expect(refusal(noMeetings.try(PANEL, 'issueInterimReport', 151)).message).toContain('first substantive meeting has not been held');
    const oneMeeting = proceedings().run([
      [PANEL, 'holdFirstMeeting', 137],
      [PANEL, 'issueDescriptivePart', 150],
    ]);
    expect(refusal(oneMeeting.try(PANEL, 'issueInterimReport', 151)).message).toContain('second');
    // The panel may decide not to hold the second meeting, with reasons on the docket.
    expect(refusal(oneMeeting.try(PANEL, 'dispenseWithSecondMeeting', 151)).message).toContain('reasons');
    const dispensed = oneMeeting.approve(PANEL, 'dispenseWithSecondMeeting', 151, {
      reasons: 'The parties agreed that written rebuttals suffice.',
    });
    expect(dispensed.supersede).toEqual(['TIMETABLE_SECOND_SUBSTANTIVE_MEETING']);
    expect(oneMeeting.apply(dispensed, 151).try(PANEL, 'issueInterimReport', 152).allowed).toBe(true);
  });

  it('issues the descriptive part once, then the interim report', () => {
    const meetings = proceedings().run([
      [PANEL, 'holdFirstMeeting', 137],
      [PANEL, 'holdSecondMeeting', 158],
    ]);
    expect(refusal(meetings.try(PANEL, 'issueInterimReport', 160)).message).toContain('descriptive part');
    const issued = meetings.take(PANEL, 'issueDescriptivePart', 172);
    expect(issued.snapshot.events.DESCRIPTIVE_PART_ISSUED).toBe(dateOn(172));
    expect(refusal(issued.try(PANEL, 'issueDescriptivePart', 173)).code).toBe('INVALID_TRANSITION');
    expect(issued.try(PANEL, 'issueInterimReport', 173)).toMatchObject({ allowed: true, to: 'INTERIM_REVIEW' });
  });

  it("lets the parties comment on the descriptive part within the panel's period", () => {
    expect(described().try(C, 'commentOnDescriptivePart', 186).allowed).toBe(true);
    expect(refusal(described().try(R, 'commentOnDescriptivePart', 187)).code).toBe('DEADLINE_PASSED');
    expect(refusal(described().try(['THIRD_PARTY'], 'commentOnDescriptivePart', 180)).code).toBe('FORBIDDEN');
  });

  it('gives the parties the interim review period of the timetable, kept whole when the report is late', () => {
    const onTime = described().take(PANEL, 'issueInterimReport', 200);
    expect(onTime.open('TIMETABLE_REVIEW_REQUESTS').dueDate).toBe(dateOn(207));
    expect(onTime.try(R, 'commentOnInterimReport', 207).allowed).toBe(true);
    expect(refusal(onTime.try(R, 'commentOnInterimReport', 208)).code).toBe('DEADLINE_PASSED');
    // Ten days late: the parties still get their 7 days, counted from the actual report.
    const late = described().approve(PANEL, 'issueInterimReport', 210);
    expect(late.miss).toContain('TIMETABLE_INTERIM_REPORT');
    expect(late.extend).toEqual(['TIMETABLE_REVIEW_REQUESTS']);
    expect(late.open).toContainEqual({ rule: 'TIMETABLE_REVIEW_REQUESTS', baseDate: dateOn(217), dueDate: dateOn(217) });
  });

  it('issues the final report only after the interim review period', () => {
    const interim = described().take(PANEL, 'issueInterimReport', 200);
    expect(refusal(interim.try(PANEL, 'issueFinalReport', 201))).toMatchObject({
      code: 'NOT_YET_ALLOWED',
      allowedFrom: dateOn(208),
    });
    const final = interim.approve(PANEL, 'issueFinalReport', 208);
    expect(final.meet).toEqual(expect.arrayContaining(['PANEL_REPORT', 'TIMETABLE_INTERIM_REVIEW', 'TIMETABLE_FINAL_REPORT_TO_PARTIES']));
  });

  it('lets the panel move a step still to come, with a docketed reason', () => {
    const moved = proceedings().approve(PANEL, 'adjustTimetable', 100, {
      extension: { rule: 'TIMETABLE_FIRST_SUBSTANTIVE_MEETING', until: dateOn(150) },
    });
    expect(moved.extend).toEqual(['TIMETABLE_FIRST_SUBSTANTIVE_MEETING']);
    expect(moved.docketText).toContain(`to ${dateOn(150)}`);
    expect(
      refusal(
        proceedings().try(PANEL, 'adjustTimetable', 100, {
          extension: { rule: 'TIMETABLE_FIRST_SUBSTANTIVE_MEETING', until: dateOn(99) },
        }),
      ).message,
    ).toContain('past');
    expect(
      refusal(
        proceedings().try(PANEL, 'adjustTimetable', 100, {
          extension: { rule: 'PANEL_REPORT', until: dateOn(400) },
        }),
      ).message,
    ).toContain('not a step');
    expect(refusal(proceedings().try(SEC, 'adjustTimetable', 100)).code).toBe('FORBIDDEN');
  });

  it('circulates only a final report, and closes what is left of the timetable', () => {
    const interim = reach('INTERIM_REVIEW');
    expect(refusal(interim.try(SEC, 'circulateReport', 230)).code).toBe('INVALID_TRANSITION');
    const final = interim.take(PANEL, 'issueFinalReport', 235);
    const circulated = final.approve(SEC, 'circulateReport', 240);
    expect(circulated).toMatchObject({ to: 'REPORT_CIRCULATED' });
    expect(circulated.meet).toEqual(expect.arrayContaining(['PANEL_CIRCULATION', 'TIMETABLE_CIRCULATION']));
    expect(circulated.open.map((o) => [o.rule, o.dueDate])).toEqual([
      ['ADOPTION_EARLIEST', dateOn(260)],
      ['PANEL_REPORT_ADOPTION', dateOn(300)],
    ]);
    const after = final.apply(circulated, 240).snapshot.deadlines;
    expect(after.filter((row) => row.rule.startsWith('TIMETABLE_') && row.status === 'OPEN')).toEqual([]);
  });

  it('lets the chair alone inform the body of a delay, with reasons', () => {
    const reasons = { reasons: 'The complexity of the issues; the report is expected by 1 May.' };
    expect(proceedings().try(['PANEL', 'PANEL_CHAIR'], 'informBodyOfDelay', 95, reasons).allowed).toBe(true);
    expect(proceedings().try(PANEL, 'informBodyOfDelay', 95, reasons)).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(proceedings().try(['PANEL', 'PANEL_CHAIR'], 'informBodyOfDelay', 95)).message).toContain('reasons');
  });
});
