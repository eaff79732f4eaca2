import type { ActorRole } from './actors';
import type { DeadlineRuleCode } from './deadline-rules';
import type { Guard } from './guards';
import type { AgreementKind, ProcedureEvent } from './snapshot';
import { ACTIVE_STAGES, type Stage } from './stages';
import { CONSULTATION_TRANSITIONS } from './transitions.consultations';
import { ADOPTION_TRANSITIONS } from './transitions.adoption';
import { IMPLEMENTATION_TRANSITIONS } from './transitions.implementation';
import { PANEL_TRANSITIONS } from './transitions.panel';

/** Every action of the procedure, verb first. */
export const ACTION_NAMES = [
  // Consultations and establishment (transitions.consultations.ts)
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
  'notifyMutuallyAgreedSolution',
  'withdraw',
  // Panel composition and proceedings (transitions.panel.ts)
  'joinPanelAsThirdParty',
  'agreeTermsOfReference',
  'agreeFivePanelists',
  'requestDgAppointment',
  'openPanelElection',
  'composePanel',
  'fixTimetable',
  'adjustTimetable',
  'holdFirstMeeting',
  'holdSecondMeeting',
  'dispenseWithFirstMeeting',
  'dispenseWithSecondMeeting',
  'requestSuspension',
  'suspend',
  'resume',
  'lapse',
  'issueDescriptivePart',
  'commentOnDescriptivePart',
  'issueInterimReport',
  'commentOnInterimReport',
  'issueFinalReport',
  'informBodyOfDelay',
  'circulateReport',
  // Appeal and adoption (transitions.adoption.ts)
  'appeal',
  'crossAppeal',
  'informBodyOfAppellateDelay',
  'suspendAppeal',
  'resumeAppeal',
  'circulateAppellateReport',
  'adoptReport',
  'adoptAppellateReport',
  'decideNotToAdopt',
  'adoptReportAutomatically',
  'adoptAppellateReportAutomatically',
  // Implementation, compliance, retaliation (transitions.implementation.ts)
  'stateImplementationIntentions',
  'agreeRpt',
  'arbitrateRpt',
  'fixRpt',
  'fileStatusReport',
  'requestComplianceReview',
  'referComplianceReview',
  'issueComplianceReport',
  'circulateComplianceReport',
  'appealComplianceReport',
  'adoptComplianceReport',
  'adoptComplianceAppellateReport',
  'decideNotToAdoptComplianceReport',
  'adoptComplianceReportAutomatically',
  'adoptComplianceAppellateReportAutomatically',
  'requestCompensation',
  'agreeCompensation',
  'requestRetaliation',
  'objectToRetaliationLevel',
  'decideRetaliationLevel',
  'authorizeSuspension',
  'declareCompliance',
] as const;

/** One of {@link ACTION_NAMES}. */
export type ActionName = (typeof ACTION_NAMES)[number];

/**
 * Where a transition leads: a stage, `null` to stay where the dispute is (a reply, a third party
 * joining), or `'PREVIOUS'` to return to the stage before the suspension (`resume`).
 */
export type TransitionTarget = Stage | null | 'PREVIOUS';

/**
 * A running limit replaced by a longer one counted from the same start: the old row becomes
 * `EXTENDED`, and the new one ends as much later as the new rule is longer, so time added by a
 * suspension carries over (DSU 20: 9 months, 12 on appeal).
 */
export interface Supersession {
  readonly rule: DeadlineRuleCode;
  readonly by: DeadlineRuleCode;
}

/** One row of the stage machine. */
export interface Transition {
  readonly action: ActionName;
  /** The stages it may be taken from; `ANY_ACTIVE` is every stage that is not terminal. */
  readonly from: readonly Stage[] | 'ANY_ACTIVE';
  readonly to: TransitionTarget;
  /** Who may take it; an actor needs one of these roles. */
  readonly actors: readonly ActorRole[];
  /** The provision it rests on. */
  readonly article: string;
  /** A precondition beyond stage and actor (time, earlier acts). */
  readonly guard?: Guard;
  /** The precondition in words, for the documentation (the README's table is made from it). */
  readonly requires?: string;
  /** Limits it starts. */
  readonly opens: readonly DeadlineRuleCode[];
  /** Limits it satisfies (recorded `MISSED` instead when already run out). */
  readonly meets: readonly DeadlineRuleCode[];
  /** Limits it ends without their act (`SUPERSEDED`, or their expiry status when run out). */
  readonly cancels: readonly DeadlineRuleCode[] | 'ALL_OPEN';
  readonly supersedes?: readonly Supersession[];
  /** `STOP` pauses every running limit (suspension); `RESTART` resumes the paused ones. */
  readonly clock?: 'STOP' | 'RESTART';
  /** The event it records (see `PROCEDURE_EVENTS`). */
  readonly records?: ProcedureEvent;
  /** Events it forgets: a new stage or round starts. */
  readonly clears?: readonly ProcedureEvent[];
  /** Sets the good-offices flag. */
  readonly goodOffices?: boolean;
  /** Records the acting party's agreement on this matter. */
  readonly agreement?: AgreementKind;
  /** Starts a new compliance proceeding (DSU 21.5): its report, appeal and adoption are its own. */
  readonly startsComplianceRound?: boolean;
  /** Forgets who agreed on this matter: a new round starts (a new appeal in 21.5 proceedings). */
  readonly resetsAgreement?: AgreementKind;
  /** Resets or counts the body meetings held on the panel request. */
  readonly bodyMeetings?: 'RESET' | 'COUNT';
  /**
   * The input it needs (see `ActionParams`): the reasonable period's end, a limit and its new
   * end (an extension agreed by the parties; the panel's change of its own timetable), or the
   * reasons that go on the docket (a decision the rules want reasoned).
   */
  readonly needs?: 'RPT_END' | 'EXTENSION' | 'TIMETABLE' | 'TIMETABLE_CHANGE' | 'REASONS';
  /**
   * A decision of the body: taken at a meeting convened with notice and attended by a quorum of
   * the members (see `BodyMeeting`), recorded by the secretariat. Not for `SYSTEM`.
   */
  readonly atMeeting?: boolean;
  /** Taken by the worker (`SYSTEM`) when its guard allows. */
  readonly automatic?: boolean;
  /**
   * For an automatic transition: it takes effect when the due day of this limit ends (a report is
   * adopted as of day 60, DSU 16.4), whenever the worker records it; its dates count from then.
   */
  readonly effectiveAtEndOf?: DeadlineRuleCode;
  /**
   * A period of the panel's timetable that keeps its planned length when the step before it comes
   * late: the parties' interim review period runs its planned days from the interim report's
   * actual issue (DSU 15.2; Appendix 3 ¶12(g)-(h)).
   */
  readonly keepsLength?: { readonly rule: DeadlineRuleCode; readonly after: DeadlineRuleCode };
  /**
   * The docket entry it appends. `{actor}` stands for who acted, filled in by the service: a
   * member's name, or the secretariat, the panel, the body; `{rule}`, `{until}`, `{rptEndsOn}`
   * for the inputs, filled in by the engine.
   */
  readonly docketText: string;
}

/**
 * Filing the request for consultations: how a dispute begins (see `openDispute`). Not in
 * {@link TRANSITIONS} because it leads from no stage.
 */
export const FILING = {
  action: 'requestConsultations',
  to: 'CONSULTATIONS_REQUESTED',
  actors: ['COMPLAINANT'],
  article: 'DSU 4.3, 4.4, 4.8, 4.11',
  // DSU 4.3 (reply 10 days, consult 30), 4.7 (panel from day 60), 4.8 (urgent: 10 and 20),
  // 4.11 (third parties 10 days from circulation).
  opens: ['REPLY_TO_REQUEST', 'ENTER_CONSULTATIONS', 'EARLIEST_PANEL_REQUEST', 'THIRD_PARTY_CONSULTATIONS'],
  docketText: 'The complainant requested consultations.',
} as const satisfies {
  readonly action: string;
  readonly to: Stage;
  readonly actors: readonly ActorRole[];
  readonly article: string;
  readonly opens: readonly DeadlineRuleCode[];
  readonly docketText: string;
};

/** The stage machine: every transition of docs/procedure.md §1, one per action. */
export const TRANSITIONS: readonly Transition[] = [
  ...CONSULTATION_TRANSITIONS,
  ...PANEL_TRANSITIONS,
  ...ADOPTION_TRANSITIONS,
  ...IMPLEMENTATION_TRANSITIONS,
];

const BY_ACTION: ReadonlyMap<string, Transition> = new Map(TRANSITIONS.map((transition) => [transition.action, transition]));

/** Whether a string names an action. */
export function isActionName(value: string): value is ActionName {
  return BY_ACTION.has(value);
}

/** The transition of an action, or undefined for an unknown name. */
export function transitionFor(action: string): Transition | undefined {
  return BY_ACTION.get(action);
}

/** The stages a transition may be taken from, with `ANY_ACTIVE` spelled out. */
export function fromStages(transition: Transition): readonly Stage[] {
  return transition.from === 'ANY_ACTIVE' ? ACTIVE_STAGES : transition.from;
}
