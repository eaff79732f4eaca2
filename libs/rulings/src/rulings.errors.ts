import { type ErrorCatalogue } from '@app/core';
import { REGISTRY_ERRORS } from '@app/registry';

/** The codes of `libs/rulings`: reports and findings, appeals, adoption. */
export const RULINGS_ERRORS = {
  DISPUTE_NOT_FOUND: REGISTRY_ERRORS.DISPUTE_NOT_FOUND,
  NOT_ON_PANEL: { category: 'FORBIDDEN', meaning: "Only a panelist seated on the dispute's panel drafts, votes on and issues its reports" },
  NOT_A_PARTY: {
    category: 'FORBIDDEN',
    meaning: 'Only the parties comment on the descriptive part and the interim report (DSU 15.1, 15.2)',
  },

  // Reports and findings
  REPORT_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No report has that id, or the caller may not see it' },
  FINDINGS_NOT_ALLOWED: {
    category: 'BAD_USER_INPUT',
    meaning: 'The descriptive part states facts and arguments, without findings (DSU 15.1)',
  },
  FINDINGS_REQUIRED: {
    category: 'BAD_USER_INPUT',
    meaning: 'An interim, final or compliance report makes findings on the claims (DSU 15.2, 21.5)',
  },
  NOT_IN_TERMS_OF_REFERENCE: {
    category: 'BAD_USER_INPUT',
    meaning: "A finding's measure or provision is not in the terms of reference (field names it)",
  },
  NO_COMPLIANCE_PROCEEDING: {
    category: 'INVALID_TRANSITION',
    meaning: 'A compliance report is drafted in compliance proceedings (DSU 21.5), which are not under way',
  },
  NOT_A_DRAFT: { category: 'INVALID_TRANSITION', meaning: 'Only a draft report is voted on or issued: this one is further on' },
  NOT_APPROVED: { category: 'INVALID_TRANSITION', meaning: 'A majority of the panel approves the draft before it is issued (DSU 14)' },
  OPINION_CLOSED: {
    category: 'INVALID_TRANSITION',
    meaning: 'Separate opinions go with an interim or final report before it is circulated',
  },
  NOT_OPEN_TO_COMMENTS: { category: 'INVALID_TRANSITION', meaning: 'Comments are made on an issued descriptive part or interim report' },
  NO_FINAL_REPORT: { category: 'INVALID_TRANSITION', meaning: 'The panel has not issued its final report: nothing to circulate' },

  // Appeals and adoption
  NOT_A_FINDING: {
    category: 'BAD_USER_INPUT',
    meaning: 'An appeal names findings of the circulated report (the message names the stranger)',
  },
  NO_QUORUM: { category: 'INVALID_TRANSITION', meaning: 'The appellate roster has too few members to draw a division (DSU 17.1)' },
  NOT_APPEALED: { category: 'INVALID_TRANSITION', meaning: 'No appeal is pending: there is nothing to report on' },
  NOT_APPEALED_FINDING: { category: 'BAD_USER_INPUT', meaning: 'An outcome names a finding that was not appealed (field names it)' },
  DELAY_REASON_REQUIRED: {
    category: 'BAD_USER_INPUT',
    meaning: 'The appellate report comes more than 60 days after the appeal: give the reasons for the delay (DSU 17.5)',
  },
  APPEALED: {
    category: 'INVALID_TRANSITION',
    meaning: 'The report was appealed: the body considers it with the appellate report, once circulated (DSU 16.4, 17.14)',
  },
  NO_REPORT_BEFORE_BODY: { category: 'INVALID_TRANSITION', meaning: "No report awaits adoption at the dispute's stage" },
} as const satisfies ErrorCatalogue;

/** A code of `libs/rulings`. */
export type RulingsErrorCode = keyof typeof RULINGS_ERRORS;

declare module '@app/core' {
  interface ErrorCatalogues {
    rulings: typeof RULINGS_ERRORS;
  }
}
