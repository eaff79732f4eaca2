import { TRANSITIONS, type ActionName } from '@app/procedure';

/**
 * The steps of the engine's table (`TRANSITIONS`) that are not taken through `takeAction`, each
 * with what takes it: a module's own mutation, because the step carries more than a decision (an
 * election, a report, an appeal with its findings, a meeting deciding on a report), or the worker
 * (`SYSTEM`: lapses and adoption by the end of the period, DSU 16.4, 17.14). Every other
 * transition is a registry action: a new transition in the engine's table appears in `takeAction`
 * unless it is named here.
 */
export const TAKEN_ELSEWHERE = {
  openPanelElection: 'openElection',
  composePanel: 'closeElection',
  fixTimetable: 'adoptTimetable',
  issueDescriptivePart: 'submitReport',
  commentOnDescriptivePart: 'commentOnReport',
  issueInterimReport: 'issueReport',
  commentOnInterimReport: 'commentOnReport',
  issueFinalReport: 'issueReport',
  circulateReport: 'circulateReport',
  appeal: 'fileAppeal',
  crossAppeal: 'fileAppeal',
  circulateAppellateReport: 'recordAppellateReport',
  adoptReport: 'recordAdoptionMeeting',
  adoptAppellateReport: 'recordAdoptionMeeting',
  decideNotToAdopt: 'recordAdoptionMeeting',
  issueComplianceReport: 'issueReport',
  circulateComplianceReport: 'circulateReport',
  appealComplianceReport: 'fileAppeal',
  adoptComplianceReport: 'recordAdoptionMeeting',
  adoptComplianceAppellateReport: 'recordAdoptionMeeting',
  decideNotToAdoptComplianceReport: 'recordAdoptionMeeting',
  lapse: 'the worker',
  adoptReportAutomatically: 'the worker',
  adoptAppellateReportAutomatically: 'the worker',
  adoptComplianceReportAutomatically: 'the worker',
  adoptComplianceAppellateReportAutomatically: 'the worker',
} as const satisfies Partial<Record<ActionName, string>>;

/** A procedure step a user takes through `takeAction`. */
export type RegistryAction = Exclude<ActionName, keyof typeof TAKEN_ELSEWHERE>;

const takenElsewhere = (action: ActionName): boolean => Object.hasOwn(TAKEN_ELSEWHERE, action);

/**
 * The procedure steps a user takes through `takeAction`, in the order of the engine's table:
 * every transition but those taken elsewhere (above). Filing the request for consultations is no
 * transition (`requestConsultations`, its own mutation).
 */
export const REGISTRY_ACTIONS: readonly RegistryAction[] = [
  ...new Set(TRANSITIONS.map((t) => t.action).filter((action): action is RegistryAction => !takenElsewhere(action))),
];
