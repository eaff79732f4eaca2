import { addDays } from './dates';
import { DEADLINE_RULES, type DeadlineRuleCode } from './deadline-rules';
import { afterPeriodEnds, allOf, forbidEvent, notRunning, requireEvent, under, withinPeriod, type Guard } from './guards';
import { refuse } from './refusals';
import { hasRunOut, isPaused, latestRow, liveRow, type ProcedureEvent } from './snapshot';
import type { Transition } from './transitions';

// DSU 12.12 speaks of the panel's work: suspension is possible once the panel exists, until its
// report leaves it.
const SUSPENDABLE = ['PANEL_COMPOSED', 'PANEL_PROCEEDINGS', 'INTERIM_REVIEW'] as const;

const knowsStageBeforeSuspension: Guard = (snapshot) =>
  snapshot.stageBeforeSuspension
    ? null
    : refuse('INVALID_TRANSITION', 'The stage before the suspension is not recorded, so the work cannot resume.');

// DSU 12.12: "If the work of the panel has been suspended for more than 12 months, the authority
// for establishment of the panel shall lapse": from the day after the 12-month date.
const lapseGuard: Guard = (snapshot, now, context) =>
  liveRow(snapshot, 'SUSPENSION_LIMIT')
    ? afterPeriodEnds('SUSPENSION_LIMIT', "Lapse of the panel's authority")(snapshot, now, context)
    : refuse('INVALID_TRANSITION', 'No suspension period is running (SUSPENSION_LIMIT, DSU 12.12).');

// DSU 8.5: the panel has three panelists unless the parties agree on five within 10 days; the
// members elect it only once that question is settled, by agreement or by the window's end.
const electionMayOpen: Guard = (snapshot, now) => {
  if (snapshot.events.FIVE_PANELISTS_AGREED) return null;
  const window = liveRow(snapshot, 'FIVE_PANELISTS');
  if (!window || hasRunOut(window, now)) return null;
  const from = addDays(window.dueDate, 1);
  return refuse(
    'NOT_YET_ALLOWED',
    `The panel election opens from ${from}, once the parties' 10 days to agree on five ` +
      `panelists have passed (unless they agree earlier), ${under('FIVE_PANELISTS')}`,
    from,
  );
};

// The panel is composed once no challenge can come any more (the challenges of the pending
// ones are decided by the panels module before it asks).
const challengesOver: Guard = (snapshot, now) => {
  const window = liveRow(snapshot, 'CANDIDATE_CHALLENGES');
  if (!window || hasRunOut(window, now)) return null;
  const from = addDays(window.dueDate, 1);
  return refuse(
    'NOT_YET_ALLOWED',
    `The panel can be composed from ${from}, once the parties' period to challenge candidates ` +
      `has ended, ${under('CANDIDATE_CHALLENGES')}`,
    from,
  );
};

const MEETINGS = {
  FIRST: {
    held: 'FIRST_MEETING_HELD',
    dispensed: 'FIRST_MEETING_DISPENSED',
    rule: 'TIMETABLE_FIRST_SUBSTANTIVE_MEETING',
    name: 'The first substantive meeting',
  },
  SECOND: {
    held: 'SECOND_MEETING_HELD',
    dispensed: 'SECOND_MEETING_DISPENSED',
    rule: 'TIMETABLE_SECOND_SUBSTANTIVE_MEETING',
    name: 'The second substantive meeting',
  },
} as const satisfies Record<string, { held: ProcedureEvent; dispensed: ProcedureEvent; rule: DeadlineRuleCode; name: string }>;

function meetingDone(meeting: keyof typeof MEETINGS): Guard {
  const { held, dispensed, name } = MEETINGS[meeting];
  return (snapshot) => {
    const on = snapshot.events[held] ?? snapshot.events[dispensed];
    return on ? refuse('INVALID_TRANSITION', `${name} is already recorded (${on}).`) : null;
  };
}

// Appendix 3 ¶12(b)-(g): the interim report follows the meetings of the timetable; a meeting the
// panel decided not to hold (reasons docketed) counts as dealt with.
const meetingsDealtWith: Guard = (snapshot) => {
  for (const meeting of ['FIRST', 'SECOND'] as const) {
    const { held, dispensed, name } = MEETINGS[meeting];
    if (!snapshot.events[held] && !snapshot.events[dispensed]) {
      return refuse(
        'INVALID_TRANSITION',
        `${name} has not been held (Appendix 3 ¶12; DSU 12.3): record it ` +
          `(hold${meeting === 'FIRST' ? 'First' : 'Second'}Meeting) or the panel's reasoned ` +
          `decision not to hold it (dispenseWith${meeting === 'FIRST' ? 'First' : 'Second'}Meeting) first.`,
      );
    }
  }
  return null;
};

// DSU 15.2-15.3: the final report follows the interim review; its period is the one the panel set
// in its timetable (Appendix 3 ¶12(h)), kept at its planned length when the interim report came
// late.
const reviewPeriodOver: Guard = (snapshot, now) => {
  const rule = 'TIMETABLE_REVIEW_REQUESTS';
  const row = liveRow(snapshot, rule) ?? latestRow(snapshot, rule);
  if (!row) {
    return refuse(
      'INVALID_TRANSITION',
      "The panel's timetable sets no interim review period (Appendix 3 ¶12(h)); adjust the " + 'timetable first (adjustTimetable).',
    );
  }
  if (row.status !== 'OPEN' || hasRunOut(row, now)) return null;
  if (isPaused(row)) {
    return refuse('NOT_YET_ALLOWED', 'The interim review period is stopped by the suspension.');
  }
  const from = addDays(row.dueDate, 1);
  return refuse(
    'NOT_YET_ALLOWED',
    `The final report may be issued from ${from}, once the parties' interim review period ` +
      `ends on ${row.dueDate} (DSU 15.2; ${DEADLINE_RULES[rule].article}).`,
    from,
  );
};

// Opened when the reports are adopted; the arbitration limit opens only if a party refers the
// reasonable period to arbitration (DSU 21.3(c)).
export const ADOPTION_OPENS = ['RPT_INTENTIONS', 'RPT_AGREEMENT'] as const;

/** From establishment to the panel report: composition, proceedings, suspension, the report. */
export const PANEL_TRANSITIONS: readonly Transition[] = [
  {
    action: 'joinPanelAsThirdParty',
    requires: 'within THIRD_PARTY_PANEL (10 days from establishment), else DEADLINE_PASSED; once',
    from: ['PANEL_ESTABLISHED', 'PANEL_COMPOSED', 'PANEL_PROCEEDINGS'],
    to: null,
    // A third party in consultations is not one in the panel proceedings: it joins again.
    actors: ['MEMBER', 'THIRD_PARTY'],
    article: 'DSU 10.2',
    guard: withinPeriod('THIRD_PARTY_PANEL', 'Joining the panel proceedings as a third party'),
    opens: [],
    meets: [],
    cancels: [],
    docketText: '{actor} notified its substantial interest and joined the panel proceedings as a third party.',
  },
  {
    action: 'agreeTermsOfReference',
    requires: 'within TERMS_OF_REFERENCE (20 days)',
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
    requires: 'within FIVE_PANELISTS (10 days); once; records FIVE_PANELISTS_AGREED',
    from: ['PANEL_ESTABLISHED'],
    to: null,
    actors: ['SECRETARIAT'],
    article: 'DSU 8.5',
    guard: allOf(
      withinPeriod('FIVE_PANELISTS', 'Agreeing on a panel of five'),
      forbidEvent('FIVE_PANELISTS_AGREED', 'The parties have already agreed on five panelists'),
    ),
    records: 'FIVE_PANELISTS_AGREED',
    opens: [],
    meets: ['FIVE_PANELISTS'],
    cancels: [],
    docketText: 'The parties agreed that the panel will have five panelists.',
  },
  {
    action: 'requestDgAppointment',
    requires: 'after PANEL_COMPOSITION has run (from day 21); once',
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
    docketText: '{actor} asked the Director-General to determine the composition of the panel.',
  },
  {
    action: 'openPanelElection',
    requires:
      'once FIVE_PANELISTS has run (day 11), unless the parties agreed on five; the panels module adds: voting at least ELECTION_MIN_VOTING_DAYS, closing after CANDIDATE_CHALLENGES',
    from: ['PANEL_ESTABLISHED'],
    to: null,
    // The body's panels are elected by the members (the panels module runs the election); the
    // secretariat opens it.
    actors: ['SECRETARIAT'],
    article: 'DSU 8.5, 8.6',
    guard: electionMayOpen,
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The secretariat opened the election of the panel.',
  },
  {
    action: 'composePanel',
    requires: 'after CANDIDATE_CHALLENGES has run; the panels module adds: no challenge pending',
    from: ['PANEL_ESTABLISHED'],
    to: 'PANEL_COMPOSED',
    // Recorded when the election closes (the members' choice), on the secretariat's behalf.
    actors: ['SECRETARIAT'],
    article: 'DSU 8.6, 8.7',
    guard: challengesOver,
    opens: ['PANEL_REPORT'], // DSU 12.8: 6 months (3 if urgent) from composition
    meets: ['PANEL_COMPOSITION', 'DG_APPOINTMENT'],
    cancels: [],
    docketText: 'The panel was composed.',
  },
  {
    action: 'fixTimetable',
    from: ['PANEL_COMPOSED'],
    to: 'PANEL_PROCEEDINGS',
    // Taken by adopting the timetable (the hearings module proposes it); each step of it becomes a
    // dated limit.
    actors: ['PANEL'],
    article: 'DSU 12.3; Appendix 3',
    needs: 'TIMETABLE',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The panel fixed its timetable.',
  },
  {
    action: 'adjustTimetable',
    from: ['PANEL_PROCEEDINGS', 'INTERIM_REVIEW'],
    to: null,
    // Appendix 3 ¶12: the timetable is the panel's own; it may move a step still to come,
    // earlier or later, with reasons.
    actors: ['PANEL'],
    article: 'DSU 12.3; Appendix 3 ¶12',
    needs: 'TIMETABLE_CHANGE',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The panel moved {rule} of its timetable to {until}.',
  },
  {
    action: 'holdFirstMeeting',
    requires: 'not yet held or dispensed with',
    from: ['PANEL_PROCEEDINGS'],
    to: null,
    actors: ['PANEL', 'SECRETARIAT'],
    article: 'DSU 12.3; Appendix 3 ¶12(b)',
    guard: meetingDone('FIRST'),
    records: 'FIRST_MEETING_HELD',
    opens: [],
    meets: ['TIMETABLE_FIRST_SUBSTANTIVE_MEETING', 'TIMETABLE_THIRD_PARTY_SESSION'],
    cancels: [],
    docketText: 'The panel held its first substantive meeting with the parties.',
  },
  {
    action: 'holdSecondMeeting',
    requires: 'not yet held or dispensed with; after the first',
    from: ['PANEL_PROCEEDINGS'],
    to: null,
    actors: ['PANEL', 'SECRETARIAT'],
    article: 'DSU 12.3; Appendix 3 ¶12(d)',
    guard: allOf(meetingDone('SECOND'), (snapshot) =>
      snapshot.events.FIRST_MEETING_HELD || snapshot.events.FIRST_MEETING_DISPENSED
        ? null
        : refuse('INVALID_TRANSITION', 'The first substantive meeting comes first (Appendix 3 ¶12).'),
    ),
    records: 'SECOND_MEETING_HELD',
    opens: [],
    meets: ['TIMETABLE_SECOND_SUBSTANTIVE_MEETING'],
    cancels: [],
    docketText: 'The panel held its second substantive meeting with the parties.',
  },
  {
    action: 'dispenseWithFirstMeeting',
    requires: 'not yet held or dispensed with; reasons',
    from: ['PANEL_PROCEEDINGS'],
    to: null,
    actors: ['PANEL'],
    article: 'DSU 12.1, 12.3; Appendix 3 ¶12(b)',
    guard: meetingDone('FIRST'),
    needs: 'REASONS',
    records: 'FIRST_MEETING_DISPENSED',
    opens: [],
    meets: [],
    cancels: ['TIMETABLE_FIRST_SUBSTANTIVE_MEETING', 'TIMETABLE_THIRD_PARTY_SESSION'],
    docketText: 'The panel decided not to hold the first substantive meeting.',
  },
  {
    action: 'dispenseWithSecondMeeting',
    requires: 'not yet held or dispensed with; reasons',
    from: ['PANEL_PROCEEDINGS'],
    to: null,
    actors: ['PANEL'],
    article: 'DSU 12.1, 12.3; Appendix 3 ¶12(d)',
    guard: meetingDone('SECOND'),
    needs: 'REASONS',
    records: 'SECOND_MEETING_DISPENSED',
    opens: [],
    meets: [],
    cancels: ['TIMETABLE_SECOND_SUBSTANTIVE_MEETING'],
    docketText: 'The panel decided not to hold the second substantive meeting.',
  },
  {
    action: 'requestSuspension',
    requires: 'once',
    from: SUSPENDABLE,
    to: null,
    actors: ['COMPLAINANT'],
    article: 'DSU 12.12',
    guard: forbidEvent('SUSPENSION_REQUESTED', 'The complainant has already asked the panel to suspend its work'),
    records: 'SUSPENSION_REQUESTED',
    opens: [],
    meets: [],
    cancels: [],
    docketText: '{actor} asked the panel to suspend its work.',
  },
  {
    action: 'suspend',
    requires: 'the complainant asked (requestSuspension)',
    from: SUSPENDABLE,
    to: 'SUSPENDED',
    actors: ['PANEL'],
    article: 'DSU 12.12',
    guard: requireEvent(
      'SUSPENSION_REQUESTED',
      "The panel may suspend its work only at the complainant's request (DSU 12.12); none is " + 'recorded (requestSuspension).',
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
    requires: 'within SUSPENSION_LIMIT (12 months), else DEADLINE_PASSED',
    from: ['SUSPENDED'],
    to: 'PREVIOUS',
    // DSU 12.12 leaves the timing to the complainant: its request, or the panel's decision.
    actors: ['COMPLAINANT', 'PANEL'],
    article: 'DSU 12.12',
    guard: allOf(knowsStageBeforeSuspension, withinPeriod('SUSPENSION_LIMIT', "Resuming the panel's work")),
    clock: 'RESTART',
    opens: [],
    meets: ['SUSPENSION_LIMIT'],
    cancels: [],
    docketText: "The panel resumed its work ({actor}'s request).",
  },
  {
    action: 'lapse',
    requires: 'after SUSPENSION_LIMIT has run (more than 12 months)',
    from: ['SUSPENDED'],
    to: 'LAPSED',
    actors: ['SYSTEM'],
    article: 'DSU 12.12',
    guard: lapseGuard,
    automatic: true,
    opens: [],
    meets: [],
    cancels: 'ALL_OPEN',
    docketText: "The panel's work was suspended for more than 12 months; its authority lapsed.",
  },
  {
    action: 'issueDescriptivePart',
    requires: 'once',
    from: ['PANEL_PROCEEDINGS'],
    to: null,
    actors: ['PANEL'],
    article: 'DSU 15.1',
    guard: forbidEvent('DESCRIPTIVE_PART_ISSUED', 'The descriptive part has already been issued'),
    records: 'DESCRIPTIVE_PART_ISSUED',
    opens: [],
    meets: ['TIMETABLE_DESCRIPTIVE_PART'],
    cancels: [],
    docketText: 'The panel issued the descriptive part of its report to the parties.',
  },
  {
    action: 'commentOnDescriptivePart',
    requires: "the descriptive part issued; within the timetable's TIMETABLE_COMMENTS_ON_DESCRIPTIVE_PART",
    from: ['PANEL_PROCEEDINGS'],
    to: null,
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 15.1; Appendix 3 ¶12(f)',
    guard: allOf(
      requireEvent('DESCRIPTIVE_PART_ISSUED', 'The descriptive part has not been issued (DSU 15.1).'),
      withinPeriod('TIMETABLE_COMMENTS_ON_DESCRIPTIVE_PART', 'Commenting on the descriptive part'),
    ),
    opens: [],
    meets: [],
    cancels: [],
    docketText: '{actor} commented on the descriptive part (DSU 15.1).',
  },
  {
    action: 'issueInterimReport',
    requires: 'the descriptive part issued; both substantive meetings held or dispensed with',
    from: ['PANEL_PROCEEDINGS'],
    to: 'INTERIM_REVIEW',
    actors: ['PANEL'],
    article: 'DSU 15.2',
    guard: allOf(
      requireEvent('DESCRIPTIVE_PART_ISSUED', 'The interim report follows the descriptive part (DSU 15.1–15.2); issue that first.'),
      meetingsDealtWith,
    ),
    records: 'INTERIM_REPORT_ISSUED',
    keepsLength: { rule: 'TIMETABLE_REVIEW_REQUESTS', after: 'TIMETABLE_INTERIM_REPORT' },
    opens: [],
    // The comments on the descriptive part end with the interim report.
    meets: ['TIMETABLE_INTERIM_REPORT'],
    cancels: ['TIMETABLE_COMMENTS_ON_DESCRIPTIVE_PART'],
    docketText: 'The panel issued its interim report to the parties.',
  },
  {
    action: 'commentOnInterimReport',
    requires: 'within the interim review period (TIMETABLE_REVIEW_REQUESTS)',
    from: ['INTERIM_REVIEW'],
    to: null,
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 15.2; Appendix 3 ¶12(h)',
    guard: withinPeriod('TIMETABLE_REVIEW_REQUESTS', 'Requesting a review of the interim report'),
    opens: [],
    meets: [],
    cancels: [],
    docketText: '{actor} asked the panel to review parts of the interim report (DSU 15.2).',
  },
  {
    action: 'issueFinalReport',
    requires: 'once; after the interim review period (TIMETABLE_REVIEW_REQUESTS) has ended',
    from: ['INTERIM_REVIEW'],
    to: null,
    actors: ['PANEL'],
    // Without comments from the parties, the interim report is the final report (DSU 15.2).
    article: 'DSU 12.8, 15.2, 15.3',
    guard: allOf(forbidEvent('FINAL_REPORT_ISSUED', 'The final report has already been issued'), reviewPeriodOver),
    records: 'FINAL_REPORT_ISSUED',
    opens: [],
    meets: ['PANEL_REPORT', 'TIMETABLE_INTERIM_REVIEW', 'TIMETABLE_FINAL_REPORT_TO_PARTIES'],
    cancels: [],
    docketText: 'The panel issued its final report to the parties.',
  },
  {
    action: 'informBodyOfDelay',
    from: ['PANEL_PROCEEDINGS', 'INTERIM_REVIEW', 'COMPLIANCE_REVIEW'],
    to: null,
    // The chair signs the panel's letter to the body, with the reasons and an estimate.
    actors: ['PANEL_CHAIR'],
    article: 'DSU 12.9, 21.5',
    needs: 'REASONS',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The panel informed the body that its report will be late, with an estimate.',
  },
  {
    action: 'circulateReport',
    requires: 'the final report issued',
    from: ['INTERIM_REVIEW'],
    to: 'REPORT_CIRCULATED',
    actors: ['SECRETARIAT'],
    article: 'DSU 12.9, 16.1',
    guard: requireEvent('FINAL_REPORT_ISSUED', 'Only a final report can be circulated (DSU 15.3); the panel has not issued one.'),
    // The dispute leaves the panel: what is left of its timetable no longer applies.
    opens: ['ADOPTION_EARLIEST', 'PANEL_REPORT_ADOPTION'],
    meets: ['PANEL_CIRCULATION', 'TIMETABLE_CIRCULATION'],
    cancels: [],
    docketText: 'The panel report was circulated to the members.',
  },
];
