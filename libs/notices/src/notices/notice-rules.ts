import type { NoticeCategory } from './notice.entity';
import { wallClock } from '@app/procedure';
import type { Language } from '@app/i18n';

/**
 * What a notice says, for the templates that render it (mail, digest): exactly these keys. Every
 * text is in the recipient's language (`language`, from their `locale` preference when the notice
 * was written; English when none): the `notices` catalogue's messages; `dates` hold ISO instants
 * the templates render in the recipient's zone and language, referenced from `lines` as `{name}`. `documents` lists only what the recipient may
 * see (the document policy), never a title it may not.
 */
export interface NoticePayload {
  subject: string;
  lines: string[];
  /** The language `subject` and `lines` are written in (a working language); absent on notices written before there was one: English. */
  language?: Language;
  docketNumber?: string;
  disputeId?: string;
  entrySeq?: number;
  documents?: { id: string; title: string; classification: string }[];
  dates?: Record<string, string>;
  /** A reminder's limit, its rule and how many days before it is due it was sent. */
  deadlineId?: string;
  rule?: string;
  daysBefore?: number;
}

/** One notice to write: `NoticesService.enqueue` turns it into a row after the recipient's preferences. */
export interface NoticeDraft {
  recipientUserId: string;
  /** The member the recipient is served for (a delegate's member); null for the panel and the secretariat. */
  memberId: string | null;
  disputeId: string | null;
  docketEntryId: string | null;
  category: NoticeCategory;
  kind: string;
  mandatory: boolean;
  payload: NoticePayload;
  /** For a notice that must exist once only: a second draft with the same key is dropped. */
  dedupeKey?: string | null;
}

// The docket entries' kinds (the `kind:` of every `DocketService.append`, and the engine's actions
// appended by `DisputesService.perform`), by what a recipient would file them under. Anything not
// listed is a step of the procedure (PROCEDURE).
const CATEGORY_OF_KIND: Record<string, NoticeCategory> = {
  fileDocument: 'FILING',
  publishOwnSubmission: 'FILING',
  derestrictDocument: 'FILING',
  requestNonConfidentialSummary: 'FILING',
  fileHearingRecord: 'FILING',
  fileStatusReport: 'FILING',

  deadlineMissed: 'DEADLINE',
  periodEnded: 'DEADLINE',
  deadlineMoved: 'DEADLINE',
  recordExtension: 'DEADLINE',
  fixTimetable: 'DEADLINE',
  adjustTimetable: 'DEADLINE',
  completeTimetableStep: 'DEADLINE',

  openElection: 'ELECTION',
  openPanelElection: 'ELECTION',
  electionFailed: 'ELECTION',
  fillVacancy: 'ELECTION',
  vacatePanelSeat: 'ELECTION',
  challengeCandidate: 'ELECTION',
  decideChallenge: 'ELECTION',
  declareDisclosure: 'ELECTION',
  decideDisclosure: 'ELECTION',
  consentToNational: 'ELECTION',

  scheduleHearing: 'HEARING',
  rescheduleHearing: 'HEARING',
  cancelHearing: 'HEARING',
  recordAttendance: 'HEARING',
  observationConsent: 'HEARING',
  hearingOpenedToPublic: 'HEARING',
  hearingClosedToPublic: 'HEARING',
  holdFirstMeeting: 'HEARING',
  holdSecondMeeting: 'HEARING',
  dispenseWithFirstMeeting: 'HEARING',
  dispenseWithSecondMeeting: 'HEARING',

  issueDescriptivePart: 'REPORT',
  issueInterimReport: 'REPORT',
  issueFinalReport: 'REPORT',
  issueComplianceReport: 'REPORT',
  commentOnDescriptivePart: 'REPORT',
  commentOnInterimReport: 'REPORT',
  circulateReport: 'REPORT',
  circulateAppellateReport: 'REPORT',
  circulateComplianceReport: 'REPORT',
  adoptReport: 'REPORT',
  adoptReportAutomatically: 'REPORT',
  adoptAppellateReport: 'REPORT',
  adoptAppellateReportAutomatically: 'REPORT',
  adoptComplianceReport: 'REPORT',
  adoptComplianceReportAutomatically: 'REPORT',
  adoptComplianceAppellateReport: 'REPORT',
  adoptComplianceAppellateReportAutomatically: 'REPORT',
  decideNotToAdopt: 'REPORT',
  decideNotToAdoptComplianceReport: 'REPORT',
  objectToAdoption: 'REPORT',
  appeal: 'REPORT',
  crossAppeal: 'REPORT',
  appealComplianceReport: 'REPORT',
  appellateDivisionDrawn: 'REPORT',
  informBodyOfAppellateDelay: 'REPORT',
  suspendAppeal: 'REPORT',
  resumeAppeal: 'REPORT',

  scheduleBodyMeeting: 'MEETING',
  requestBodyMeeting: 'MEETING',
  recordBodyMeeting: 'MEETING',
  deferPanelRequest: 'MEETING',
};

/** The category of a docket entry's notices, from the entry's kind. */
export function categoryOfKind(kind: string): NoticeCategory {
  return CATEGORY_OF_KIND[kind] ?? 'PROCEDURE';
}

/**
 * Categories whose notices serve a step on those taking part in the case: the rules count periods
 * from such service (e.g. DSU 4.3, 16.1, 16.4), so preferences can neither turn them off nor hold
 * them for a digest. Elections (the panel's composition is a procedural step, PROCEDURE) and
 * meetings of the body are for information: the body's meetings are convened for all members.
 */
const SERVED_CATEGORIES: readonly NoticeCategory[] = ['FILING', 'PROCEDURE', 'DEADLINE', 'HEARING', 'REPORT'];

/**
 * Whether a docket entry's notice is mandatory for this recipient: a participant in the case (a
 * party's or a third party's delegate, a seated panelist) is served with the steps; the
 * secretariat's copy of its own docket is for information.
 */
export function isMandatory(category: NoticeCategory, participant: boolean): boolean {
  return participant && SERVED_CATEGORIES.includes(category);
}

/** The languages a notice may be written in (`locale`): the body's working languages. */
export const NOTICE_LOCALES = ['en', 'fr', 'es', 'zh', 'ru', 'ar'] as const;
export type NoticeLocale = (typeof NOTICE_LOCALES)[number];

/**
 * The next instant after `now` at which the clock of `zone` shows `hour`:00 (a digest's hour). Where
 * a change of clocks skips that hour, the first instant after the gap.
 */
export function nextLocalHour(now: Date, hour: number, zone: string): Date {
  const HOUR = 3_600_000;
  const local = wallClock(now.getTime(), zone);
  const day = Math.floor(local / 86_400_000) * 86_400_000;
  for (const candidateDay of [day, day + 86_400_000, day + 2 * 86_400_000]) {
    const wanted = candidateDay + hour * HOUR;
    // The offset at a guess, applied twice: right on either side of a change of clocks.
    let instant = wanted;
    for (let i = 0; i < 2; i += 1) instant = wanted - (wallClock(instant, zone) - instant);
    if (wallClock(instant, zone) < wanted) instant += HOUR;
    if (instant > now.getTime()) return new Date(instant);
  }
  throw new RangeError(`No ${hour} o'clock ahead in ${zone}`);
}
