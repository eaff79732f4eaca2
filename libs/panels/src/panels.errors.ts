import { CORE_ERRORS, type ErrorCatalogue } from '@app/core';
import { REGISTRY_ERRORS } from '@app/registry';

/** The codes of `libs/panels`: the roster, disclosures, eligibility and challenges, elections. */
export const PANELS_ERRORS = {
  DISPUTE_NOT_FOUND: REGISTRY_ERRORS.DISPUTE_NOT_FOUND,
  MEMBER_NOT_FOUND: CORE_ERRORS.MEMBER_NOT_FOUND,
  DUPLICATE: CORE_ERRORS.DUPLICATE,
  MEMBER_SUSPENDED: REGISTRY_ERRORS.MEMBER_SUSPENDED,
  NOT_A_PARTY: {
    category: 'FORBIDDEN',
    meaning: "Only the complainant and the respondents challenge a candidate, consent to a national or see a dispute's eligible candidates",
  },

  // The roster
  ROSTER_PERSON_NOT_FOUND: {
    category: 'NOT_FOUND',
    meaning: 'No person on the roster has that id (or, where only the approved roster is meant, none approved)',
  },
  CV_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'The person has no CV on file' },
  EMPTY_CV: { category: 'BAD_USER_INPUT', meaning: "The CV's content is empty" },
  CV_TOO_LARGE: {
    category: 'PAYLOAD_TOO_LARGE',
    meaning: 'The CV is larger than the limit (limit gives it in bytes): send a smaller file',
  },
  REASON_REQUIRED: { category: 'BAD_USER_INPUT', meaning: 'A nomination is rejected with a reason: give it' },
  NOMINATION_ALREADY_DECIDED: {
    category: 'INVALID_TRANSITION',
    meaning: 'The nomination was already approved or rejected (status gives which)',
  },
  NOT_APPROVED: {
    category: 'INVALID_TRANSITION',
    meaning: 'Only an approved person is removed from the roster (status gives where this one is)',
  },
  PERSON_NOT_ON_ROSTER: {
    category: 'INVALID_TRANSITION',
    meaning: 'The person was rejected or removed, so is not on the roster: nothing of theirs changes any more',
  },
  UNKNOWN_USER: { category: 'BAD_USER_INPUT', meaning: 'No active user has that id' },
  NOT_A_PANELIST: { category: 'BAD_USER_INPUT', meaning: 'Only a PANELIST account is linked to a person on the roster' },
  NOT_YOUR_ROSTER_ENTRY: {
    category: 'FORBIDDEN',
    meaning: 'Only the person themselves or the secretariat changes their availability or declares their interests',
  },

  // Disclosures, eligibility, challenges
  DISCLOSURE_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No disclosure has that id' },
  DISCLOSURE_ALREADY_DECIDED: {
    category: 'INVALID_TRANSITION',
    meaning: 'The disclosure was already upheld or cleared (status gives which)',
  },
  NOT_INVOLVED: {
    category: 'FORBIDDEN',
    meaning: "Only the secretariat, the person and the parties to the disputes concerned see a person's disclosures",
  },
  NOT_A_CANDIDATE: {
    category: 'BAD_USER_INPUT',
    meaning: 'The person named is not a candidate (not on the approved roster, or not in this election)',
  },
  NOT_A_NATIONAL: {
    category: 'BAD_USER_INPUT',
    meaning: 'The person is not a national of a party or third party: serving needs no consent (DSU 8.3)',
  },
  CHALLENGE_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No challenge has that id' },
  PANEL_NOT_ESTABLISHED: { category: 'INVALID_TRANSITION', meaning: 'Candidates are challenged once the panel is established' },
  CHALLENGE_WINDOW_CLOSED: {
    category: 'DEADLINE_PASSED',
    meaning: 'The period to challenge candidates has ended (dueDate gives its last day)',
  },
  CHALLENGE_ALREADY_DECIDED: {
    category: 'INVALID_TRANSITION',
    meaning: 'The challenge was already upheld or dismissed (status gives which)',
  },

  // Elections
  ELECTION_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No election has that id' },
  CLOSES_BEFORE_OPENING: { category: 'BAD_USER_INPUT', meaning: 'The election closes after it opens: fix closesAt' },
  CLOSES_IN_THE_PAST: { category: 'BAD_USER_INPUT', meaning: 'The election closes in the future: fix closesAt' },
  VOTING_PERIOD_TOO_SHORT: {
    category: 'BAD_USER_INPUT',
    meaning: "The vote stays open at least the body's minimum number of days (the message gives the earliest closesAt)",
  },
  CLOSES_BEFORE_CHALLENGES_END: {
    category: 'BAD_USER_INPUT',
    meaning: "The election closes after the parties' period to challenge candidates ends (the message gives the day)",
  },
  NO_VACANCY: { category: 'INVALID_TRANSITION', meaning: 'The panel has no vacant seat for an election to fill' },
  NOT_ESTABLISHED: { category: 'INVALID_TRANSITION', meaning: 'A panel election opens once the panel is established, and only once' },
  TOO_FEW_CANDIDATES: {
    category: 'INVALID_TRANSITION',
    meaning: 'The roster offers too few eligible candidates for the seats: the roster must offer more',
  },
  NOT_IN_ELECTORATE: {
    category: 'FORBIDDEN',
    meaning: "The caller's member does not vote in this election (the parties to the dispute do not)",
  },
  ELECTION_NOT_OPEN: { category: 'NOT_YET_ALLOWED', meaning: 'Voting has not opened yet: vote from allowedFrom' },
  ELECTION_CLOSED: {
    category: ['DEADLINE_PASSED', 'INVALID_TRANSITION'],
    meaning: 'The election is closed: too late to vote (DEADLINE_PASSED), or nothing left to close (INVALID_TRANSITION)',
  },
  ELECTION_OPEN: { category: 'NOT_YET_ALLOWED', meaning: 'Receipts are checked once the election is closed: retry from allowedFrom' },
  BEFORE_CLOSING_TIME: { category: 'NOT_YET_ALLOWED', meaning: 'The election is closed at its closing time, not before (allowedFrom)' },
  CHALLENGES_PENDING: {
    category: 'INVALID_TRANSITION',
    meaning: 'Challenges of candidates await the secretariat: decide them, then close the election',
  },
  BALLOT_KEY_MISMATCH: {
    category: 'INVALID_TRANSITION',
    meaning: 'The ballots were sealed under another ballot secret: close the election with the BALLOT_SECRET it was opened with',
  },
  PANEL_SEAT_OF_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'The person holds no seat on the panel of that dispute' },
} as const satisfies ErrorCatalogue;

/** A code of `libs/panels`. */
export type PanelsErrorCode = keyof typeof PANELS_ERRORS;

declare module '@app/core' {
  interface ErrorCatalogues {
    panels: typeof PANELS_ERRORS;
  }
}
