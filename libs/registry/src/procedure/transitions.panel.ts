import {
  afterPeriodEnds,
  afterWaitingPeriod,
  allOf,
  atStage,
  forbidEvent,
  notRunning,
  requireEvent,
  withinPeriod,
  type Guard,
} from './guards';
import { refuse } from './refusals';
import { liveRow } from './snapshot';
import type { Transition } from './transitions';

// DSU 12.12 speaks of the panel's work: suspension is possible once the panel exists, until its
// report leaves it.
const SUSPENDABLE = ['PANEL_COMPOSED', 'PANEL_PROCEEDINGS', 'INTERIM_REVIEW'] as const;

const knowsStageBeforeSuspension: Guard = (snapshot) =>
  snapshot.stageBeforeSuspension
    ? null
    : refuse(
        'INVALID_TRANSITION',
        'The stage before the suspension is not recorded, so the work cannot resume.',
      );

// DSU 12.12: "If the work of the panel has been suspended for more than 12 months, the authority
// for establishment of the panel shall lapse": from the day after the 12-month date.
const lapseGuard: Guard = (snapshot, now, context) =>
  liveRow(snapshot, 'SUSPENSION_LIMIT')
    ? afterPeriodEnds('SUSPENSION_LIMIT', "Lapse of the panel's authority")(snapshot, now, context)
    : refuse(
        'INVALID_TRANSITION',
        'No suspension period is running (SUSPENSION_LIMIT, DSU 12.12).',
      );

// Opened when the reports are adopted; the arbitration limit opens only if a party refers the
// reasonable period to arbitration (DSU 21.3(c)).
const ADOPTION_OPENS = ['RPT_INTENTIONS', 'RPT_AGREEMENT'] as const;

/** From establishment to adoption: composition, proceedings, suspension, report, appeal. */
export const PANEL_TRANSITIONS: readonly Transition[] = [
  {
    action: 'joinPanelAsThirdParty',
    from: ['PANEL_ESTABLISHED', 'PANEL_COMPOSED', 'PANEL_PROCEEDINGS'],
    to: null,
    // A third party in consultations is not one in the panel proceedings: it joins again.
    actors: ['MEMBER', 'THIRD_PARTY'],
    article: 'DSU 10.2',
    guard: withinPeriod('THIRD_PARTY_PANEL', 'Joining the panel proceedings as a third party'),
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'A member notified its substantial interest and joined as a third party.',
  },
  {
    action: 'agreeTermsOfReference',
    from: ['PANEL_ESTABLISHED', 'PANEL_COMPOSED'],
    to: null,
    actors: ['SECRETARIAT'],
    article: 'DSU 7.1, 7.3',
    guard: withinPeriod('TERMS_OF_REFERENCE', 'Agreeing special terms of reference'),
    opens: [],
    meets: ['TERMS_OF_REFERENCE'],
    cancels: [],
    docketText: 'The parties agreed special terms of reference.',
  },
  {
    action: 'agreeFivePanelists',
    from: ['PANEL_ESTABLISHED'],
    to: null,
    actors: ['SECRETARIAT'],
    article: 'DSU 8.5',
    guard: withinPeriod('FIVE_PANELISTS', 'Agreeing on a panel of five'),
    opens: [],
    meets: ['FIVE_PANELISTS'],
    cancels: [],
    docketText: 'The parties agreed that the panel will have five panelists.',
  },
  {
    action: 'requestDgAppointment',
    from: ['PANEL_ESTABLISHED'],
    to: null,
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 8.7',
    guard: allOf(
      afterPeriodEnds('PANEL_COMPOSITION', 'Asking the Director-General to appoint the panelists'),
      notRunning('DG_APPOINTMENT', 'The Director-General has already been asked (DSU 8.7).'),
    ),
    opens: ['DG_APPOINTMENT'],
    meets: [],
    // The guard makes sure the 20 days have run: the row is recorded MISSED.
    cancels: ['PANEL_COMPOSITION'],
    docketText: 'A party asked the Director-General to determine the composition of the panel.',
  },
  {
    action: 'composePanel',
    from: ['PANEL_ESTABLISHED'],
    to: 'PANEL_COMPOSED',
    // Records the parties' acceptance of the elected nominees, or the Director-General's choice.
    actors: ['SECRETARIAT'],
    article: 'DSU 8.6, 8.7',
    opens: ['PANEL_REPORT'], // DSU 12.8: 6 months (3 if urgent) from composition
    meets: ['PANEL_COMPOSITION', 'DG_APPOINTMENT'],
    cancels: ['FIVE_PANELISTS'],
    docketText: 'The panel was composed.',
  },
  {
    action: 'fixTimetable',
    from: ['PANEL_COMPOSED'],
    to: 'PANEL_PROCEEDINGS',
    actors: ['PANEL'],
    article: 'DSU 12.3; Appendix 3',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The panel fixed its timetable.',
  },
  {
    action: 'requestSuspension',
    from: SUSPENDABLE,
    to: null,
    actors: ['COMPLAINANT'],
    article: 'DSU 12.12',
    guard: forbidEvent(
      'SUSPENSION_REQUESTED',
      'The complainant has already asked the panel to suspend its work',
    ),
    records: 'SUSPENSION_REQUESTED',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The complainant asked the panel to suspend its work.',
  },
  {
    action: 'suspend',
    from: SUSPENDABLE,
    to: 'SUSPENDED',
    actors: ['PANEL'],
    article: 'DSU 12.12',
    guard: requireEvent(
      'SUSPENSION_REQUESTED',
      "The panel may suspend its work only at the complainant's request (DSU 12.12); none is " +
        'recorded (requestSuspension).',
    ),
    // Every running clock stops (DSU 12.12 extends the time-frames of 12.8, 12.9, 20 and 21.4 by
    // the time suspended); the 12 months of the suspension itself start.
    clock: 'STOP',
    clears: ['SUSPENSION_REQUESTED'],
    opens: ['SUSPENSION_LIMIT'],
    meets: [],
    cancels: [],
    docketText: "The panel suspended its work at the complainant's request.",
  },
  {
    action: 'resume',
    from: ['SUSPENDED'],
    to: 'PREVIOUS',
    // DSU 12.12 leaves the timing to the complainant: its request, or the panel's decision.
    actors: ['COMPLAINANT', 'PANEL'],
    article: 'DSU 12.12',
    guard: allOf(
      knowsStageBeforeSuspension,
      withinPeriod('SUSPENSION_LIMIT', "Resuming the panel's work"),
    ),
    clock: 'RESTART',
    opens: [],
    meets: ['SUSPENSION_LIMIT'],
    cancels: [],
    docketText: 'The panel resumed its work.',
  },
  {
    action: 'lapse',
    from: ['SUSPENDED'],
    to: 'LAPSED',
    actors: ['SYSTEM'],
    article: 'DSU 12.12',
    guard: lapseGuard,
    automatic: true,
    opens: [],
    meets: [],
    cancels: 'ALL_OPEN',
    docketText:
      "The panel's work was suspended for more than 12 months; its authority lapsed.",
  },
  {
    action: 'issueDescriptivePart',
    from: ['PANEL_PROCEEDINGS'],
    to: null,
    actors: ['PANEL'],
    article: 'DSU 15.1',
    guard: forbidEvent('DESCRIPTIVE_PART_ISSUED', 'The descriptive part has already been issued'),
    records: 'DESCRIPTIVE_PART_ISSUED',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The panel issued the descriptive part of its report to the parties.',
  },
  {
    action: 'issueInterimReport',
    from: ['PANEL_PROCEEDINGS'],
    to: 'INTERIM_REVIEW',
    actors: ['PANEL'],
    article: 'DSU 15.2',
    guard: requireEvent(
      'DESCRIPTIVE_PART_ISSUED',
      'The interim report follows the descriptive part (DSU 15.1–15.2); issue that first.',
    ),
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The panel issued its interim report to the parties.',
  },
  {
    action: 'issueFinalReport',
    from: ['INTERIM_REVIEW'],
    to: null,
    actors: ['PANEL'],
    // Without comments from the parties, the interim report is the final report (DSU 15.2).
    article: 'DSU 12.8, 15.2, 15.3',
    guard: forbidEvent('FINAL_REPORT_ISSUED', 'The final report has already been issued'),
    records: 'FINAL_REPORT_ISSUED',
    opens: [],
    meets: ['PANEL_REPORT'],
    cancels: [],
    docketText: 'The panel issued its final report to the parties.',
  },
  {
    action: 'informBodyOfDelay',
    from: ['PANEL_PROCEEDINGS', 'INTERIM_REVIEW', 'COMPLIANCE_REVIEW'],
    to: null,
    // The chair signs the panel's letter to the body.
    actors: ['PANEL_CHAIR'],
    article: 'DSU 12.9, 21.5',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The panel informed the body that its report will be late, with an estimate.',
  },
  {
    action: 'circulateReport',
    from: ['INTERIM_REVIEW'],
    to: 'REPORT_CIRCULATED',
    actors: ['SECRETARIAT'],
    article: 'DSU 12.9, 16.1',
    guard: requireEvent(
      'FINAL_REPORT_ISSUED',
      'Only a final report can be circulated (DSU 15.3); the panel has not issued one.',
    ),
    opens: ['ADOPTION_EARLIEST', 'PANEL_REPORT_ADOPTION'],
    meets: ['PANEL_CIRCULATION'],
    cancels: [],
    docketText: 'The panel report was circulated to the members.',
  },
  {
    action: 'appeal',
    // Only before adoption (DSU 16.4): once adopted the dispute has left this stage.
    from: ['REPORT_CIRCULATED'],
    to: 'UNDER_APPEAL',
    // Parties only: third parties cannot appeal (DSU 17.4).
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 16.4, 17.4, 17.5',
    opens: ['APPELLATE_REPORT', 'APPELLATE_REPORT_MAX'],
    meets: [],
    cancels: ['ADOPTION_EARLIEST', 'PANEL_REPORT_ADOPTION'],
    supersedes: [{ rule: 'ADOPTION_GUIDELINE', by: 'ADOPTION_GUIDELINE_APPEALED' }],
    docketText: 'A party notified its decision to appeal.',
  },
  {
    action: 'circulateAppellateReport',
    from: ['UNDER_APPEAL', 'COMPLIANCE_REVIEW'],
    to: null,
    // The appellate body does not use the system: the secretariat records its report.
    actors: ['SECRETARIAT'],
    article: 'DSU 17.5, 17.14',
    guard: allOf(
      forbidEvent(
        'APPELLATE_REPORT_CIRCULATED',
        'The appellate report has already been circulated',
      ),
      atStage(
        'COMPLIANCE_REVIEW',
        requireEvent(
          'COMPLIANCE_REPORT_APPEALED',
          'The compliance report has not been appealed (DSU 21.5, 17.4).',
        ),
      ),
    ),
    records: 'APPELLATE_REPORT_CIRCULATED',
    opens: ['APPELLATE_REPORT_ADOPTION'],
    meets: ['APPELLATE_REPORT', 'APPELLATE_REPORT_MAX'],
    cancels: [],
    docketText: 'The appellate report was circulated to the members.',
  },
  {
    action: 'adoptReport',
    from: ['REPORT_CIRCULATED'],
    to: 'ADOPTED',
    actors: ['BODY'],
    article: 'DSU 16.1, 16.4',
    guard: afterWaitingPeriod('ADOPTION_EARLIEST', 'Adopting the panel report'),
    records: 'REPORT_ADOPTED',
    opens: ADOPTION_OPENS,
    meets: ['PANEL_REPORT_ADOPTION', 'ADOPTION_GUIDELINE'],
    cancels: ['ADOPTION_EARLIEST'],
    docketText: 'The body adopted the panel report.',
  },
  {
    action: 'adoptAppellateReport',
    from: ['UNDER_APPEAL'],
    to: 'ADOPTED',
    actors: ['BODY'],
    article: 'DSU 17.14',
    guard: requireEvent(
      'APPELLATE_REPORT_CIRCULATED',
      'The appellate report has not been circulated yet (DSU 17.5, 17.14).',
    ),
    records: 'REPORT_ADOPTED',
    opens: ADOPTION_OPENS,
    meets: ['APPELLATE_REPORT_ADOPTION', 'ADOPTION_GUIDELINE_APPEALED'],
    cancels: [],
    docketText: 'The body adopted the appellate report and the panel report as modified by it.',
  },
  {
    action: 'adoptReportAutomatically',
    from: ['REPORT_CIRCULATED'],
    to: 'ADOPTED',
    actors: ['SYSTEM'],
    // DSU 16.4: within 60 days of circulation the report "shall be adopted" unless appealed or
    // rejected by consensus; with no meeting by then, the system records the adoption.
    article: 'DSU 16.4',
    guard: afterPeriodEnds('PANEL_REPORT_ADOPTION', 'Adoption of the panel report without a meeting'),
    automatic: true,
    records: 'REPORT_ADOPTED',
    opens: ADOPTION_OPENS,
    meets: ['PANEL_REPORT_ADOPTION', 'ADOPTION_GUIDELINE'],
    cancels: ['ADOPTION_EARLIEST'],
    docketText: 'Sixty days passed since circulation without an appeal or a decision not to adopt: the report is adopted.',
  },
  {
    action: 'adoptAppellateReportAutomatically',
    from: ['UNDER_APPEAL'],
    to: 'ADOPTED',
    actors: ['SYSTEM'],
    // DSU 17.14: the appellate report "shall be adopted" within 30 days of its circulation.
    article: 'DSU 17.14',
    guard: allOf(
      requireEvent('APPELLATE_REPORT_CIRCULATED', 'The appellate report has not been circulated yet (DSU 17.14).'),
      afterPeriodEnds('APPELLATE_REPORT_ADOPTION', 'Adoption of the appellate report without a meeting'),
    ),
    automatic: true,
    records: 'REPORT_ADOPTED',
    opens: ADOPTION_OPENS,
    meets: ['APPELLATE_REPORT_ADOPTION', 'ADOPTION_GUIDELINE_APPEALED'],
    cancels: [],
    docketText: 'Thirty days passed since the appellate report was circulated: the reports are adopted.',
  },
];
