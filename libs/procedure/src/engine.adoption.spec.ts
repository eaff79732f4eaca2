import { addDays, addMonths } from './dates';
import { dueAutomaticActions } from './engine';
import { Case, dateOn, meetingOn, on, reach } from './procedure.testing';

const C = ['COMPLAINANT'] as const;
const R = ['RESPONDENT'] as const;
const SEC = ['SECRETARIAT'] as const;
const BODY = ['BODY'] as const;
const SYSTEM = ['SYSTEM'] as const;

function refusal(decision: ReturnType<Case['try']>) {
  if (decision.allowed) throw new Error(`expected a refusal, ${decision.action} was allowed`);
  return decision;
}

// Circulated on day 256: considered from day 276 (DSU 16.1), adopted by the end of day 316 (16.4).
const circulated = () => reach('REPORT_CIRCULATED');
const appealed = () => reach('UNDER_APPEAL'); // appeal on day 280

describe('adoption of the panel report (DSU 16)', () => {
  it('is considered from day 20 after circulation, at a meeting of the body', () => {
    const early = refusal(circulated().try(BODY, 'adoptReport', 275));
    expect(early).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: dateOn(276) });
    expect(early.message).toContain('DSU 16.1');
    const adopted = circulated().approve(BODY, 'adoptReport', on(276, '00:00:00'));
    expect(adopted).toMatchObject({ to: 'ADOPTED', actingAs: 'BODY' });
    expect(adopted.meet).toEqual(['PANEL_REPORT_ADOPTION', 'ADOPTION_GUIDELINE']);
    expect(adopted.lapse).toEqual(['ADOPTION_EARLIEST']);
    expect(adopted.state.events.REPORT_ADOPTED).toBe(dateOn(276));
    expect(adopted.open.map((o) => [o.rule, o.dueDate])).toEqual([
      ['RPT_INTENTIONS', dateOn(306)],
      ['RPT_AGREEMENT', dateOn(321)],
    ]);
  });

  it('needs a quorum and notice: one delegate present is not the body', () => {
    const lone = refusal(circulated().try(BODY, 'adoptReport', 290, { meeting: meetingOn(dateOn(290), { present: 1 }) }));
    expect(lone.message).toContain('quorum');
    const hasty = refusal(circulated().try(BODY, 'adoptReport', 290, { meeting: meetingOn(dateOn(290), { convenedOn: dateOn(285) }) }));
    expect(hasty.message).toContain('at least 10 days ahead');
  });

  it('never adopts a report the body decided by consensus not to adopt', () => {
    const rejected = circulated().approve(BODY, 'decideNotToAdopt', 290);
    expect(rejected).toMatchObject({ to: 'NOT_ADOPTED' });
    // The body decided within its 60 days: met, not missed.
    expect(rejected.meet).toEqual(['PANEL_REPORT_ADOPTION']);
    const after = circulated().apply(rejected, 290);
    expect(after.snapshot.deadlines.filter((row) => row.status === 'OPEN')).toEqual([]);
    // Nothing is left for the worker: no automatic adoption on day 61 or ever.
    expect(dueAutomaticActions(after.snapshot, on(400), {})).toEqual([]);
    expect(refusal(after.try(SYSTEM, 'adoptReportAutomatically', 400)).code).toBe('INVALID_TRANSITION');
    expect(refusal(after.try(R, 'appeal', 300)).code).toBe('INVALID_TRANSITION');
  });

  it('adopts automatically as of day 60, the limit met, however late the worker runs', () => {
    expect(dueAutomaticActions(circulated().snapshot, on(316, '23:59:59'), {})).toEqual([]);
    expect(dueAutomaticActions(circulated().snapshot, on(317, '00:00:00'), {})).toEqual(['adoptReportAutomatically']);
    const adopted = circulated().approve(SYSTEM, 'adoptReportAutomatically', on(320, '08:00:00'));
    expect(adopted.to).toBe('ADOPTED');
    expect(adopted.meet).toContain('PANEL_REPORT_ADOPTION');
    expect(adopted.miss).toEqual([]);
    expect(adopted.effectiveAt).toEqual(new Date(`${dateOn(316)}T23:59:59.999Z`));
    expect(adopted.state.events.REPORT_ADOPTED).toBe(dateOn(316));
    expect(adopted.docketText).toContain(`adopted as of ${dateOn(316)}`);
    // The reasonable-period limits count from the adoption, day 316, not from the worker's run.
    expect(adopted.open.map((o) => [o.rule, o.dueDate])).toEqual([
      ['RPT_INTENTIONS', addDays(dateOn(316), 30)],
      ['RPT_AGREEMENT', addDays(dateOn(316), 45)],
    ]);
  });

  it('keeps an appeal and a meeting possible throughout day 60, not after', () => {
    expect(circulated().try(R, 'appeal', on(316, '23:59:00')).allowed).toBe(true);
    expect(circulated().try(BODY, 'adoptReport', 316).allowed).toBe(true);
    const late = refusal(circulated().try(R, 'appeal', on(317, '00:00:01')));
    expect(late.code).toBe('DEADLINE_PASSED');
    expect(refusal(circulated().try(BODY, 'decideNotToAdopt', 317)).code).toBe('DEADLINE_PASSED');
  });
});

describe('appeal (DSU 16.4, 17)', () => {
  it('is possible only before adoption', () => {
    expect(circulated().try(R, 'appeal', 280).allowed).toBe(true);
    expect(refusal(reach('ADOPTED').try(R, 'appeal', 301)).code).toBe('INVALID_TRANSITION');
    expect(refusal(circulated().try(['THIRD_PARTY'], 'appeal', 280)).code).toBe('FORBIDDEN');
  });

  it('replaces the 9-month guideline by 12 months from establishment (DSU 20)', () => {
    const approval = circulated().approve(C, 'appeal', 280);
    expect(approval).toMatchObject({ to: 'UNDER_APPEAL', extend: ['ADOPTION_GUIDELINE'] });
    expect(approval.supersede).toEqual(['PANEL_REPORT_ADOPTION']);
    // The 20 days had run by day 280: that waiting period lapsed.
    expect(approval.lapse).toEqual(['ADOPTION_EARLIEST']);
    expect(approval.open).toEqual([
      { rule: 'ADOPTION_GUIDELINE_APPEALED', baseDate: addMonths(dateOn(75), 12), dueDate: addMonths(dateOn(75), 12) },
      { rule: 'CROSS_APPEAL', baseDate: dateOn(285), dueDate: dateOn(285) },
      { rule: 'APPELLATE_REPORT', baseDate: dateOn(340), dueDate: dateOn(340) },
      { rule: 'APPELLATE_REPORT_MAX', baseDate: dateOn(370), dueDate: dateOn(370) },
    ]);
    expect(circulated().apply(approval, 280).statuses('ADOPTION_GUIDELINE')).toEqual(['EXTENDED']);
  });

  it('extends the 9-month guideline even after it was recorded missed', () => {
    const { snapshot } = circulated();
    const swept = new Case(
      {
        ...snapshot,
        deadlines: snapshot.deadlines.map((row) => (row.rule === 'ADOPTION_GUIDELINE' ? { ...row, status: 'MISSED' as const } : row)),
      },
      300,
    );
    const approval = swept.approve(R, 'appeal', 300);
    expect(approval.extend).toEqual(['ADOPTION_GUIDELINE']);
    expect(swept.apply(approval, 300).statuses('ADOPTION_GUIDELINE')).toEqual(['EXTENDED']);
  });

  it('takes a cross-appeal from the other party within 5 days', () => {
    expect(refusal(appealed().try(R, 'crossAppeal', 281)).message).toContain('already appealed');
    const cross = appealed().approve(C, 'crossAppeal', 285);
    expect(cross.state.agreements.APPEAL).toEqual(['RESPONDENT', 'COMPLAINANT']);
    expect(cross.state.events.CROSS_APPEALED).toBe(dateOn(285));
    expect(refusal(appealed().try(C, 'crossAppeal', 286)).code).toBe('DEADLINE_PASSED');
  });

  it('circulates the appellate report only after the notices of appeal are in, and records it late', () => {
    expect(refusal(appealed().try(SEC, 'circulateAppellateReport', 283))).toMatchObject({
      code: 'NOT_YET_ALLOWED',
      allowedFrom: dateOn(286),
    });
    expect(refusal(appealed().try(BODY, 'adoptAppellateReport', 300)).message).toContain('not been circulated');
    const report = appealed().approve(SEC, 'circulateAppellateReport', 380);
    expect(report.miss).toEqual(['APPELLATE_REPORT', 'APPELLATE_REPORT_MAX']);
    expect(report.open).toEqual([{ rule: 'APPELLATE_REPORT_ADOPTION', baseDate: dateOn(410), dueDate: dateOn(410) }]);
    const withReport = appealed().apply(report, 380);
    expect(refusal(withReport.try(SEC, 'circulateAppellateReport', 381)).code).toBe('INVALID_TRANSITION');
    expect(withReport.approve(BODY, 'adoptAppellateReport', 400)).toMatchObject({
      to: 'ADOPTED',
      meet: ['APPELLATE_REPORT_ADOPTION', 'ADOPTION_GUIDELINE_APPEALED'],
    });
    // Or the body rejects both reports by consensus; or, with no meeting, they are adopted as of day 30.
    expect(withReport.approve(BODY, 'decideNotToAdopt', 400).to).toBe('NOT_ADOPTED');
    const auto = withReport.approve(SYSTEM, 'adoptAppellateReportAutomatically', 415);
    expect(auto.meet).toContain('APPELLATE_REPORT_ADOPTION');
    expect(auto.state.events.REPORT_ADOPTED).toBe(dateOn(410));
  });

  it("records the appellate body's letter on a delay, with its reasons", () => {
    expect(refusal(appealed().try(SEC, 'informBodyOfAppellateDelay', 330)).message).toContain('reasons');
    expect(appealed().try(SEC, 'informBodyOfAppellateDelay', 330, { reasons: 'Workload; report expected by day 400.' }).allowed).toBe(true);
  });

  it("is suspended at the parties' request with its clocks stopped, and resumes", () => {
    const suspended = reach('APPEAL_SUSPENDED'); // day 290
    expect(suspended.snapshot.stageBeforeSuspension).toBe('UNDER_APPEAL');
    expect(suspended.open('APPELLATE_REPORT').pausedRemainingDays).toBe(50);
    expect(dueAutomaticActions(suspended.snapshot, on(900), {})).toEqual([]);
    const resumed = suspended.approve(SEC, 'resumeAppeal', 400);
    expect(resumed.to).toBe('UNDER_APPEAL');
    expect(resumed.resume).toContainEqual({ rule: 'APPELLATE_REPORT', baseDate: dateOn(450), dueDate: dateOn(450) });
  });
});
