import { addMonths } from './calendar';
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
  const adopted = () => reach('ADOPTED'); // day 300

  it('records an agreed period with its last day, which must not be past', () => {
    expect(refusal(adopted().try(SEC, 'agreeRpt', 310)).message).toContain('rptEndsOn');
    expect(
      refusal(adopted().try(SEC, 'agreeRpt', 310, { rptEndsOn: dateOn(309) })).message,
    ).toContain('cannot end in the past');
    const approval = adopted().approve(SEC, 'agreeRpt', 310, { rptEndsOn: dateOn(600) });
    expect(approval).toMatchObject({
      to: 'IMPLEMENTATION_SURVEILLANCE',
      meet: ['RPT_AGREEMENT'],
      cancel: ['RPT_INTENTIONS'],
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

  it('records the respondent\'s intentions, late ones as missed', () => {
    expect(adopted().approve(R, 'stateImplementationIntentions', 330)).toMatchObject({
      to: 'RPT_DETERMINATION',
      meet: ['RPT_INTENTIONS'],
    });
    expect(adopted().approve(R, 'stateImplementationIntentions', 331)).toMatchObject({
      meet: [],
      miss: ['RPT_INTENTIONS'],
    });
  });

  it('fixes an arbitrated period only after a referral, within 90 days of adoption', () => {
    const determining = reach('RPT_DETERMINATION');
    const unreferred = refusal(determining.try(SEC, 'fixRpt', 320, { rptEndsOn: dateOn(700) }));
    expect(unreferred.message).toContain('arbitrateRpt');
    const referral = determining.approve(R, 'arbitrateRpt', 350);
    // Counted from adoption (day 300), not from the referral.
    expect(referral.open).toEqual([
      { rule: 'RPT_ARBITRATION', baseDate: dateOn(390), dueDate: dateOn(390) },
    ]);
    const referred = determining.apply(referral, 350);
    expect(refusal(referred.try(C, 'arbitrateRpt', 351)).code).toBe('INVALID_TRANSITION');
    expect(referred.approve(SEC, 'fixRpt', 385, { rptEndsOn: dateOn(750) })).toMatchObject({
      to: 'IMPLEMENTATION_SURVEILLANCE',
      meet: ['RPT_ARBITRATION', 'RPT_AGREEMENT'],
      state: { rptEndsOn: dateOn(750) },
    });
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

  it('opens 20 days for compensation counted from the end of the period', () => {
    const approval = surveillance().approve(C, 'requestCompensation', 590);
    expect(approval.open).toEqual([
      { rule: 'COMPENSATION_AGREEMENT', baseDate: dateOn(620), dueDate: dateOn(620) },
    ]);
    const agreed = surveillance().apply(approval, 590).approve(SEC, 'agreeCompensation', 615);
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
    expect(request.open).toEqual([
      { rule: 'RETALIATION_AUTHORIZATION', baseDate: dateOn(630), dueDate: dateOn(630) },
    ]);
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
    expect(approval.cancel).toEqual(['SURVEILLANCE_AGENDA']);
    const done = surveillance().apply(approval, 500);
    expect(done.snapshot.deadlines.filter((row) => row.status === 'OPEN')).toEqual([]);
  });
});

describe('compliance proceedings (DSU 21.5)', () => {
  const review = () => reach('COMPLIANCE_REVIEW'); // referred on day 610

  it('gives the panel 90 days and adopts only a circulated report', () => {
    expect(review().open('COMPLIANCE_REPORT').dueDate).toBe(dateOn(700));
    expect(refusal(review().try(BODY, 'adoptComplianceReport', 650)).code).toBe(
      'INVALID_TRANSITION',
    );
    const circulated = review().take(SEC, 'circulateComplianceReport', 690);
    expect(circulated.statuses('COMPLIANCE_REPORT')).toEqual(['MET']);
    expect(circulated.try(BODY, 'adoptComplianceReport', 700)).toMatchObject({
      allowed: true,
      to: 'IMPLEMENTATION_SURVEILLANCE',
    });
  });

  it('waits for the appellate report when the compliance report is appealed', () => {
    const appealed = review().run([
      [SEC, 'circulateComplianceReport', 690],
      [R, 'appealComplianceReport', 700],
    ]);
    expect(appealed.open('APPELLATE_REPORT').dueDate).toBe(dateOn(760));
    expect(refusal(appealed.try(BODY, 'adoptComplianceReport', 710)).message).toContain('appeal');
    const decided = appealed.take(SEC, 'circulateAppellateReport', 750);
    expect(decided.approve(BODY, 'adoptComplianceReport', 770).meet).toEqual([
      'APPELLATE_REPORT_ADOPTION',
    ]);
  });

  it('starts each round afresh, whatever happened in the original appeal', () => {
    const afterAppeal = reach('UNDER_APPEAL').run([
      [SEC, 'circulateAppellateReport', 330],
      [BODY, 'adoptAppellateReport', 350],
      [SEC, 'agreeRpt', 360, { rptEndsOn: dateOn(600) }],
      [C, 'requestComplianceReview', 610],
    ]);
    expect(afterAppeal.snapshot.events.APPELLATE_REPORT_CIRCULATED).toBeUndefined();
    const answer = refusal(afterAppeal.try(SEC, 'circulateAppellateReport', 620));
    expect(answer.message).toContain('has not been appealed');
  });
});
