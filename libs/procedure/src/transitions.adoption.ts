import { ACTOR_ROLE_LABELS } from './actors';
import { actingParty, afterPeriodEnds, afterWaitingPeriod, allOf, forbidEvent, requireEvent, withinPeriod, type Guard } from './guards';
import { refuse } from './refusals';
import type { Transition } from './transitions';
import { ADOPTION_OPENS } from './transitions.panel';

// DSU 16.4: within 60 days of circulation the report "shall be adopted ... unless a party ...
// notifies its decision to appeal or the [body] decides by consensus not to adopt": both stay
// possible to the end of day 60; from then the report stands adopted, whenever the system
// records it.
const beforePanelReportAdopted = (what: string): Guard => withinPeriod('PANEL_REPORT_ADOPTION', what);

// DSU 17.4 and the Working Procedures (rule 23): another party may appeal too, within the window;
// nobody appeals twice.
const notYetAppellant: Guard = (snapshot, _now, { actorRoles }) => {
  const party = actingParty(actorRoles);
  if (party && (snapshot.agreements.APPEAL ?? []).includes(party)) {
    const who = ACTOR_ROLE_LABELS[party];
    return refuse('INVALID_TRANSITION', `${who.charAt(0).toUpperCase()}${who.slice(1)} has already appealed (DSU 16.4, 17.4).`);
  }
  return null;
};

const appellateReportIn = requireEvent(
  'APPELLATE_REPORT_CIRCULATED',
  'The appellate report has not been circulated yet (DSU 17.5, 17.14).',
);

/** From the circulated panel report to adoption: appeal, appellate report, the body's decision. */
export const ADOPTION_TRANSITIONS: readonly Transition[] = [
  {
    action: 'appeal',
    requires: 'until the end of day 60 after circulation (PANEL_REPORT_ADOPTION): the report is then adopted',
    // Only before adoption (DSU 16.4): once adopted the dispute has left this stage.
    from: ['REPORT_CIRCULATED'],
    to: 'UNDER_APPEAL',
    // Parties only: third parties cannot appeal (DSU 17.4).
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 16.4, 17.4, 17.5',
    guard: beforePanelReportAdopted('An appeal'),
    agreement: 'APPEAL',
    clears: ['APPELLATE_REPORT_CIRCULATED', 'CROSS_APPEALED'],
    opens: ['CROSS_APPEAL', 'APPELLATE_REPORT', 'APPELLATE_REPORT_MAX'],
    meets: [],
    cancels: ['ADOPTION_EARLIEST', 'PANEL_REPORT_ADOPTION'],
    supersedes: [{ rule: 'ADOPTION_GUIDELINE', by: 'ADOPTION_GUIDELINE_APPEALED' }],
    docketText: '{actor} notified its decision to appeal.',
  },
  {
    action: 'crossAppeal',
    requires: 'within CROSS_APPEAL (5 days from the notice); not a party that already appealed',
    from: ['UNDER_APPEAL', 'COMPLIANCE_UNDER_APPEAL'],
    to: null,
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 17.4; Working Procedures for Appellate Review, rule 23',
    guard: allOf(notYetAppellant, withinPeriod('CROSS_APPEAL', 'Another appeal (a cross-appeal)')),
    agreement: 'APPEAL',
    records: 'CROSS_APPEALED',
    opens: [],
    meets: [],
    cancels: [],
    docketText: '{actor} appealed too (other appellant).',
  },
  {
    action: 'informBodyOfAppellateDelay',
    from: ['UNDER_APPEAL', 'COMPLIANCE_UNDER_APPEAL'],
    to: null,
    // The appellate body does not use the system: the secretariat records its letter, with the
    // reasons and the date it expects to circulate its report (DSU 17.5).
    actors: ['SECRETARIAT'],
    article: 'DSU 17.5',
    needs: 'REASONS',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The appellate body informed the body that its report will be late (DSU 17.5).',
  },
  {
    action: 'suspendAppeal',
    requires: 'the appellate report not yet circulated; reasons',
    from: ['UNDER_APPEAL', 'COMPLIANCE_UNDER_APPEAL'],
    to: 'APPEAL_SUSPENDED',
    // At the parties' joint request, recorded by the secretariat; the appellate clocks stop.
    actors: ['SECRETARIAT'],
    article: 'DSU 17.5; Working Procedures for Appellate Review, rule 16',
    guard: forbidEvent('APPELLATE_REPORT_CIRCULATED', 'The appellate report has been circulated'),
    needs: 'REASONS',
    clock: 'STOP',
    opens: [],
    meets: [],
    cancels: [],
    docketText: "The appeal was suspended at the parties' joint request.",
  },
  {
    action: 'resumeAppeal',
    from: ['APPEAL_SUSPENDED'],
    to: 'PREVIOUS',
    actors: ['SECRETARIAT'],
    article: 'DSU 17.5; Working Procedures for Appellate Review, rule 16',
    clock: 'RESTART',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The appeal resumed.',
  },
  {
    action: 'circulateAppellateReport',
    requires: 'once per appeal; after CROSS_APPEAL has run',
    from: ['UNDER_APPEAL', 'COMPLIANCE_UNDER_APPEAL'],
    to: null,
    // The appellate body does not use the system: the secretariat records its report.
    actors: ['SECRETARIAT'],
    article: 'DSU 17.5, 17.14',
    guard: allOf(
      forbidEvent('APPELLATE_REPORT_CIRCULATED', 'The appellate report has already been circulated'),
      // The report answers every notice of appeal: not before the other appellants' window ends.
      afterPeriodEnds('CROSS_APPEAL', 'Circulating the appellate report'),
    ),
    records: 'APPELLATE_REPORT_CIRCULATED',
    opens: ['APPELLATE_REPORT_ADOPTION'],
    meets: ['APPELLATE_REPORT', 'APPELLATE_REPORT_MAX'],
    cancels: [],
    docketText: 'The appellate report was circulated to the members.',
  },
  {
    action: 'adoptReport',
    requires: 'from day 20 (ADOPTION_EARLIEST) to the end of day 60 (PANEL_REPORT_ADOPTION)',
    from: ['REPORT_CIRCULATED'],
    to: 'ADOPTED',
    actors: ['BODY'],
    article: 'DSU 16.1, 16.4',
    atMeeting: true,
    guard: allOf(
      afterWaitingPeriod('ADOPTION_EARLIEST', 'Considering the panel report for adoption'),
      beforePanelReportAdopted('A decision of the body on the panel report'),
    ),
    records: 'REPORT_ADOPTED',
    opens: ADOPTION_OPENS,
    meets: ['PANEL_REPORT_ADOPTION', 'ADOPTION_GUIDELINE'],
    cancels: ['ADOPTION_EARLIEST'],
    docketText: 'The body adopted the panel report.',
  },
  {
    action: 'adoptAppellateReport',
    requires: 'the appellate report circulated; within APPELLATE_REPORT_ADOPTION (30 days)',
    from: ['UNDER_APPEAL'],
    to: 'ADOPTED',
    actors: ['BODY'],
    article: 'DSU 17.14',
    atMeeting: true,
    guard: allOf(appellateReportIn, withinPeriod('APPELLATE_REPORT_ADOPTION', 'A decision of the body on the appellate report')),
    records: 'REPORT_ADOPTED',
    opens: ADOPTION_OPENS,
    meets: ['APPELLATE_REPORT_ADOPTION', 'ADOPTION_GUIDELINE_APPEALED'],
    cancels: [],
    docketText: 'The body adopted the appellate report and the panel report as modified by it.',
  },
  {
    action: 'decideNotToAdopt',
    requires:
      'as adoptReport or adoptAppellateReport, at the stage; every member present objected 10 days ahead (the rulings module counts)',
    from: ['REPORT_CIRCULATED', 'UNDER_APPEAL'],
    to: 'NOT_ADOPTED',
    // Negative consensus: every member present objected (the adoption service counts them).
    actors: ['BODY'],
    article: 'DSU 16.4, 17.14',
    atMeeting: true,
    guard: (snapshot, now, context) =>
      snapshot.stage === 'REPORT_CIRCULATED'
        ? allOf(
            afterWaitingPeriod('ADOPTION_EARLIEST', 'Considering the panel report'),
            beforePanelReportAdopted('A decision of the body on the panel report'),
          )(snapshot, now, context)
        : allOf(appellateReportIn, withinPeriod('APPELLATE_REPORT_ADOPTION', 'A decision of the body on the appellate report'))(
            snapshot,
            now,
            context,
          ),
    // The body decided within its time: the limits are met, by a decision not to adopt.
    opens: [],
    meets: ['PANEL_REPORT_ADOPTION', 'APPELLATE_REPORT_ADOPTION'],
    cancels: 'ALL_OPEN',
    docketText: 'The body decided by consensus not to adopt the report.',
  },
  {
    action: 'adoptReportAutomatically',
    requires: 'after PANEL_REPORT_ADOPTION has run; takes effect at the end of day 60',
    from: ['REPORT_CIRCULATED'],
    to: 'ADOPTED',
    actors: ['SYSTEM'],
    // DSU 16.4: within 60 days of circulation the report "shall be adopted" unless appealed or
    // rejected by consensus; with neither by the end of day 60, it is adopted as of that day.
    article: 'DSU 16.4',
    guard: afterPeriodEnds('PANEL_REPORT_ADOPTION', 'Adoption of the panel report without a meeting'),
    automatic: true,
    effectiveAtEndOf: 'PANEL_REPORT_ADOPTION',
    records: 'REPORT_ADOPTED',
    opens: ADOPTION_OPENS,
    meets: ['PANEL_REPORT_ADOPTION', 'ADOPTION_GUIDELINE'],
    cancels: ['ADOPTION_EARLIEST'],
    docketText:
      'Sixty days passed since circulation without an appeal or a decision not to adopt: the ' +
      'report is adopted as of {effective} (DSU 16.4).',
  },
  {
    action: 'adoptAppellateReportAutomatically',
    requires: 'the appellate report circulated; after APPELLATE_REPORT_ADOPTION has run; takes effect at the end of day 30',
    from: ['UNDER_APPEAL'],
    to: 'ADOPTED',
    actors: ['SYSTEM'],
    // DSU 17.14: the appellate report "shall be adopted" within 30 days of its circulation
    // unless the body decides by consensus not to.
    article: 'DSU 17.14',
    guard: allOf(appellateReportIn, afterPeriodEnds('APPELLATE_REPORT_ADOPTION', 'Adoption of the appellate report without a meeting')),
    automatic: true,
    effectiveAtEndOf: 'APPELLATE_REPORT_ADOPTION',
    records: 'REPORT_ADOPTED',
    opens: ADOPTION_OPENS,
    meets: ['APPELLATE_REPORT_ADOPTION', 'ADOPTION_GUIDELINE_APPEALED'],
    cancels: [],
    docketText:
      'Thirty days passed since the appellate report was circulated without a decision not to ' +
      'adopt: the reports are adopted as of {effective} (DSU 17.14).',
  },
];
