import type { Addressee } from './actors';
import { IMPLEMENTATION_PHASE_RULES } from './deadline-rules.implementation';
import { PANEL_PHASE_RULES } from './deadline-rules.panel';
import { TIMETABLE_RULES } from './deadline-rules.timetable';

/** The codes of the time limits the engine knows, one per limit in procedure.md §1. */
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
  'PANEL_REPORT',
  'PANEL_CIRCULATION',
  'SUSPENSION_LIMIT',
  'ADOPTION_EARLIEST',
  'OBJECTION_NOTICE',
  'PANEL_REPORT_ADOPTION',
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
  /** What follows when it runs out (procedure.md, "On expiry"). */
  readonly onExpiry: string;
  /** Whether the engine opens deadline rows for it (false: enforced another way, or no date). */
  readonly tracked: boolean;
  /** Whether the secretariat may record an extension of it agreed by the parties. */
  readonly extendable: boolean;
}

/**
 * A catalogue entry as written in the data files: `anchor` defaults to `ACTION`, `tracked` to
 * true and `extendable` to false.
 */
export type DeadlineRuleData = Omit<DeadlineRule, 'code' | 'anchor' | 'tracked' | 'extendable'> &
  Partial<Pick<DeadlineRule, 'anchor' | 'tracked' | 'extendable'>>;

// Typed as a full record, so a code without data (or data for an unknown code) fails to compile.
const RULE_DATA: Readonly<Record<DeadlineRuleCode, DeadlineRuleData>> = {
  ...PANEL_PHASE_RULES,
  ...IMPLEMENTATION_PHASE_RULES,
  ...TIMETABLE_RULES,
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
