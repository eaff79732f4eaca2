import { PARTY_ROLES, ACTOR_ROLE_LABELS } from './actors';
import { daysBetween, dayOf, dueDate, toIsoDate, type ClosedDays, type IsoDate } from './dates';
import { DEADLINE_RULES } from './deadline-rules';
import { actingParty, forbidEvent, notRunning, under, withinPeriod, type Guard } from './guards';
import { refuse } from './refusals';
import { hasRunOut, isPaused, liveRow, wasMissed, type DisputeSnapshot } from './snapshot';
import type { Transition } from './transitions';

// DSU 5.4: good offices entered into within 60 days of the request hold the complainant to those
// 60 days, even where a missed reply would otherwise open the panel stage early (DSU 4.3). The
// text says 60 days without an urgent variant, so it applies to urgent cases too.
function goodOfficesWaitEnd(snapshot: DisputeSnapshot, closed: ClosedDays): IsoDate | null {
  if (!snapshot.goodOfficesSince) return null;
  const rule = DEADLINE_RULES.GOOD_OFFICES_WAIT;
  const enteredOnDay = daysBetween(dayOf(snapshot.filedAt), dayOf(snapshot.goodOfficesSince));
  const { length } = rule;
  if (length.unit !== 'DAYS' || enteredOnDay > length.value) return null;
  return dueDate(snapshot.filedAt, rule, { closed });
}

/**
 * DSU 4.7: a panel may be requested once 60 days (20 if urgent, 4.8) have passed since the request
 * for consultations; earlier when the respondent missed its reply or consultation deadline (4.3)
 * or both parties consider that consultations failed (4.7). `allowedFrom` is the date that holds
 * whatever else happens; the message names the earlier routes still open.
 */
const panelRequestGuard: Guard = (snapshot, now, { closed }) => {
  const agreed = snapshot.agreements.EARLY_PANEL_REQUEST ?? [];
  if (PARTY_ROLES.every((party) => agreed.includes(party))) return null;

  const today = toIsoDate(now);
  const wait = liveRow(snapshot, 'EARLIEST_PANEL_REQUEST');
  const waitEnd = wait && !hasRunOut(wait, now) ? wait.dueDate : null;
  const goodOfficesEnd = goodOfficesWaitEnd(snapshot, closed);
  const goodOfficesWait = goodOfficesEnd && today < goodOfficesEnd ? goodOfficesEnd : null;
  if (!waitEnd && !goodOfficesWait) return null;

  if (!goodOfficesEnd) {
    const missed = (['REPLY_TO_REQUEST', 'ENTER_CONSULTATIONS'] as const).some((rule) => wasMissed(snapshot, rule, now));
    if (missed) return null;
  }

  const allowedFrom = [waitEnd, goodOfficesWait]
    .filter((date): date is IsoDate => date !== null)
    .sort()
    .at(-1) as IsoDate;
  const jointly = 'both parties record that consultations have failed (agreeEarlyPanelRequest, DSU 4.7)';
  if (goodOfficesWait) {
    return refuse(
      'NOT_YET_ALLOWED',
      `A panel may be requested from ${allowedFrom}: good offices began within 60 days of the ` +
        `request, so the complainant waits 60 days ${under('GOOD_OFFICES_WAIT')} ` +
        `Earlier only if ${jointly}.`,
      allowedFrom,
    );
  }
  const routes = [jointly];
  for (const [rule, act] of [
    ['REPLY_TO_REQUEST', 'reply'],
    ['ENTER_CONSULTATIONS', 'enter into consultations'],
  ] as const) {
    const row = liveRow(snapshot, rule);
    if (!goodOfficesEnd && row && !isPaused(row)) {
      routes.push(`the respondent does not ${act} by ${row.dueDate} (${rule}, DSU 4.3)`);
    }
  }
  return refuse(
    'NOT_YET_ALLOWED',
    `A panel may be requested from ${allowedFrom} ${under('EARLIEST_PANEL_REQUEST')} ` + `Earlier only if ${routes.join(', or ')}.`,
    allowedFrom,
  );
};

// DSU 6.1: the respondent may keep the panel from being established at the first meeting with
// the request on its agenda, not at the second: there the panel is established unless the body
// decides by consensus otherwise (recorded with establishPanel).
const bodyMeetingGuard: Guard = (snapshot) =>
  snapshot.bodyMeetingsSincePanelRequest >= 1
    ? refuse(
        'INVALID_TRANSITION',
        'The request was already on the agenda of a meeting that did not establish the panel: at ' +
          'this second meeting the panel is established (DSU 6.1); record establishPanel.',
      )
    : null;

const earlyPanelAgreementGuard: Guard = (snapshot, _now, { actorRoles }) => {
  const party = actingParty(actorRoles);
  if (party && (snapshot.agreements.EARLY_PANEL_REQUEST ?? []).includes(party)) {
    return refuse(
      'INVALID_TRANSITION',
      `${capitalise(ACTOR_ROLE_LABELS[party])} has already recorded that consultations have ` +
        'failed (DSU 4.7); the panel may be requested early once the other party does too.',
    );
  }
  return null;
};

const goodOfficesGuard =
  (wanted: boolean): Guard =>
  (snapshot) =>
    snapshot.goodOffices === wanted
      ? null
      : refuse('INVALID_TRANSITION', wanted ? 'Good offices are not under way (DSU 5).' : 'Good offices are already under way (DSU 5).');

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const CONSULTATION_STAGES = ['CONSULTATIONS_REQUESTED', 'IN_CONSULTATIONS'] as const;

// Opened when the panel is established; counted from that day.
const ESTABLISHMENT_OPENS = [
  'TERMS_OF_REFERENCE', // DSU 7.1
  'FIVE_PANELISTS', // DSU 8.5
  'THIRD_PARTY_PANEL', // DSU 10.2
  'PANEL_COMPOSITION', // DSU 8.7
  'CANDIDATE_CHALLENGES', // DSU 8.6, the body's 15 days
  'PANEL_CIRCULATION', // DSU 12.9
  'ADOPTION_GUIDELINE', // DSU 20
] as const;

/** Consultations, the panel request and establishment, and the acts open at any stage. */
export const CONSULTATION_TRANSITIONS: readonly Transition[] = [
  {
    action: 'circulateRequest',
    requires: 'once',
    from: CONSULTATION_STAGES,
    to: null,
    // The registry circulates a request to every member when it is filed; where the secretariat
    // circulated it later (a request on paper, a translation), it records the day, and the 10 days
    // in which members may ask to join run from it (DSU 4.11: "within 10 days after the date of
    // circulation of the request").
    actors: ['SECRETARIAT'],
    article: 'DSU 4.4, 4.11',
    guard: forbidEvent('REQUEST_CIRCULATED', 'The circulation of the request is already recorded'),
    records: 'REQUEST_CIRCULATED',
    opens: ['THIRD_PARTY_CONSULTATIONS'],
    meets: [],
    cancels: [],
    docketText: 'The request for consultations was circulated to the members; they may ask to join the consultations within 10 days.',
  },
  {
    action: 'replyToRequest',
    requires: 'once; a late reply is docketed, the limit recorded MISSED',
    from: ['CONSULTATIONS_REQUESTED'],
    to: null,
    actors: ['RESPONDENT'],
    article: 'DSU 4.3',
    // A late reply is still docketed; the deadline is then recorded MISSED, and the complainant
    // keeps its right to an early panel request.
    guard: forbidEvent('REPLIED', 'The respondent has already replied to the request'),
    records: 'REPLIED',
    opens: [],
    meets: ['REPLY_TO_REQUEST'],
    cancels: [],
    docketText: '{actor} replied to the request for consultations.',
  },
  {
    action: 'enterConsultations',
    from: ['CONSULTATIONS_REQUESTED'],
    to: 'IN_CONSULTATIONS',
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 4.3',
    // Entering consultations is also a reply, if none was filed.
    opens: [],
    meets: ['REPLY_TO_REQUEST', 'ENTER_CONSULTATIONS'],
    cancels: [],
    docketText: 'Consultations began.',
  },
  {
    action: 'joinAsThirdParty',
    requires:
      'within THIRD_PARTY_CONSULTATIONS (10 days from circulation), else DEADLINE_PASSED; a request the respondent accepts or rejects',
    from: CONSULTATION_STAGES,
    to: null,
    actors: ['MEMBER'],
    article: 'DSU 4.11',
    // The respondent's acceptance of the claimed substantial interest is docketed separately.
    guard: withinPeriod('THIRD_PARTY_CONSULTATIONS', 'Joining the consultations as a third party'),
    opens: [],
    meets: [],
    cancels: [],
    docketText: '{actor} asked to join the consultations as a third party.',
  },
  {
    action: 'acceptJoinRequest',
    from: CONSULTATION_STAGES,
    to: null,
    // DSU 4.11: the member joins "provided that the Member to which the request for consultations
    // was addressed agrees that the claim of substantial interest is well-founded". Which request
    // is the service's concern (it checks one is pending); the engine checks stage and actor.
    actors: ['RESPONDENT'],
    article: 'DSU 4.11',
    opens: [],
    meets: [],
    cancels: [],
    docketText: "The respondent accepted a member's request to join the consultations.",
  },
  {
    action: 'rejectJoinRequest',
    from: CONSULTATION_STAGES,
    to: null,
    // DSU 4.11: refused, the member may request consultations of its own (DSU 4.11, last sentence).
    actors: ['RESPONDENT'],
    article: 'DSU 4.11',
    opens: [],
    meets: [],
    cancels: [],
    docketText: "The respondent rejected a member's request to join the consultations.",
  },
  {
    action: 'agreeEarlyPanelRequest',
    requires: 'once per party',
    from: CONSULTATION_STAGES,
    to: null,
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 4.7, 5.4',
    guard: earlyPanelAgreementGuard,
    agreement: 'EARLY_PANEL_REQUEST',
    opens: [],
    meets: [],
    cancels: [],
    docketText: '{actor} recorded that it considers consultations to have failed.',
  },
  {
    action: 'requestPanel',
    requires:
      'from day 60 (20 if urgent, EARLIEST_PANEL_REQUEST); earlier if the reply or the consultations were missed, or both parties agreed; good offices in the first 60 days hold it to day 60 (DSU 5.4)',
    from: CONSULTATION_STAGES,
    to: 'PANEL_REQUESTED',
    actors: ['COMPLAINANT'],
    article: 'DSU 4.3, 4.7, 4.8, 5.4, 6.2',
    guard: panelRequestGuard,
    bodyMeetings: 'RESET',
    records: 'PANEL_REQUESTED',
    opens: [],
    meets: [],
    cancels: ['REPLY_TO_REQUEST', 'ENTER_CONSULTATIONS', 'EARLIEST_PANEL_REQUEST', 'THIRD_PARTY_CONSULTATIONS'],
    docketText: '{actor} requested the establishment of a panel.',
  },
  {
    action: 'deferPanelRequest',
    from: ['PANEL_REQUESTED'],
    to: null,
    // The complainant takes its own request off a meeting's agenda: that meeting does not count
    // towards establishment (DSU 6.1 counts the meetings at which the request is on the agenda).
    actors: ['COMPLAINANT'],
    article: 'DSU 6.1',
    opens: [],
    meets: [],
    cancels: [],
    docketText: '{actor} deferred consideration of its panel request; the meeting does not count towards ' + 'establishment (DSU 6.1).',
  },
  {
    action: 'requestBodyMeeting',
    requires: 'once',
    from: ['PANEL_REQUESTED'],
    to: null,
    actors: ['COMPLAINANT'],
    article: 'DSU 6.1, footnote 5',
    guard: notRunning('BODY_MEETING_ON_REQUEST', 'A body meeting on the panel request has already been requested (DSU 6.1, footnote 5).'),
    opens: ['BODY_MEETING_ON_REQUEST'],
    meets: [],
    cancels: [],
    docketText: '{actor} asked for a meeting of the body on its panel request.',
  },
  {
    action: 'recordBodyMeeting',
    requires: 'the first meeting with the request on its agenda only (at the second the panel is established)',
    from: ['PANEL_REQUESTED'],
    to: null,
    // The body's meeting, recorded by the secretariat: the request was on its agenda and the
    // panel was not established.
    actors: ['BODY'],
    article: 'DSU 6.1',
    atMeeting: true,
    guard: bodyMeetingGuard,
    bodyMeetings: 'COUNT',
    opens: [],
    meets: ['BODY_MEETING_ON_REQUEST'],
    cancels: [],
    docketText: 'The body met with the panel request on its agenda; the panel was not established (first ' + 'meeting, DSU 6.1).',
  },
  {
    action: 'establishPanel',
    from: ['PANEL_REQUESTED'],
    to: 'PANEL_ESTABLISHED',
    actors: ['BODY'],
    article: 'DSU 6.1',
    atMeeting: true,
    opens: ESTABLISHMENT_OPENS,
    meets: ['BODY_MEETING_ON_REQUEST'],
    cancels: [],
    docketText: 'The body established a panel.',
  },
  {
    action: 'offerGoodOffices',
    requires: 'not already under way',
    from: 'ANY_ACTIVE',
    to: null,
    // Requested by a party, or offered by the Director-General and recorded by the secretariat.
    actors: ['COMPLAINANT', 'RESPONDENT', 'SECRETARIAT'],
    article: 'DSU 5.1, 5.3, 5.6',
    guard: goodOfficesGuard(false),
    goodOffices: true,
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'Good offices, conciliation or mediation began.',
  },
  {
    action: 'endGoodOffices',
    requires: 'under way',
    from: 'ANY_ACTIVE',
    to: null,
    actors: ['COMPLAINANT', 'RESPONDENT', 'SECRETARIAT'],
    article: 'DSU 5.3',
    guard: goodOfficesGuard(true),
    goodOffices: false,
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'Good offices, conciliation or mediation ended.',
  },
  {
    action: 'recordExtension',
    from: 'ANY_ACTIVE',
    to: null,
    // The parties' joint agreement, filed with and recorded by the secretariat.
    actors: ['SECRETARIAT'],
    article: 'DSU 4.3, 20, 21.3(b)',
    needs: 'EXTENSION',
    opens: [],
    meets: [],
    cancels: [],
    docketText: 'The parties agreed to extend {rule} to {until}.',
  },
  {
    action: 'notifyMutuallyAgreedSolution',
    from: 'ANY_ACTIVE',
    to: 'SETTLED_MAS',
    // The notification is joint; either party files it for both.
    actors: ['COMPLAINANT', 'RESPONDENT'],
    article: 'DSU 3.6, 12.7',
    opens: [],
    meets: [],
    cancels: 'ALL_OPEN',
    docketText: 'The parties notified a mutually agreed solution ({actor} filed the notification).',
  },
  {
    action: 'withdraw',
    from: 'ANY_ACTIVE',
    to: 'WITHDRAWN',
    actors: ['COMPLAINANT'],
    // The DSU does not regulate withdrawal; it is the complainant's choice (DSU 3.7).
    article: 'DSU 3.7',
    opens: [],
    meets: [],
    cancels: 'ALL_OPEN',
    docketText: '{actor} withdrew its complaint.',
  },
];
