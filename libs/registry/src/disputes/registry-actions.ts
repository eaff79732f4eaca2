import type { ActionName } from '../procedure';

/**
 * The procedure steps a user takes through `takeAction`. Steps that carry more than a decision
 * (composing a panel from an election, circulating a report) are taken by their own modules
 * through the same engine.
 */
export const REGISTRY_ACTIONS = [
  'replyToRequest',
  'enterConsultations',
  'joinAsThirdParty',
  'acceptJoinRequest',
  'rejectJoinRequest',
  'agreeEarlyPanelRequest',
  'requestPanel',
  'requestBodyMeeting',
  'recordBodyMeeting',
  'establishPanel',
  'offerGoodOffices',
  'endGoodOffices',
  'recordExtension',
  'requestSuspension',
  'suspend',
  'resume',
  'notifyMutuallyAgreedSolution',
  'withdraw',
  // Panel stage steps that carry only a decision.
  'joinPanelAsThirdParty',
  'agreeTermsOfReference',
  'agreeFivePanelists',
  'requestDgAppointment',
  'informBodyOfDelay',
  // Implementation and compliance (DSU 21, 22): decisions and notifications; reports and awards
  // are filed as documents with them.
  'stateImplementationIntentions',
  'agreeRpt',
  'arbitrateRpt',
  'fixRpt',
  'fileStatusReport',
  'requestComplianceReview',
  'circulateComplianceReport',
  'appealComplianceReport',
  'adoptComplianceReport',
  'requestCompensation',
  'agreeCompensation',
  'requestRetaliation',
  'objectToRetaliationLevel',
  'decideRetaliationLevel',
  'authorizeSuspension',
  'declareCompliance',
] as const satisfies readonly ActionName[];

export type RegistryAction = (typeof REGISTRY_ACTIONS)[number];
