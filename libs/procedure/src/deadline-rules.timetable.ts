import type { DeadlineRuleData } from './deadline-rules';

// Appendix 3 ¶12 to the DSU: the steps of the panel's working procedures, each dated by the
// timetable the panel adopts (DSU 12.3) rather than counted by the engine. The lengths below are
// the lower ends of the Appendix 3 week ranges, in days after the previous step, for reference;
// the row's date is the one the panel fixed.
const step = (
  paragraph: string,
  description: string,
  days: number,
  binds: DeadlineRuleData['binds'],
  kind: 'DEADLINE' | 'WINDOW' = 'DEADLINE',
): DeadlineRuleData => ({
  article: `DSU 12.3; Appendix 3 ${paragraph}`,
  description,
  length: { unit: 'DAYS', value: days },
  // A step someone owes is a deadline; a step the parties may take (comments, review requests)
  // is a window, so letting it pass is no fault.
  kind,
  // Appendix 3 ¶12 is indicative ("proposed timetable"); the panel's adopted dates bind.
  strength: 'HARD',
  binds,
  countedFrom: 'the date the panel fixed in its timetable',
  onExpiry: 'The step is late; the panel may adjust its timetable (Appendix 3 ¶12).',
  extendable: true,
});

export const TIMETABLE_RULES = {
  TIMETABLE_FIRST_SUBMISSION_COMPLAINANT: step('¶12(a)', "The complainant's first written submission.", 21, 'COMPLAINANT'),
  TIMETABLE_FIRST_SUBMISSION_RESPONDENT: step('¶12(a)', "The respondent's first written submission.", 14, 'RESPONDENT'),
  TIMETABLE_FIRST_SUBSTANTIVE_MEETING: step('¶12(b)', 'The first substantive meeting with the parties.', 7, 'PANEL'),
  TIMETABLE_THIRD_PARTY_SESSION: step('¶12(b)', 'The third-party session.', 0, 'PANEL'),
  TIMETABLE_REBUTTALS: step('¶12(c)', 'Written rebuttals of the parties.', 14, 'PARTIES'),
  TIMETABLE_SECOND_SUBSTANTIVE_MEETING: step('¶12(d)', 'The second substantive meeting.', 7, 'PANEL'),
  TIMETABLE_DESCRIPTIVE_PART: step('¶12(e)', 'The descriptive part of the report to the parties.', 14, 'PANEL'),
  TIMETABLE_COMMENTS_ON_DESCRIPTIVE_PART: step('¶12(f)', 'The parties comment on the descriptive part.', 14, 'PARTIES', 'WINDOW'),
  TIMETABLE_INTERIM_REPORT: step('¶12(g)', 'The interim report to the parties.', 14, 'PANEL'),
  TIMETABLE_REVIEW_REQUESTS: step(
    '¶12(h)',
    'Requests to review parts of the interim report (the interim review period).',
    7,
    'PARTIES',
    'WINDOW',
  ),
  TIMETABLE_INTERIM_REVIEW: step('¶12(i)', 'The interim review, possibly with a further meeting.', 14, 'PANEL'),
  TIMETABLE_FINAL_REPORT_TO_PARTIES: step('¶12(j)', 'The final report to the parties.', 14, 'PANEL'),
  TIMETABLE_CIRCULATION: step('¶12(k)', 'Circulation of the final report to the members.', 21, 'SECRETARIAT'),
} satisfies Record<string, DeadlineRuleData>;
