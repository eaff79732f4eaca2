import type { Addressee } from './actors';
import { SURVEILLANCE_STAGES, type Stage } from './stages';
import { IMPLEMENTATION_PHASE_RULES } from './deadline-rules.implementation';
import { PANEL_PHASE_RULES } from './deadline-rules.panel';
import { TIMETABLE_RULES } from './deadline-rules.timetable';

/** The codes of the time limits the engine knows, one per limit in docs/procedure.md §1. */
export const DEADLINE_RULE_CODES = [
  'REPLY_TO_REQUEST',
  'ENTER_CONSULTATIONS',
  'EARLIEST_PANEL_REQUEST',
  'THIRD_PARTY_CONSULTATIONS',
  'GOOD_OFFICES_WAIT',
  'PANEL_REQUEST_NOTICE',
  'BODY_MEETING_ON_REQUEST',
  'PANEL_ESTABLISHMENT',
  'TERMS_OF_REFERENCE',
  'FIVE_PANELISTS',
  'THIRD_PARTY_PANEL',
  'PANEL_COMPOSITION',
  'DG_APPOINTMENT',
  'CANDIDATE_CHALLENGES',
  'PANEL_REPORT',
  'PANEL_CIRCULATION',
  'SUSPENSION_LIMIT',
  'ADOPTION_EARLIEST',
  'OBJECTION_NOTICE',
  'PANEL_REPORT_ADOPTION',
  'CROSS_APPEAL',
  'APPELLATE_REPORT',
  'APPELLATE_REPORT_MAX',
  'APPELLATE_REPORT_ADOPTION',
  'ADOPTION_GUIDELINE',
  'ADOPTION_GUIDELINE_APPEALED',
  // Opened by the documents module on a member's request, one row per request, naming the document.
  'NON_CONFIDENTIAL_SUMMARY',
  'RPT_INTENTIONS',
  'RPT_AGREEMENT',
  'RPT_ARBITRATION',
  'RPT_GUIDELINE',
  'IMPLEMENTATION_PERIOD',
  'SURVEILLANCE_AGENDA',
  'STATUS_REPORT_NOTICE',
  'COMPLIANCE_REPORT',
  'COMPENSATION_AGREEMENT',
  'RETALIATION_AUTHORIZATION',
  'RETALIATION_ARBITRATION',
  // The panel's timetable (Appendix 3 ¶12), dated by the panel: deadline-rules.timetable.ts
  'TIMETABLE_FIRST_SUBMISSION_COMPLAINANT',
  'TIMETABLE_FIRST_SUBMISSION_RESPONDENT',
  'TIMETABLE_FIRST_SUBSTANTIVE_MEETING',
  'TIMETABLE_THIRD_PARTY_SESSION',
  'TIMETABLE_REBUTTALS',
  'TIMETABLE_SECOND_SUBSTANTIVE_MEETING',
  'TIMETABLE_DESCRIPTIVE_PART',
  'TIMETABLE_COMMENTS_ON_DESCRIPTIVE_PART',
  'TIMETABLE_INTERIM_REPORT',
  'TIMETABLE_REVIEW_REQUESTS',
  'TIMETABLE_INTERIM_REVIEW',
  'TIMETABLE_FINAL_REPORT_TO_PARTIES',
  'TIMETABLE_CIRCULATION',
] as const;

/** One of {@link DEADLINE_RULE_CODES}. */
export type DeadlineRuleCode = (typeof DEADLINE_RULE_CODES)[number];

/**
 * How long a time limit is. Calendar units take an optional `urgent` value, used in cases of
 * urgency such as perishable goods (DSU 4.8, 12.8). `BODY_MEETINGS` counts meetings of the body,
 * not days: such a limit has no date of its own.
 */
export type RuleLength =
  | { readonly unit: 'DAYS' | 'MONTHS'; readonly value: number; readonly urgent?: number }
  | { readonly unit: 'BODY_MEETINGS'; readonly value: number };

/**
 * What kind of time limit a rule is:
 * - `DEADLINE`: someone must act by the due date; left undone, the row is `MISSED`.
 * - `WINDOW`: an act is possible until the due date, but nobody is obliged to do it (joining as a
 *   third party, agreeing special terms); when it runs out the row is recorded `MET`.
 * - `WAITING_PERIOD`: an act is not possible before the due date (the earliest panel request);
 *   when it has run the row is recorded `MET`.
 * - `ADVANCE_NOTICE`: an act must come at least this long before a meeting; counted backwards
 *   from the meeting and never opened as a row.
 */
export type RuleKind = 'DEADLINE' | 'WINDOW' | 'WAITING_PERIOD' | 'ADVANCE_NOTICE';

/**
 * `HARD` where the text says "shall"; `GUIDELINE` where it says "should" or "as a general rule"
 * and nothing follows an overrun but a record of it.
 */
export type RuleStrength = 'HARD' | 'GUIDELINE';

/**
 * The event a time limit counts from: `ACTION` (the transition that opens the row),
 * `REPORT_ADOPTED` (the day the report was adopted), `RPT_END` (the last day of the reasonable
 * period of time).
 */
export type RuleAnchor = 'ACTION' | 'REPORT_ADOPTED' | 'RPT_END';

/** One time limit of the procedure, as data. */
export interface DeadlineRule {
  readonly code: DeadlineRuleCode;
  /** The provision it comes from, e.g. `DSU 4.3`. */
  readonly article: string;
  /** One sentence a delegate understands. */
  readonly description: string;
  readonly length: RuleLength;
  readonly kind: RuleKind;
  readonly strength: RuleStrength;
  /** Whose act is awaited. */
  readonly binds: Addressee;
  /** What the period counts from, in words. */
  readonly countedFrom: string;
  /** What the period counts from, for the engine. */
  readonly anchor: RuleAnchor;
  /**
   * Whether the period runs from the respondent's receipt of the step that opens it (DSU 4.3, 4.7:
   * "after the date of receipt of the request"): opened from the step's own day, it is counted again
   * from the day the step was first served on the respondent when that day is later (README, "Notices
   * and service"; {@link recountFromService}).
   */
  readonly countedFromService: boolean;
  /** What follows when it runs out (docs/procedure.md, "On expiry"). */
  readonly onExpiry: string;
  /** Whether the engine opens deadline rows for it (false: enforced another way, or no date). */
  readonly tracked: boolean;
  /** Whether the secretariat may record an extension of it agreed by the parties. */
  readonly extendable: boolean;
  /**
   * The stages in which the limit still means something. A step that takes the dispute anywhere
   * else closes its open row in that same step (`SUPERSEDED`, or its expiry status if it had
   * already run out), so that no moot limit is left open for the sweep to flag against a party.
   * In a suspended stage, the stage before the suspension counts.
   */
  readonly appliesIn: readonly Stage[] | 'ANY_ACTIVE';
}

/**
 * A catalogue entry as written in the data files: `anchor` defaults to `ACTION`, `tracked` to
 * true, `extendable` and `countedFromService` to false.
 */
export type DeadlineRuleData = Omit<DeadlineRule, 'code' | 'anchor' | 'tracked' | 'extendable' | 'appliesIn' | 'countedFromService'> &
  Partial<Pick<DeadlineRule, 'anchor' | 'tracked' | 'extendable' | 'countedFromService'>>;

// Typed as a full record, so a code without data (or data for an unknown code) fails to compile.
const RULE_DATA: Readonly<Record<DeadlineRuleCode, DeadlineRuleData>> = {
  ...PANEL_PHASE_RULES,
  ...IMPLEMENTATION_PHASE_RULES,
  ...TIMETABLE_RULES,
};

const CONSULTATIONS: readonly Stage[] = ['CONSULTATIONS_REQUESTED', 'IN_CONSULTATIONS'];
const PANEL_AT_WORK: readonly Stage[] = ['PANEL_COMPOSED', 'PANEL_PROCEEDINGS', 'INTERIM_REVIEW'];
const BEFORE_REPORT: readonly Stage[] = ['PANEL_ESTABLISHED', ...PANEL_AT_WORK];
const TIMETABLE: readonly Stage[] = ['PANEL_PROCEEDINGS', 'INTERIM_REVIEW', 'COMPLIANCE_REVIEW'];
const REPORT_BEFORE_BODY: readonly Stage[] = ['REPORT_CIRCULATED', 'COMPLIANCE_REPORT_CIRCULATED'];
const APPEAL: readonly Stage[] = ['UNDER_APPEAL', 'COMPLIANCE_UNDER_APPEAL'];
const RPT: readonly Stage[] = ['ADOPTED', 'RPT_DETERMINATION'];

// Where each limit applies (see DeadlineRule.appliesIn). Typed as a full record, so a new rule
// must say where it applies.
const APPLIES_IN: Readonly<Record<DeadlineRuleCode, readonly Stage[] | 'ANY_ACTIVE'>> = {
  REPLY_TO_REQUEST: CONSULTATIONS,
  ENTER_CONSULTATIONS: CONSULTATIONS,
  EARLIEST_PANEL_REQUEST: CONSULTATIONS,
  THIRD_PARTY_CONSULTATIONS: CONSULTATIONS,
  GOOD_OFFICES_WAIT: CONSULTATIONS,
  PANEL_REQUEST_NOTICE: ['PANEL_REQUESTED'],
  BODY_MEETING_ON_REQUEST: ['PANEL_REQUESTED'],
  PANEL_ESTABLISHMENT: ['PANEL_REQUESTED'],
  TERMS_OF_REFERENCE: BEFORE_REPORT,
  FIVE_PANELISTS: ['PANEL_ESTABLISHED'],
  THIRD_PARTY_PANEL: ['PANEL_ESTABLISHED', 'PANEL_COMPOSED', 'PANEL_PROCEEDINGS'],
  PANEL_COMPOSITION: ['PANEL_ESTABLISHED'],
  DG_APPOINTMENT: ['PANEL_ESTABLISHED'],
  CANDIDATE_CHALLENGES: ['PANEL_ESTABLISHED'],
  PANEL_REPORT: PANEL_AT_WORK,
  PANEL_CIRCULATION: BEFORE_REPORT,
  SUSPENSION_LIMIT: ['SUSPENDED'],
  ADOPTION_EARLIEST: REPORT_BEFORE_BODY,
  OBJECTION_NOTICE: REPORT_BEFORE_BODY,
  PANEL_REPORT_ADOPTION: REPORT_BEFORE_BODY,
  CROSS_APPEAL: APPEAL,
  APPELLATE_REPORT: APPEAL,
  APPELLATE_REPORT_MAX: APPEAL,
  APPELLATE_REPORT_ADOPTION: APPEAL,
  ADOPTION_GUIDELINE: [...BEFORE_REPORT, 'REPORT_CIRCULATED'],
  ADOPTION_GUIDELINE_APPEALED: ['UNDER_APPEAL'],
  RPT_INTENTIONS: RPT,
  RPT_AGREEMENT: RPT,
  RPT_ARBITRATION: RPT,
  RPT_GUIDELINE: RPT,
  IMPLEMENTATION_PERIOD: SURVEILLANCE_STAGES,
  SURVEILLANCE_AGENDA: SURVEILLANCE_STAGES,
  STATUS_REPORT_NOTICE: SURVEILLANCE_STAGES,
  COMPLIANCE_REPORT: ['COMPLIANCE_REVIEW'],
  COMPENSATION_AGREEMENT: ['COMPENSATION_NEGOTIATION'],
  RETALIATION_AUTHORIZATION: ['RETALIATION_REQUESTED'],
  RETALIATION_ARBITRATION: ['ARB_22_6'],
  // A party's duty to a member that asked, whatever the stage (DSU 18.2).
  NON_CONFIDENTIAL_SUMMARY: 'ANY_ACTIVE',
  TIMETABLE_FIRST_SUBMISSION_COMPLAINANT: TIMETABLE,
  TIMETABLE_FIRST_SUBMISSION_RESPONDENT: TIMETABLE,
  TIMETABLE_FIRST_SUBSTANTIVE_MEETING: TIMETABLE,
  TIMETABLE_THIRD_PARTY_SESSION: TIMETABLE,
  TIMETABLE_REBUTTALS: TIMETABLE,
  TIMETABLE_SECOND_SUBSTANTIVE_MEETING: TIMETABLE,
  TIMETABLE_DESCRIPTIVE_PART: TIMETABLE,
  TIMETABLE_COMMENTS_ON_DESCRIPTIVE_PART: TIMETABLE,
  TIMETABLE_INTERIM_REPORT: TIMETABLE,
  TIMETABLE_REVIEW_REQUESTS: TIMETABLE,
  TIMETABLE_INTERIM_REVIEW: TIMETABLE,
  TIMETABLE_FINAL_REPORT_TO_PARTIES: TIMETABLE,
  TIMETABLE_CIRCULATION: TIMETABLE,
};

/** The catalogue of time limits, keyed by code. */
export const DEADLINE_RULES: Readonly<Record<DeadlineRuleCode, DeadlineRule>> = Object.freeze(
  Object.fromEntries(
    DEADLINE_RULE_CODES.map((code): [DeadlineRuleCode, DeadlineRule] => {
      const data = RULE_DATA[code];
      return [
        code,
        {
          code,
          ...data,
          anchor: data.anchor ?? 'ACTION',
          tracked: data.tracked ?? true,
          extendable: data.extendable ?? false,
          countedFromService: data.countedFromService ?? false,
          appliesIn: APPLIES_IN[code],
        },
      ];
    }),
  ) as Record<DeadlineRuleCode, DeadlineRule>,
);

/**
 * Rules whose rows a decision with its own date opens, rather than a transition counting a
 * length: the body's meeting calendar (the respondent's status report 10 days before each
 * meeting of the surveillance, DSU 21.6) and the panel's timetable (Appendix 3 ¶12, DSU 12.3).
 * Missing one is a fault of whom it binds: MISSED.
 */
export const DATED_BY_DECISION_RULES: readonly DeadlineRuleCode[] = [
  'STATUS_REPORT_NOTICE',
  ...DEADLINE_RULE_CODES.filter((code) => code.startsWith('TIMETABLE_')),
];

/** Whether a string names a rule in the catalogue. */
export function isDeadlineRuleCode(value: string): value is DeadlineRuleCode {
  return (DEADLINE_RULE_CODES as readonly string[]).includes(value);
}

/** `CODE, Article`: how refusal messages cite a rule. */
export function citeRule(code: DeadlineRuleCode): string {
  return `${code}, ${DEADLINE_RULES[code].article}`;
}
