// The default timetable of Appendix 3 ¶12 to the DSU, pure: each step counted from the previous one.

export const TIMETABLE_STEP_KINDS = [
  'FIRST_SUBMISSION_COMPLAINANT',
  'FIRST_SUBMISSION_RESPONDENT',
  'FIRST_SUBSTANTIVE_MEETING',
  'THIRD_PARTY_SESSION',
  'REBUTTALS',
  'SECOND_SUBSTANTIVE_MEETING',
  'DESCRIPTIVE_PART',
  'COMMENTS_ON_DESCRIPTIVE_PART',
  'INTERIM_REPORT',
  'REVIEW_REQUESTS',
  'INTERIM_REVIEW',
  'FINAL_REPORT_TO_PARTIES',
  'CIRCULATION',
] as const;
export type TimetableStepKind = (typeof TIMETABLE_STEP_KINDS)[number];

export interface WeekRange {
  min: number;
  max: number;
  paragraph: string;
}

// Appendix 3 ¶12 (a)–(k), in weeks after the previous step. The third-party session is held in
// the first meeting's week (¶12(b): "first substantive meeting ... third party session").
export const APPENDIX_3: Record<TimetableStepKind, WeekRange> = {
  FIRST_SUBMISSION_COMPLAINANT: { min: 3, max: 6, paragraph: '¶12(a)' },
  FIRST_SUBMISSION_RESPONDENT: { min: 2, max: 3, paragraph: '¶12(a)' },
  FIRST_SUBSTANTIVE_MEETING: { min: 1, max: 2, paragraph: '¶12(b)' },
  THIRD_PARTY_SESSION: { min: 0, max: 0, paragraph: '¶12(b)' },
  REBUTTALS: { min: 2, max: 3, paragraph: '¶12(c)' },
  SECOND_SUBSTANTIVE_MEETING: { min: 1, max: 2, paragraph: '¶12(d)' },
  DESCRIPTIVE_PART: { min: 2, max: 4, paragraph: '¶12(e)' },
  COMMENTS_ON_DESCRIPTIVE_PART: { min: 2, max: 2, paragraph: '¶12(f)' },
  INTERIM_REPORT: { min: 2, max: 4, paragraph: '¶12(g)' },
  REVIEW_REQUESTS: { min: 1, max: 1, paragraph: '¶12(h)' },
  INTERIM_REVIEW: { min: 2, max: 2, paragraph: '¶12(i)' },
  FINAL_REPORT_TO_PARTIES: { min: 2, max: 2, paragraph: '¶12(j)' },
  CIRCULATION: { min: 3, max: 3, paragraph: '¶12(k)' },
};

export interface ProposedStep {
  kind: TimetableStepKind;
  dueDate: string;
  paragraph: string;
}

/**
 * The default proposal from a start date (composition or the organisational meeting): the lower
 * end of every range, 23 weeks in all, so that the report reaches the parties within the six
 * months of DSU 12.8. A date on a closed day moves to the next working day (`workingDay`).
 */
export function proposeTimetable(start: string, workingDay: (date: string) => string): ProposedStep[] {
  let previous = start;
  return TIMETABLE_STEP_KINDS.map((kind) => {
    const range = APPENDIX_3[kind];
    const d = new Date(`${previous}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + range.min * 7);
    previous = d.toISOString().slice(0, 10);
    return { kind, dueDate: workingDay(previous), paragraph: range.paragraph };
  });
}
