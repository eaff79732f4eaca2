import { type ErrorCatalogue } from '@app/core';
import { REGISTRY_ERRORS } from '@app/registry';

/** The codes of `libs/hearings`: hearings and their bookings, attendance, timetables, iCalendar feeds. */
export const HEARINGS_ERRORS = {
  DISPUTE_NOT_FOUND: REGISTRY_ERRORS.DISPUTE_NOT_FOUND,
  NOT_ON_PANEL: {
    category: 'FORBIDDEN',
    meaning: "Only the dispute's panel (or, for hearings and recording a step, the secretariat) does this",
  },
  NOT_A_PARTY: { category: 'FORBIDDEN', meaning: 'Only the parties taking part in the hearing consent to its observation' },

  // Hearings
  HEARING_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No hearing has that id, or the caller may not see it' },
  PANEL_NOT_COMPOSED: {
    category: 'INVALID_TRANSITION',
    meaning: "Hearings are held by a composed panel: the dispute's stage does not have one",
  },
  HEARING_CANCELLED: { category: 'INVALID_TRANSITION', meaning: 'The hearing was cancelled: schedule a new one' },
  HEARING_BEGUN: {
    category: 'INVALID_TRANSITION',
    meaning: 'The hearing has begun and is no longer moved or cancelled: schedule a further session instead',
  },
  BODY_CLOSED: { category: 'CONFLICT', meaning: 'The hearing touches a day the body is closed (day gives it): choose other times' },
  UNKNOWN_TIME_ZONE: { category: 'BAD_USER_INPUT', meaning: 'The time zone is not an IANA name (e.g. Europe/Geneva)' },
  ENDS_BEFORE_START: { category: 'BAD_USER_INPUT', meaning: 'The hearing ends after it starts: fix endsAt' },
  TOO_LONG: { category: 'BAD_USER_INPUT', meaning: 'A hearing lasts at most 7 days: split it into sessions' },
  STARTS_IN_THE_PAST: { category: 'BAD_USER_INPUT', meaning: 'A hearing is scheduled to start in the future' },
  NO_VENUE: { category: 'BAD_USER_INPUT', meaning: 'A hearing needs a room or a virtual link' },
  LINK_NOT_HTTPS: { category: 'BAD_USER_INPUT', meaning: 'The virtual link is an https:// address' },
  UNKNOWN_ROOM: { category: 'BAD_USER_INPUT', meaning: "The room is not an active room on the secretariat's list" },
  NOT_SECRETARIAT_STAFF: { category: 'BAD_USER_INPUT', meaning: 'A staff member named is not an active secretariat user' },
  EMPTY_RANGE: { category: 'BAD_USER_INPUT', meaning: 'The filter ends (to) after it starts (from)' },

  // Bookings that clash (the details name the resource, the times and the other hearing or day)
  BOOKING_CLASH: {
    category: 'CONFLICT',
    meaning: 'Another booking made at the same moment holds this time: reload and choose another time',
  },
  ROOM_TAKEN: { category: 'CONFLICT', meaning: 'The room is booked for another hearing at that time: choose another room or time' },
  PANELIST_BUSY: { category: 'CONFLICT', meaning: 'A panelist sits in another hearing at that time: choose another time' },
  PARTY_BUSY: { category: 'CONFLICT', meaning: 'A party takes part in another hearing at that time: choose another time' },
  STAFF_BUSY: {
    category: 'CONFLICT',
    meaning: 'A secretariat staff member is booked for another hearing at that time: choose another time or staff',
  },
  PARTY_UNAVAILABLE: {
    category: 'CONFLICT',
    meaning: 'A party declared the day unavailable (unavailabilityId names the declaration): choose another day',
  },

  // Participation and attendance
  UNAVAILABILITY_NOT_FOUND: { category: 'NOT_FOUND', meaning: "No declared unavailability of the caller's member has that id" },
  DAY_IN_THE_PAST: { category: 'BAD_USER_INPUT', meaning: 'An unavailability is declared for today or a later day' },
  CONSENT_MISSING: {
    category: 'CONFLICT',
    meaning: 'Public observation needs the consent of every party (the message names those missing)',
  },
  HEARING_NOT_STARTED: {
    category: 'NOT_YET_ALLOWED',
    meaning: "Attendance and the hearing's record are filed once it has started (allowedFrom)",
  },
  NOT_A_PARTICIPANT: { category: 'BAD_USER_INPUT', meaning: 'An attendee named is not a participant of the hearing' },
  CLOSED_HEARING: { category: 'BAD_USER_INPUT', meaning: 'The hearing was closed to the public: its record stays RESTRICTED' },

  // Timetables and iCalendar feeds
  TIMETABLE_STEP_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No step of a timetable has that id' },
  STEPS_OUT_OF_ORDER: {
    category: 'BAD_USER_INPUT',
    meaning: "The timetable's steps keep their order in time (the message names the pair)",
  },
  STEP_IN_THE_PAST: { category: 'BAD_USER_INPUT', meaning: "The timetable's first step lies in the future" },
  STEP_CLOSED: { category: 'INVALID_TRANSITION', meaning: 'The step of the timetable is no longer open: nothing to record' },
  CALENDAR_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No calendar feed has that address: ask for a new feed link' },
} as const satisfies ErrorCatalogue;

/** A code of `libs/hearings`. */
export type HearingsErrorCode = keyof typeof HEARINGS_ERRORS;

declare module '@app/core' {
  interface ErrorCatalogues {
    hearings: typeof HEARINGS_ERRORS;
  }
}
