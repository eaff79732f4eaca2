import { addDays, dueDate, isOverdue } from './calendar';
import { DEADLINE_RULES } from './deadline-rules';
import {
  allOf,
  atStage,
  forbidEvent,
  requireEvent,
  under,
  type Guard,
} from './guards';
import { refuse } from './refusals';
import { liveRow } from './snapshot';
import type { Transition } from './transitions';

// DSU 22.2: "If no satisfactory compensation has been agreed within 20 days after the date of
// expiry of the reasonable period of time", the complainant may request authorisation: from the
// day after those 20 days (or after an agreed extension of them).
const retaliationGuard: Guard = (snapshot, now, { closed }) => {
  if (!snapshot.rptEndsOn) {
    return refuse(
      'INVALID_TRANSITION',
      'No reasonable period of time is recorded (DSU 21.3): suspension follows its expiry.',
    );
  }
  const row = liveRow(snapshot, 'COMPENSATION_AGREEMENT');
  const end =
    row?.dueDate ?? dueDate(snapshot.rptEndsOn, DEADLINE_RULES.COMPENSATION_AGREEMENT, { closed });
  if (isOverdue(end, now)) return null;
  const from = addDays(end, 1);
  return refuse(
    'NOT_YET_ALLOWED',
    `Authorisation to suspend concessions may be requested from ${from}, if no compensation is ` +
      `agreed by ${end}, ${under('COMPENSATION_AGREEMENT')}`,
    from,
  );
};

const complianceAdoptionGuard: Guard = allOf(
  requireEvent(
    'COMPLIANCE_REPORT_CIRCULATED',
    'The compliance report has not been circulated yet (DSU 21.5).',
  ),
  (snapshot) =>
    snapshot.events.COMPLIANCE_REPORT_APPEALED && !snapshot.events.APPELLATE_REPORT_CIRCULATED
      ? refuse(
          'INVALID_TRANSITION',
          'The compliance report is under appeal: the appellate report must be circulated first ' +
            '(DSU 17.14).',
        )
      : null,
);

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
    docketText: 'The respondent stated its intentions on implementation.',
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
    docketText: 'The reasonable period of time for implementation was agreed.',
  },
  {
    action: 'arbitrateRpt',
    from: ['ADOPTED', 'RPT_DETERMINATION'],
    to: 'RPT_DETERMINATION',
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 21.3(c)',
    guard: forbidEvent(
      'RPT_ARBITRATION_REQUESTED',
      'The reasonable period has already been referred to arbitration',
    ),
    records: 'RPT_ARBITRATION_REQUESTED',
    opens: ['RPT_ARBITRATION'], // 90 days counted from adoption, not from the referral
    meets: [],
    cancels: [],
    docketText: 'A party referred the reasonable period of time to binding arbitration.',
  },
  {
    action: 'fixRpt',
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
    docketText: 'The arbitrator determined the reasonable period of time for implementation.',
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
    docketText: 'The respondent filed a status report on implementation.',
  },
  {
    action: 'requestComplianceReview',
    from: ['IMPLEMENTATION_SURVEILLANCE', 'COMPENSATION_NEGOTIATION'],
    to: 'COMPLIANCE_REVIEW',
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 21.5',
    // A new round: what happened in an earlier round (or the original appeal) no longer counts.
    clears: [
      'COMPLIANCE_REPORT_CIRCULATED',
      'COMPLIANCE_REPORT_APPEALED',
      'APPELLATE_REPORT_CIRCULATED',
    ],
    opens: ['COMPLIANCE_REPORT'],
    meets: [],
    cancels: ['COMPENSATION_AGREEMENT'],
    docketText: 'A party referred the disagreement on compliance to the original panel.',
  },
  {
    action: 'circulateComplianceReport',
    from: ['COMPLIANCE_REVIEW'],
    to: null,
    actors: ['SECRETARIAT'],
    article: 'DSU 21.5',
    guard: forbidEvent(
      'COMPLIANCE_REPORT_CIRCULATED',
      'The compliance report has already been circulated',
    ),
    records: 'COMPLIANCE_REPORT_CIRCULATED',
    opens: [],
    meets: ['COMPLIANCE_REPORT'],
    cancels: [],
    docketText: 'The compliance panel report was circulated to the members.',
  },
  {
    action: 'appealComplianceReport',
    from: ['COMPLIANCE_REVIEW'],
    to: null,
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 17.4, 21.5',
    guard: allOf(
      requireEvent(
        'COMPLIANCE_REPORT_CIRCULATED',
        'The compliance report has not been circulated yet (DSU 21.5).',
      ),
      forbidEvent('COMPLIANCE_REPORT_APPEALED', 'The compliance report has already been appealed'),
    ),
    records: 'COMPLIANCE_REPORT_APPEALED',
    opens: ['APPELLATE_REPORT', 'APPELLATE_REPORT_MAX'],
    meets: [],
    cancels: [],
    docketText: 'A party appealed the compliance panel report.',
  },
  {
    action: 'adoptComplianceReport',
    from: ['COMPLIANCE_REVIEW'],
    to: 'IMPLEMENTATION_SURVEILLANCE',
    actors: ['BODY'],
    article: 'DSU 21.5, 16.4, 17.14',
    guard: complianceAdoptionGuard,
    opens: [],
    meets: ['APPELLATE_REPORT_ADOPTION'],
    cancels: [],
    docketText: 'The body adopted the compliance report(s); surveillance continues.',
  },
  {
    action: 'requestCompensation',
    from: ['IMPLEMENTATION_SURVEILLANCE'],
    to: 'COMPENSATION_NEGOTIATION',
    actors: ['COMPLAINANT'],
    // The respondent must enter negotiations "no later than the expiry" of the period: the
    // request may come before it ends; the 20 days count from its end.
    article: 'DSU 22.2',
    opens: ['COMPENSATION_AGREEMENT'],
    meets: [],
    cancels: [],
    docketText: 'The complainant asked to negotiate compensation.',
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
    from: ['IMPLEMENTATION_SURVEILLANCE', 'COMPENSATION_NEGOTIATION'],
    to: 'RETALIATION_REQUESTED',
    actors: ['COMPLAINANT'],
    article: 'DSU 22.2, 22.6',
    guard: retaliationGuard,
    clears: ['LEVEL_AWARD_ISSUED'],
    opens: ['RETALIATION_AUTHORIZATION'],
    meets: [],
    cancels: ['COMPENSATION_AGREEMENT'],
    docketText: 'The complainant requested authorisation to suspend concessions.',
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
    docketText:
      'The respondent objected to the level of suspension; the matter went to arbitration.',
  },
  {
    action: 'decideRetaliationLevel',
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
    from: ['RETALIATION_REQUESTED', 'ARB_22_6'],
    to: 'SUSPENSION_AUTHORIZED',
    actors: ['BODY'],
    article: 'DSU 22.6, 22.7',
    guard: atStage(
      'ARB_22_6',
      requireEvent(
        'LEVEL_AWARD_ISSUED',
        'Concessions may not be suspended during the arbitration (DSU 22.6): the award comes ' +
          'first.',
      ),
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
    article: 'DSU 21.6, 22.8',
    opens: [],
    meets: ['IMPLEMENTATION_PERIOD'],
    cancels: 'ALL_OPEN',
    docketText: 'The body recorded that the recommendations have been complied with.',
  },
];
