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
] as const satisfies readonly ActionName[];

export type RegistryAction = (typeof REGISTRY_ACTIONS)[number];
