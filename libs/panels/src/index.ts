// The public surface of @app/panels. Other libs import only from here.
import { ChallengeEntity } from './challenges/challenge.entity';
import { DisclosureEntity } from './disclosures/disclosure.entity';
import { NationalityConsentEntity } from './eligibility/nationality-consent.entity';
import { RosterCvEntity } from './roster/roster-cv.entity';
import { RosterPersonEntity } from './roster/roster-person.entity';
import {
  BallotEntity,
  ElectionCandidateEntity,
  ElectionElectorEntity,
  ElectionEntity,
  ElectionVoteEntity,
  SealedBallotEntity,
} from './elections/election.entity';

export * from './panels.module';
export { RosterPersonEntity, ROSTER_STATUSES, type RosterStatus } from './roster/roster-person.entity';
export { RosterService } from './roster/roster.service';
export { RosterPerson, toRosterPerson } from './roster/roster.type';
export { DisclosureEntity } from './disclosures/disclosure.entity';
export { ChallengeEntity } from './challenges/challenge.entity';
export { NationalityConsentEntity } from './eligibility/nationality-consent.entity';
export { EligibilityService, type EligibilityReportData } from './eligibility/eligibility.service';
export { candidateLabels } from './elections/candidate-labels';
export { newReceipt } from './elections/receipts';
export {
  EXCLUSION_CODES,
  evaluateEligibility,
  type EligibilityInput,
  type EligibilityResult,
  type ExclusionCode,
  type ExclusionReason,
  type PersonId,
} from './eligibility/eligibility';

/** The panels' tables, for the data source. */
export const PANELS_ENTITIES = [
  RosterPersonEntity,
  RosterCvEntity,
  DisclosureEntity,
  NationalityConsentEntity,
  ChallengeEntity,
  ElectionEntity,
  ElectionCandidateEntity,
  ElectionElectorEntity,
  ElectionVoteEntity,
  SealedBallotEntity,
  BallotEntity,
];
export { ElectionsService } from './elections/elections.service';
export { ElectionClosingService } from './elections/election-closing.service';
export { PANELS_ERRORS, type PanelsErrorCode } from './panels.errors';
