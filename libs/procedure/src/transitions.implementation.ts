import { addDays, dueDate, isOverdue } from './dates';
import { DEADLINE_RULES } from './deadline-rules';
import { afterPeriodEnds, afterWaitingPeriod, allOf, atStage, forbidEvent, requireEvent, under, withinPeriod, type Guard } from './guards';
import { refuse } from './refusals';
import { liveRow } from './snapshot';
import type { Transition } from './transitions';

// DSU 22.2: "If no satisfactory compensation has been agreed within 20 days after the date of
// expiry of the reasonable period of time", the complainant may request authorisation: from the
// day after those 20 days (or after an agreed extension of them).
const retaliationGuard: Guard = (snapshot, now, { closed }) => {
  if (!snapshot.rptEndsOn) {
    return refuse('INVALID_TRANSITION', 'No reasonable period of time is recorded (DSU 21.3): suspension follows its expiry.');
  }
  const row = liveRow(snapshot, 'COMPENSATION_AGREEMENT');
  const end = row?.dueDate ?? dueDate(snapshot.rptEndsOn, DEADLINE_RULES.COMPENSATION_AGREEMENT, { closed });
  if (isOverdue(end, now)) return null;
  const from = addDays(end, 1);
  return refuse(
    'NOT_YET_ALLOWED',
    `Authorisation to suspend concessions may be requested from ${from}, if no compensation is ` +
      `agreed by ${end}, ${under('COMPENSATION_AGREEMENT')}`,
    from,
  );
};

// DSU 21.5 gives the compliance panel's report the adoption rules of any panel report: not
// before day 20, adopted by day 60 unless appealed or rejected by consensus (16.1, 16.4), the
// appellate report within 30 days (17.14).
const complianceReportBeforeBody = (what: string): Guard =>
  allOf(afterWaitingPeriod('ADOPTION_EARLIEST', what), withinPeriod('PANEL_REPORT_ADOPTION', what));

const complianceAppellateReportIn = allOf(
  requireEvent('APPELLATE_REPORT_CIRCULATED', 'The appellate report has not been circulated yet (DSU 17.14).'),
  withinPeriod('APPELLATE_REPORT_ADOPTION', 'A decision of the body on the appellate report'),
);

// DSU 22.2: compensation and suspension follow a failure to comply "within the reasonable period
// of time": the request comes once that period has ended.
const rptEnded: Guard = (snapshot, now) => {
  if (!snapshot.rptEndsOn) {
    return refuse('INVALID_TRANSITION', 'No reasonable period of time is recorded (DSU 21.3).');
  }
  if (isOverdue(snapshot.rptEndsOn, now)) return null;
  const from = addDays(snapshot.rptEndsOn, 1);
  return refuse(
    'NOT_YET_ALLOWED',
    `Compensation may be requested from ${from}: DSU 22.2 applies when the measure is not ` +
      `brought into compliance within the reasonable period of time, which ends on ${snapshot.rptEndsOn}.`,
    from,
  );
};

// Where compliance can still be found: the respondent may comply at once (DSU 21.3), during the
// reasonable period, or later while the body keeps the matter under surveillance (21.6, 22.8).
const COMPLIANCE_POSSIBLE = [
  'ADOPTED',
  'RPT_DETERMINATION',
  'IMPLEMENTATION_SURVEILLANCE',
  'COMPENSATION_NEGOTIATION',
  'RETALIATION_REQUESTED',
  'ARB_22_6',
  'SUSPENSION_AUTHORIZED',
] as const;

// Opened when the reasonable period is fixed: the period itself, and the surveillance agenda.
const RPT_FIXED_OPENS = ['IMPLEMENTATION_PERIOD', 'SURVEILLANCE_AGENDA'] as const;

/** From adoption to compliance: the reasonable period, surveillance, compliance, retaliation. */
export const IMPLEMENTATION_TRANSITIONS: readonly Transition[] = [
  {
    action: 'stateImplementationIntentions',
    from: ['ADOPTED'],
    to: 'RPT_DETERMINATION',
    actors: ['RESPONDENT'],
    article: 'DSU 21.3',
    opens: [],
    meets: ['RPT_INTENTIONS'],
    cancels: [],
    docketText: '{actor} stated its intentions on implementation.',
  },
  {
    action: 'agreeRpt',
    from: ['ADOPTED', 'RPT_DETERMINATION'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    // Agreed by the parties (21.3(b)) or proposed by the respondent and approved by the body
    // (21.3(a)); recorded by the secretariat with the period's last day.
    actors: ['SECRETARIAT'],
    article: 'DSU 21.3(a), 21.3(b)',
    needs: 'RPT_END',
    opens: RPT_FIXED_OPENS,
    meets: ['RPT_AGREEMENT'],
    cancels: ['RPT_INTENTIONS', 'RPT_ARBITRATION'],
    docketText: 'The reasonable period of time for implementation was agreed: it ends on {rptEndsOn}.',
  },
  {
    action: 'arbitrateRpt',
    requires: 'once',
    from: ['ADOPTED', 'RPT_DETERMINATION'],
    to: 'RPT_DETERMINATION',
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 21.3(c)',
    guard: forbidEvent('RPT_ARBITRATION_REQUESTED', 'The reasonable period has already been referred to arbitration'),
    records: 'RPT_ARBITRATION_REQUESTED',
    opens: ['RPT_ARBITRATION'], // 90 days counted from adoption, not from the referral
    meets: [],
    cancels: [],
    docketText: '{actor} referred the reasonable period of time to binding arbitration.',
  },
  {
    action: 'fixRpt',
    requires: 'a referral to arbitration (arbitrateRpt)',
    from: ['RPT_DETERMINATION'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    // The arbitrator does not use the system: the secretariat records the award. DSU 21.3(c)'s
    // 15-month guideline (RPT_GUIDELINE) guides the award; it does not bind it.
    actors: ['SECRETARIAT'],
    article: 'DSU 21.3(c)',
    guard: requireEvent(
      'RPT_ARBITRATION_REQUESTED',
      'No arbitration on the reasonable period is pending (DSU 21.3(c)); record an agreed period ' +
        'with agreeRpt, or a party refers it to arbitration first (arbitrateRpt).',
    ),
    needs: 'RPT_END',
    opens: RPT_FIXED_OPENS,
    meets: ['RPT_ARBITRATION'],
    cancels: ['RPT_INTENTIONS', 'RPT_AGREEMENT'],
    docketText: 'The arbitrator determined the reasonable period of time for implementation: it ends on {rptEndsOn}.',
  },
  {
    action: 'fileStatusReport',
    from: [
      'IMPLEMENTATION_SURVEILLANCE',
      'COMPLIANCE_REVIEW',
      'COMPENSATION_NEGOTIATION',
      'RETALIATION_REQUESTED',
      'ARB_22_6',
      'SUSPENSION_AUTHORIZED',
    ],
    to: null,
    actors: ['RESPONDENT'],
    // 10 days before each meeting (STATUS_REPORT_NOTICE rows, opened by the meetings calendar).
    article: 'DSU 21.6, 22.8',
    opens: [],
    meets: ['STATUS_REPORT_NOTICE'],
    cancels: [],
    docketText: '{actor} filed a status report on implementation.',
  },
  {
    action: 'requestComplianceReview',
    // Also while a request for suspension or its arbitration is pending: the compliance question
    // comes first (the sequencing of DSU 21.5 and 22.6 the members follow, e.g. US — Upland
    // Cotton); the request for suspension is then made again after the compliance proceedings.
    from: ['IMPLEMENTATION_SURVEILLANCE', 'COMPENSATION_NEGOTIATION', 'RETALIATION_REQUESTED', 'ARB_22_6'],
    to: 'COMPLIANCE_REVIEW',
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 21.5',
    // A new round: what happened in an earlier round (or the original appeal) no longer counts.
    clears: ['COMPLIANCE_REFERRED', 'COMPLIANCE_REPORT_ISSUED', 'APPELLATE_REPORT_CIRCULATED', 'CROSS_APPEALED', 'LEVEL_AWARD_ISSUED'],
    resetsAgreement: 'APPEAL',
    startsComplianceRound: true,
    opens: [],
    meets: [],
    cancels: ['COMPENSATION_AGREEMENT', 'RETALIATION_AUTHORIZATION', 'RETALIATION_ARBITRATION'],
    docketText: '{actor} requested compliance proceedings (DSU 21.5).',
  },
  {
    action: 'referComplianceReview',
    requires: 'once per proceeding',
    from: ['COMPLIANCE_REVIEW'],
    to: null,
    // The body refers the matter, if possible to the original panel, whose 90 days run from the
    // referral (DSU 21.5).
    actors: ['BODY'],
    article: 'DSU 21.5',
    atMeeting: true,
    guard: forbidEvent('COMPLIANCE_REFERRED', 'The matter has already been referred to the compliance panel'),
    records: 'COMPLIANCE_REFERRED',
    opens: ['COMPLIANCE_REPORT'],
    meets: [],
    cancels: [],
    docketText: 'The body referred the matter to the original panel (DSU 21.5).',
  },
  {
    action: 'issueComplianceReport',
    requires: 'the matter referred; once per proceeding',
    from: ['COMPLIANCE_REVIEW'],
    to: null,
    actors: ['PANEL'],
    article: 'DSU 21.5',
    guard: allOf(
      requireEvent('COMPLIANCE_REFERRED', 'The matter has not been referred to the compliance panel (DSU 21.5).'),
      forbidEvent('COMPLIANCE_REPORT_ISSUED', 'The compliance report has already been issued'),
    ),
    records: 'COMPLIANCE_REPORT_ISSUED',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The compliance panel issued its report to the parties.',
  },
  {
    action: 'circulateComplianceReport',
    requires: 'the compliance report issued',
    from: ['COMPLIANCE_REVIEW'],
    to: 'COMPLIANCE_REPORT_CIRCULATED',
    actors: ['SECRETARIAT'],
    article: 'DSU 21.5, 16.1',
    guard: requireEvent('COMPLIANCE_REPORT_ISSUED', 'The compliance panel has not issued its report (DSU 21.5).'),
    opens: ['ADOPTION_EARLIEST', 'PANEL_REPORT_ADOPTION'],
    meets: ['COMPLIANCE_REPORT'],
    cancels: [],
    docketText: 'The compliance panel report was circulated to the members.',
  },
  {
    action: 'appealComplianceReport',
    requires: 'until the end of day 60 after circulation (PANEL_REPORT_ADOPTION)',
    from: ['COMPLIANCE_REPORT_CIRCULATED'],
    to: 'COMPLIANCE_UNDER_APPEAL',
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 17.4, 21.5',
    guard: withinPeriod('PANEL_REPORT_ADOPTION', 'An appeal of the compliance report'),
    agreement: 'APPEAL',
    opens: ['CROSS_APPEAL', 'APPELLATE_REPORT', 'APPELLATE_REPORT_MAX'],
    meets: [],
    cancels: ['ADOPTION_EARLIEST', 'PANEL_REPORT_ADOPTION'],
    docketText: '{actor} appealed the compliance panel report.',
  },
  {
    action: 'adoptComplianceReport',
    requires: 'from day 20 to the end of day 60 after circulation',
    from: ['COMPLIANCE_REPORT_CIRCULATED'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    actors: ['BODY'],
    article: 'DSU 21.5, 16.4',
    atMeeting: true,
    guard: complianceReportBeforeBody('Considering the compliance report for adoption'),
    opens: [],
    meets: ['PANEL_REPORT_ADOPTION'],
    cancels: ['ADOPTION_EARLIEST'],
    docketText: 'The body adopted the compliance report; surveillance continues.',
  },
  {
    action: 'adoptComplianceAppellateReport',
    requires: 'the appellate report circulated; within APPELLATE_REPORT_ADOPTION',
    from: ['COMPLIANCE_UNDER_APPEAL'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    actors: ['BODY'],
    article: 'DSU 21.5, 17.14',
    atMeeting: true,
    guard: complianceAppellateReportIn,
    opens: [],
    meets: ['APPELLATE_REPORT_ADOPTION'],
    cancels: [],
    docketText: 'The body adopted the appellate report and the compliance report as modified by it; ' + 'surveillance continues.',
  },
  {
    action: 'decideNotToAdoptComplianceReport',
    requires: 'as the adoption at the stage; every member present objected 10 days ahead',
    from: ['COMPLIANCE_REPORT_CIRCULATED', 'COMPLIANCE_UNDER_APPEAL'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    actors: ['BODY'],
    article: 'DSU 21.5, 16.4, 17.14',
    atMeeting: true,
    guard: (snapshot, now, context) =>
      (snapshot.stage === 'COMPLIANCE_REPORT_CIRCULATED'
        ? complianceReportBeforeBody('A decision of the body on the compliance report')
        : complianceAppellateReportIn)(snapshot, now, context),
    opens: [],
    meets: ['PANEL_REPORT_ADOPTION', 'APPELLATE_REPORT_ADOPTION'],
    cancels: ['ADOPTION_EARLIEST'],
    docketText: 'The body decided by consensus not to adopt the compliance report; surveillance continues.',
  },
  {
    action: 'adoptComplianceReportAutomatically',
    requires: 'after PANEL_REPORT_ADOPTION has run; takes effect at the end of day 60',
    from: ['COMPLIANCE_REPORT_CIRCULATED'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    actors: ['SYSTEM'],
    article: 'DSU 21.5, 16.4',
    guard: afterPeriodEnds('PANEL_REPORT_ADOPTION', 'Adoption of the compliance report without a meeting'),
    automatic: true,
    effectiveAtEndOf: 'PANEL_REPORT_ADOPTION',
    opens: [],
    meets: ['PANEL_REPORT_ADOPTION'],
    cancels: ['ADOPTION_EARLIEST'],
    docketText:
      'Sixty days passed since circulation without an appeal or a decision not to adopt: the ' +
      'compliance report is adopted as of {effective} (DSU 21.5, 16.4).',
  },
  {
    action: 'adoptComplianceAppellateReportAutomatically',
    requires: 'the appellate report circulated; after APPELLATE_REPORT_ADOPTION has run',
    from: ['COMPLIANCE_UNDER_APPEAL'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    actors: ['SYSTEM'],
    article: 'DSU 21.5, 17.14',
    guard: allOf(
      requireEvent('APPELLATE_REPORT_CIRCULATED', 'The appellate report has not been circulated yet (DSU 17.14).'),
      afterPeriodEnds('APPELLATE_REPORT_ADOPTION', 'Adoption of the appellate report without a meeting'),
    ),
    automatic: true,
    effectiveAtEndOf: 'APPELLATE_REPORT_ADOPTION',
    opens: [],
    meets: ['APPELLATE_REPORT_ADOPTION'],
    cancels: [],
    docketText:
      'Thirty days passed since the appellate report was circulated without a decision not to ' +
      'adopt: the reports are adopted as of {effective} (DSU 21.5, 17.14).',
  },
  {
    action: 'requestCompensation',
    requires: 'after the last day of the reasonable period (DSU 22.2)',
    from: ['IMPLEMENTATION_SURVEILLANCE'],
    to: 'COMPENSATION_NEGOTIATION',
    actors: ['COMPLAINANT'],
    // DSU 22.2: when the measure was not brought into compliance within the reasonable period;
    // the 20 days count from its end.
    article: 'DSU 22.2',
    guard: rptEnded,
    opens: ['COMPENSATION_AGREEMENT'],
    meets: [],
    cancels: [],
    docketText: '{actor} asked to negotiate compensation.',
  },
  {
    action: 'agreeCompensation',
    from: ['COMPENSATION_NEGOTIATION'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    // Compensation is temporary and voluntary (DSU 22.1): surveillance continues.
    actors: ['SECRETARIAT'],
    article: 'DSU 22.1, 22.2',
    opens: [],
    meets: ['COMPENSATION_AGREEMENT'],
    cancels: [],
    docketText: 'The parties agreed on compensation.',
  },
  {
    action: 'requestRetaliation',
    requires: 'after COMPENSATION_AGREEMENT (20 days after the reasonable period) has run',
    from: ['IMPLEMENTATION_SURVEILLANCE', 'COMPENSATION_NEGOTIATION'],
    to: 'RETALIATION_REQUESTED',
    actors: ['COMPLAINANT'],
    article: 'DSU 22.2, 22.6',
    guard: retaliationGuard,
    clears: ['LEVEL_AWARD_ISSUED'],
    opens: ['RETALIATION_AUTHORIZATION'],
    meets: [],
    cancels: ['COMPENSATION_AGREEMENT'],
    docketText: '{actor} requested authorisation to suspend concessions.',
  },
  {
    action: 'objectToRetaliationLevel',
    from: ['RETALIATION_REQUESTED'],
    to: 'ARB_22_6',
    actors: ['RESPONDENT'],
    article: 'DSU 22.6',
    opens: ['RETALIATION_ARBITRATION'],
    meets: [],
    // Authorisation now waits for the award (DSU 22.6–22.7): no suspension meanwhile.
    cancels: ['RETALIATION_AUTHORIZATION'],
    docketText: '{actor} objected to the level of suspension; the matter went to arbitration.',
  },
  {
    action: 'decideRetaliationLevel',
    requires: 'once',
    from: ['ARB_22_6'],
    to: null,
    // The original panel if available, else an arbitrator the Director-General appoints, whose
    // award the secretariat records.
    actors: ['PANEL', 'SECRETARIAT'],
    article: 'DSU 22.6, 22.7',
    guard: forbidEvent('LEVEL_AWARD_ISSUED', 'The arbitrator has already decided'),
    records: 'LEVEL_AWARD_ISSUED',
    opens: [],
    meets: ['RETALIATION_ARBITRATION'],
    cancels: [],
    docketText: 'The arbitrator decided on the level of suspension.',
  },
  {
    action: 'authorizeSuspension',
    requires: 'in ARB_22_6 only after the award',
    from: ['RETALIATION_REQUESTED', 'ARB_22_6'],
    to: 'SUSPENSION_AUTHORIZED',
    actors: ['BODY'],
    atMeeting: true,
    article: 'DSU 22.6, 22.7',
    guard: atStage(
      'ARB_22_6',
      requireEvent('LEVEL_AWARD_ISSUED', 'Concessions may not be suspended during the arbitration (DSU 22.6): the award comes ' + 'first.'),
    ),
    opens: [],
    meets: ['RETALIATION_AUTHORIZATION'],
    cancels: [],
    docketText: 'The body authorised the suspension of concessions.',
  },
  {
    action: 'declareCompliance',
    from: COMPLIANCE_POSSIBLE,
    to: 'COMPLIED',
    // The body takes the matter off its surveillance agenda as resolved.
    actors: ['BODY'],
    atMeeting: true,
    article: 'DSU 21.6, 22.8',
    opens: [],
    meets: ['IMPLEMENTATION_PERIOD'],
    cancels: 'ALL_OPEN',
    docketText: 'The body recorded that the recommendations have been complied with.',
  },
];
