import { addDays, addMonths, daysBetween, type ClosedDays } from './calendar';
import { dueAutomaticActions } from './engine';
import { Case, dateOn, on, reach } from './procedure.testing';

const C = ['COMPLAINANT'] as const;
const R = ['RESPONDENT'] as const;
const SEC = ['SECRETARIAT'] as const;
const BODY = ['BODY'] as const;
const PANEL = ['PANEL'] as const;

function refusal(decision: ReturnType<Case['try']>) {
  if (decision.allowed) throw new Error(`expected a refusal, ${decision.action} was allowed`);
  return decision;
}

describe('suspension (DSU 12.12)', () => {
  const proceedings = () => reach('PANEL_PROCEEDINGS'); // day 90
  const suspended = () => reach('SUSPENDED'); // asked on day 100, suspended on day 101

  it('needs the complainant to ask first', () => {
    const answer = refusal(proceedings().try(PANEL, 'suspend', 95));
    expect(answer.code).toBe('INVALID_TRANSITION');
    expect(answer.message).toContain("complainant's request");
    const asked = proceedings().take(C, 'requestSuspension', 95);
    expect(refusal(asked.try(C, 'requestSuspension', 96)).code).toBe('INVALID_TRANSITION');
    expect(asked.try(PANEL, 'suspend', 96).allowed).toBe(true);
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
    // Rows that ran out before the suspension are settled, not paused.
    expect([...approval.meet].sort()).toEqual(['TERMS_OF_REFERENCE', 'THIRD_PARTY_PANEL']);
    expect(approval.pause).toEqual(
      ['PANEL_CIRCULATION', 'ADOPTION_GUIDELINE', 'PANEL_REPORT'].map((rule) => ({
        rule,
        remainingDays: daysBetween(dateOn(101), before.open(rule as 'PANEL_REPORT').baseDate),
      })),
    );
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
    const composedOn = dayOfDate('2025-05-29');
    const proceedings = Case.filed({ closed: weekends }).run([
      [R, 'enterConsultations', 5],
      [C, 'requestPanel', 61],
      [BODY, 'establishPanel', 70],
      [SEC, 'composePanel', composedOn],
      [PANEL, 'fixTimetable', composedOn + 1],
    ]);
    // Six months end on Saturday 29 November; the due date moves to Monday 1 December.
    expect(proceedings.open('PANEL_REPORT')).toMatchObject({
      baseDate: '2025-11-29',
      dueDate: '2025-12-01',
    });
    const friday = dayOfDate('2025-11-28');
    const suspended = proceedings.run([
      [C, 'requestSuspension', friday],
      [PANEL, 'suspend', friday],
    ]);
    expect(suspended.open('PANEL_REPORT').pausedRemainingDays).toBe(1);
    const resumed = suspended.take(C, 'resume', dayOfDate('2026-01-05'));
    expect(resumed.open('PANEL_REPORT')).toMatchObject({
      baseDate: '2026-01-06',
      dueDate: '2026-01-06',
    });
  });

  it('records a deadline that ran out before the suspension as missed', () => {
    // By day 300 the 6-month report limit (from day 85) has passed.
    const late = proceedings().take(C, 'requestSuspension', 299).approve(PANEL, 'suspend', 300);
    expect(late.miss).toEqual(['PANEL_REPORT']);
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
    expect(approval.resume.map((r) => r.rule)).toEqual([
      'PANEL_CIRCULATION',
      'ADOPTION_GUIDELINE',
      'PANEL_REPORT',
    ]);
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
    expect([...lapse.cancel].sort()).toEqual([
      'ADOPTION_GUIDELINE',
      'PANEL_CIRCULATION',
      'PANEL_REPORT',
    ]);
    expect(lapse.state.stageBeforeSuspension).toBeNull();
  });
});

describe('reports', () => {
  it('issues the descriptive part once, then the interim report', () => {
    const proceedings = reach('PANEL_PROCEEDINGS');
    expect(refusal(proceedings.try(PANEL, 'issueInterimReport', 150)).message).toContain(
      'descriptive part',
    );
    const described = proceedings.take(PANEL, 'issueDescriptivePart', 150);
    expect(described.snapshot.events).toEqual({
      REPLIED: dateOn(2),
      DESCRIPTIVE_PART_ISSUED: dateOn(150),
    });
    expect(refusal(described.try(PANEL, 'issueDescriptivePart', 151)).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(described.try(PANEL, 'issueInterimReport', 151)).toMatchObject({
      allowed: true,
      to: 'INTERIM_REVIEW',
    });
  });

  it('circulates only a final report', () => {
    const interim = reach('INTERIM_REVIEW');
    expect(refusal(interim.try(SEC, 'circulateReport', 240)).code).toBe('INVALID_TRANSITION');
    const final = interim.approve(PANEL, 'issueFinalReport', 250);
    expect(final.meet).toEqual(['PANEL_REPORT']);
    const circulated = interim.apply(final, 250).approve(SEC, 'circulateReport', 270);
    expect(circulated).toMatchObject({ to: 'REPORT_CIRCULATED', meet: ['PANEL_CIRCULATION'] });
    expect(circulated.open.map((o) => [o.rule, o.dueDate])).toEqual([
      ['ADOPTION_EARLIEST', dateOn(290)],
      ['PANEL_REPORT_ADOPTION', dateOn(330)],
    ]);
  });

  it('lets the chair alone inform the body of a delay', () => {
    const proceedings = reach('PANEL_PROCEEDINGS');
    expect(proceedings.try(['PANEL', 'PANEL_CHAIR'], 'informBodyOfDelay', 95).allowed).toBe(true);
    expect(proceedings.try(PANEL, 'informBodyOfDelay', 95)).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('adoption and appeal', () => {
  const circulated = () => reach('REPORT_CIRCULATED'); // day 270

  it('adopts a panel report from day 20 after circulation (DSU 16.1)', () => {
    const early = refusal(circulated().try(BODY, 'adoptReport', 289));
    expect(early).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: dateOn(290) });
    expect(early.message).toContain('DSU 16.1');
    const adopted = circulated().approve(BODY, 'adoptReport', on(290, '00:00:00'));
    expect(adopted).toMatchObject({
      to: 'ADOPTED',
      meet: ['PANEL_REPORT_ADOPTION', 'ADOPTION_GUIDELINE', 'ADOPTION_EARLIEST'],
    });
    expect(adopted.state.events.REPORT_ADOPTED).toBe(dateOn(290));
    expect(adopted.open.map((o) => [o.rule, o.dueDate])).toEqual([
      ['RPT_INTENTIONS', dateOn(320)],
      ['RPT_AGREEMENT', dateOn(335)],
    ]);
  });

  it('accepts an appeal only before adoption', () => {
    expect(circulated().try(R, 'appeal', 280).allowed).toBe(true);
    expect(refusal(reach('ADOPTED').try(R, 'appeal', 301)).code).toBe('INVALID_TRANSITION');
  });

  it('replaces the 9-month guideline by 12 months from establishment on appeal (DSU 20)', () => {
    const approval = circulated().approve(C, 'appeal', 280);
    expect(approval).toMatchObject({
      to: 'UNDER_APPEAL',
      extend: ['ADOPTION_GUIDELINE'],
      cancel: ['ADOPTION_EARLIEST', 'PANEL_REPORT_ADOPTION'],
    });
    expect(approval.open).toEqual([
      {
        rule: 'ADOPTION_GUIDELINE_APPEALED',
        baseDate: addMonths(dateOn(70), 12),
        dueDate: addMonths(dateOn(70), 12),
      },
      { rule: 'APPELLATE_REPORT', baseDate: dateOn(340), dueDate: dateOn(340) },
      { rule: 'APPELLATE_REPORT_MAX', baseDate: dateOn(370), dueDate: dateOn(370) },
    ]);
    const appealed = circulated().apply(approval, 280);
    expect(appealed.statuses('ADOPTION_GUIDELINE')).toEqual(['EXTENDED']);
  });

  it('extends the 9-month guideline even after it was recorded missed', () => {
    const { snapshot } = circulated();
    const swept = new Case(
      {
        ...snapshot,
        deadlines: snapshot.deadlines.map((row) =>
          row.rule === 'ADOPTION_GUIDELINE' ? { ...row, status: 'MISSED' as const } : row,
        ),
      },
      400,
    );
    const approval = swept.approve(R, 'appeal', 400);
    expect(approval.extend).toEqual(['ADOPTION_GUIDELINE']);
    expect(swept.apply(approval, 400).statuses('ADOPTION_GUIDELINE')).toEqual(['EXTENDED']);
  });

  it('adopts the appellate report once circulated, recording late appellate reports', () => {
    const appealed = reach('UNDER_APPEAL'); // appeal on day 280
    expect(refusal(appealed.try(BODY, 'adoptAppellateReport', 300)).message).toContain(
      'not been circulated',
    );
    const report = appealed.approve(SEC, 'circulateAppellateReport', 380);
    expect(report.miss).toEqual(['APPELLATE_REPORT', 'APPELLATE_REPORT_MAX']);
    expect(report.open).toEqual([
      { rule: 'APPELLATE_REPORT_ADOPTION', baseDate: dateOn(410), dueDate: dateOn(410) },
    ]);
    const withReport = appealed.apply(report, 380);
    expect(refusal(withReport.try(SEC, 'circulateAppellateReport', 381)).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(withReport.approve(BODY, 'adoptAppellateReport', 400)).toMatchObject({
      to: 'ADOPTED',
      meet: ['APPELLATE_REPORT_ADOPTION', 'ADOPTION_GUIDELINE_APPEALED'],
    });
  });
});
