import type { ActionName } from '@app/procedure';

/**
 * The procedure steps a user takes through `takeAction`. Steps that carry more than a decision
 * (composing a panel from an election, a report, an appeal with its findings, a meeting deciding
 * on a report) are taken by their own modules' mutations through the same engine.
 */
export const REGISTRY_ACTIONS = [
  'circulateRequest',
  'replyToRequest',
  'enterConsultations',
  'joinAsThirdParty',
  'acceptJoinRequest',
  'rejectJoinRequest',
  'agreeEarlyPanelRequest',
  'requestPanel',
  'deferPanelRequest',
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
  // The panel's conduct of its timetable (Appendix 3 ¶12): meetings held or dispensed with, steps
  // moved.
  'adjustTimetable',
  'holdFirstMeeting',
  'holdSecondMeeting',
  'dispenseWithFirstMeeting',
  'dispenseWithSecondMeeting',
  // Appeals: the appellate body does not use the system; the secretariat records its letters and
  // the parties' joint requests.
  'informBodyOfAppellateDelay',
  'suspendAppeal',
  'resumeAppeal',
  // Implementation and compliance (DSU 21, 22): decisions and notifications; reports and awards
  // are filed as documents with them.
  'stateImplementationIntentions',
  'agreeRpt',
  'arbitrateRpt',
  'fixRpt',
  'fileStatusReport',
  'requestComplianceReview',
  'referComplianceReview',
  'requestCompensation',
  'agreeCompensation',
  'requestRetaliation',
  'objectToRetaliationLevel',
  'decideRetaliationLevel',
  'authorizeSuspension',
  'declareCompliance',
] as const satisfies readonly ActionName[];

export type RegistryAction = (typeof REGISTRY_ACTIONS)[number];
