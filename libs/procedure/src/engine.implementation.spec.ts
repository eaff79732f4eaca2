import { addMonths } from './dates';
import { Case, dateOn, reach, RPT_END_DAY } from './procedure.testing';

const C = ['COMPLAINANT'] as const;
const R = ['RESPONDENT'] as const;
const SEC = ['SECRETARIAT'] as const;
const BODY = ['BODY'] as const;
const PANEL = ['PANEL'] as const;

function refusal(decision: ReturnType<Case['try']>) {
  if (decision.allowed) throw new Error(`expected a refusal, ${decision.action} was allowed`);
  return decision;
}

describe('the reasonable period of time (DSU 21.3)', () => {
  const adopted = () => reach('ADOPTED'); // day 286

  it('records an agreed period with its last day, which must not be past', () => {
    expect(refusal(adopted().try(SEC, 'agreeRpt', 310)).message).toContain('rptEndsOn');
    expect(refusal(adopted().try(SEC, 'agreeRpt', 310, { rptEndsOn: dateOn(309) })).message).toContain('cannot end in the past');
    const approval = adopted().approve(SEC, 'agreeRpt', 310, { rptEndsOn: dateOn(600) });
    expect(approval).toMatchObject({
      to: 'IMPLEMENTATION_SURVEILLANCE',
      meet: ['RPT_AGREEMENT'],
      supersede: ['RPT_INTENTIONS'],
      state: { rptEndsOn: dateOn(600) },
    });
    expect(approval.open).toEqual([
      { rule: 'IMPLEMENTATION_PERIOD', baseDate: dateOn(600), dueDate: dateOn(600) },
      {
        rule: 'SURVEILLANCE_AGENDA',
        baseDate: addMonths(dateOn(310), 6),
        dueDate: addMonths(dateOn(310), 6),
      },
    ]);
  });

  it("records the respondent's intentions, late ones as missed", () => {
    expect(adopted().approve(R, 'stateImplementationIntentions', 316)).toMatchObject({
      to: 'RPT_DETERMINATION',
      meet: ['RPT_INTENTIONS'],
    });
    expect(adopted().approve(R, 'stateImplementationIntentions', 317)).toMatchObject({
      meet: [],
      miss: ['RPT_INTENTIONS'],
    });
  });

  it('fixes an arbitrated period only after a referral, within 90 days of adoption', () => {
    const determining = reach('RPT_DETERMINATION');
    const unreferred = refusal(determining.try(SEC, 'fixRpt', 320, { rptEndsOn: dateOn(700) }));
    expect(unreferred.message).toContain('arbitrateRpt');
    const referral = determining.approve(R, 'arbitrateRpt', 320);
    // Counted from adoption (day 286), not from the referral.
    expect(referral.open).toEqual([{ rule: 'RPT_ARBITRATION', baseDate: dateOn(376), dueDate: dateOn(376) }]);
    const referred = determining.apply(referral, 320);
    expect(refusal(referred.try(C, 'arbitrateRpt', 321)).code).toBe('INVALID_TRANSITION');
    const award = referred.approve(SEC, 'fixRpt', 370, { rptEndsOn: dateOn(750) });
    expect(award).toMatchObject({
      to: 'IMPLEMENTATION_SURVEILLANCE',
      meet: ['RPT_ARBITRATION'],
      state: { rptEndsOn: dateOn(750) },
    });
    // The parties' 45 days ran out on day 331 unused: that window lapsed, nobody at fault.
    expect(award.lapse).toEqual(['RPT_AGREEMENT']);
    expect(award.docketText).toContain(`ends on ${dateOn(750)}`);
  });

  it('goes straight to arbitration from adoption too', () => {
    expect(reach('ADOPTED').try(C, 'arbitrateRpt', 340)).toMatchObject({
      allowed: true,
      to: 'RPT_DETERMINATION',
    });
  });
});

describe('surveillance, compensation and retaliation (DSU 21.6, 22)', () => {
  const surveillance = () => reach('IMPLEMENTATION_SURVEILLANCE'); // RPT ends on day 600

  it('takes status reports from the respondent only', () => {
    expect(surveillance().try(R, 'fileStatusReport', 500).allowed).toBe(true);
    expect(surveillance().try(C, 'fileStatusReport', 500)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('takes a request for compensation only once the period ended without compliance (DSU 22.2)', () => {
    const early = refusal(surveillance().try(C, 'requestCompensation', RPT_END_DAY));
    expect(early).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: dateOn(RPT_END_DAY + 1) });
    expect(early.message).toContain('DSU 22.2');
  });

  it('opens 20 days for compensation counted from the end of the period', () => {
    const approval = surveillance().approve(C, 'requestCompensation', 601);
    expect(approval.open).toEqual([{ rule: 'COMPENSATION_AGREEMENT', baseDate: dateOn(620), dueDate: dateOn(620) }]);
    const agreed = surveillance().apply(approval, 601).approve(SEC, 'agreeCompensation', 615);
    expect(agreed).toMatchObject({
      to: 'IMPLEMENTATION_SURVEILLANCE',
      meet: ['COMPENSATION_AGREEMENT'],
    });
  });

  it('allows a request to suspend concessions once 20 days pass without compensation', () => {
    const early = refusal(surveillance().try(C, 'requestRetaliation', RPT_END_DAY + 20));
    expect(early).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: dateOn(RPT_END_DAY + 21) });
    expect(early.message).toContain('DSU 22.2');
    const request = surveillance().approve(C, 'requestRetaliation', RPT_END_DAY + 21);
    expect(request.to).toBe('RETALIATION_REQUESTED');
    expect(request.open).toEqual([{ rule: 'RETALIATION_AUTHORIZATION', baseDate: dateOn(630), dueDate: dateOn(630) }]);
  });

  it('authorises suspension directly, or after the arbitrator decides the level', () => {
    expect(reach('RETALIATION_REQUESTED').try(BODY, 'authorizeSuspension', 631).allowed).toBe(true);
    const arbitration = reach('ARB_22_6');
    expect(arbitration.open('RETALIATION_ARBITRATION').dueDate).toBe(dateOn(660));
    // The objection came on day 640, after the body's 30 days (day 630) had run.
    expect(arbitration.statuses('RETALIATION_AUTHORIZATION')).toEqual(['MISSED']);
    const waiting = refusal(arbitration.try(BODY, 'authorizeSuspension', 650));
    expect(waiting.message).toContain('DSU 22.6');
    const award = arbitration.approve(PANEL, 'decideRetaliationLevel', 655);
    expect(award.meet).toEqual(['RETALIATION_ARBITRATION']);
    expect(arbitration.apply(award, 655).try(BODY, 'authorizeSuspension', 660)).toMatchObject({
      allowed: true,
      to: 'SUSPENSION_AUTHORIZED',
    });
  });

  it('ends in compliance, meeting the period when compliance came within it', () => {
    const approval = surveillance().approve(BODY, 'declareCompliance', 500);
    expect(approval).toMatchObject({ to: 'COMPLIED', miss: [] });
    expect(approval.meet).toContain('IMPLEMENTATION_PERIOD');
    expect(approval.supersede).toEqual(['SURVEILLANCE_AGENDA']);
    const done = surveillance().apply(approval, 500);
    expect(done.snapshot.deadlines.filter((row) => row.status === 'OPEN')).toEqual([]);
  });
});

describe('compliance proceedings (DSU 21.5)', () => {
  const review = () => reach('COMPLIANCE_REVIEW'); // requested on day 610
  const referred = () => review().take(BODY, 'referComplianceReview', 630);
  const circulated = () => reach('COMPLIANCE_REPORT_CIRCULATED'); // referred 630, issued 700, circulated 710

  it('gives the panel 90 days from the referral by the body, not from the request', () => {
    expect(review().snapshot.deadlines.some((row) => row.rule === 'COMPLIANCE_REPORT')).toBe(false);
    expect(referred().open('COMPLIANCE_REPORT').dueDate).toBe(dateOn(720));
    expect(refusal(review().try(PANEL, 'issueComplianceReport', 640)).message).toContain('not been referred');
    expect(refusal(referred().try(SEC, 'circulateComplianceReport', 700)).message).toContain('not issued');
  });

  it('circulates the report the panel issued, with the adoption windows of any panel report', () => {
    expect(circulated().statuses('COMPLIANCE_REPORT')).toEqual(['MET']);
    expect(circulated().open('ADOPTION_EARLIEST').dueDate).toBe(dateOn(730));
    expect(circulated().open('PANEL_REPORT_ADOPTION').dueDate).toBe(dateOn(770));
    expect(refusal(circulated().try(BODY, 'adoptComplianceReport', 729)).code).toBe('NOT_YET_ALLOWED');
    expect(circulated().try(BODY, 'adoptComplianceReport', 730)).toMatchObject({
      allowed: true,
      to: 'IMPLEMENTATION_SURVEILLANCE',
    });
    const auto = circulated().approve(['SYSTEM'], 'adoptComplianceReportAutomatically', 775);
    expect(auto.meet).toContain('PANEL_REPORT_ADOPTION');
    expect(circulated().approve(BODY, 'decideNotToAdoptComplianceReport', 740).to).toBe('IMPLEMENTATION_SURVEILLANCE');
  });

  it('takes an appeal of the compliance report and waits for the appellate report', () => {
    const appealed = reach('COMPLIANCE_UNDER_APPEAL'); // appealed on day 720
    expect(appealed.open('APPELLATE_REPORT').dueDate).toBe(dateOn(780));
    expect(appealed.try(C, 'crossAppeal', 722).allowed).toBe(true);
    expect(refusal(appealed.try(BODY, 'adoptComplianceAppellateReport', 730)).message).toContain('not been circulated');
    const decided = appealed.take(SEC, 'circulateAppellateReport', 770);
    expect(decided.approve(BODY, 'adoptComplianceAppellateReport', 790).meet).toEqual(['APPELLATE_REPORT_ADOPTION']);
  });

  it('starts each round afresh, whatever happened in the original appeal', () => {
    const afterAppeal = reach('UNDER_APPEAL').run([
      [SEC, 'circulateAppellateReport', 330],
      [BODY, 'adoptAppellateReport', 350],
      [SEC, 'agreeRpt', 360, { rptEndsOn: dateOn(600) }],
      [C, 'requestComplianceReview', 610],
    ]);
    expect(afterAppeal.snapshot.events.APPELLATE_REPORT_CIRCULATED).toBeUndefined();
    expect(afterAppeal.snapshot.agreements.APPEAL).toEqual([]);
  });

  it('may interrupt a pending request for suspension (the sequencing the members follow)', () => {
    const arbitration = reach('ARB_22_6');
    const approval = arbitration.approve(C, 'requestComplianceReview', 645);
    expect(approval.to).toBe('COMPLIANCE_REVIEW');
    expect(approval.supersede).toEqual(['RETALIATION_ARBITRATION']);
  });
});
