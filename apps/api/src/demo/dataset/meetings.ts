// The body's meetings: the body decides only at one (DSU 6.1, 16.4), convened with notice and
// held with a quorum, as its rules of procedure have it.
import { addDays, nextWorkingDay, startOfDay, toIsoDate, type BodyMeeting, type ClosedDays } from '@app/procedure';
import type { Rng } from './random';
import { DAY, HOUR } from './clock';
import type { Member } from './members';

/** A meeting of the body: the body decides only at one (DSU 6.1, 16.4; its notice and quorum). */
export interface Meeting {
  id: string;
  heldOn: string;
  /** When it was convened: the notice runs from this day. */
  convenedAt: Date;
  /** The members present (codes), recorded on the day; a meeting still to come has none. */
  present: string[] | null;
  /** The members of the body on the day (those that had joined). */
  members: number;
}

// The body's rules of procedure for its meetings, as the application's defaults have them
// (BODY_MEETING_NOTICE_DAYS, BODY_QUORUM_PERCENT).
const MEETING_NOTICE_DAYS = 10;
const QUORUM_PERCENT = 50;

/**
 * The body meets every Wednesday (the next working day when that one is closed), convened a
 * month ahead, with most of its members present (always a quorum): the meetings convened by
 * `asOf`, those held by then with their attendance recorded.
 */
export function buildMeetings(rng: Rng, members: Member[], closed: ClosedDays, firstYear: number, asOf: Date): Meeting[] {
  const meetings: Meeting[] = [];
  const today = toIsoDate(asOf);
  const first = new Date(Date.UTC(firstYear, 0, 1));
  first.setUTCDate(first.getUTCDate() + ((3 - first.getUTCDay() + 7) % 7));
  for (let week = toIsoDate(first); ; week = addDays(week, 7)) {
    const heldOn = nextWorkingDay(week, closed);
    const convenedAt = new Date(startOfDay(heldOn).getTime() - 30 * DAY + 10 * HOUR);
    if (convenedAt.getTime() > asOf.getTime()) break;
    const joined = members.filter((m) => m.joinedOn <= heldOn);
    if (!joined.length) continue;
    const present =
      heldOn < today
        ? rng
            .sample(joined, rng.int(Math.ceil(joined.length * 0.6), joined.length))
            .map((m) => m.code)
            .sort()
        : null;
    meetings.push({ id: rng.uuid(), heldOn, convenedAt, present, members: joined.length });
  }
  return meetings;
}

/** The first meeting of the body on `at`'s day or later, if one is convened by then. */
export function meetingFrom(meetings: readonly Meeting[], at: Date): Meeting | null {
  const day = toIsoDate(at);
  let lo = 0;
  let hi = meetings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (meetings[mid].heldOn < day) lo = mid + 1;
    else hi = mid;
  }
  return meetings[lo] ?? null;
}

/** What the engine needs to know of a meeting to accept a decision taken there. */
export function meetingFacts(m: Meeting): BodyMeeting {
  return {
    heldOn: m.heldOn,
    convenedOn: toIsoDate(m.convenedAt),
    present: m.present ? m.present.length : null,
    members: m.members,
    noticeDays: MEETING_NOTICE_DAYS,
    quorumPercent: QUORUM_PERCENT,
  };
}
