// The procedure engine: the DSU stage machine and its time limits as data, with pure functions to
// decide on actions and compute deadlines. No Nest, no database: the services call these.
export { ACTOR_ROLES, ACTOR_ROLE_LABELS, PARTY_ROLES } from './actors';
export type { ActorRole, Addressee, PartyRole } from './actors';
export {
  ACTIVE_STAGES,
  INITIAL_STAGE,
  isTerminalStage,
  STAGE_LABELS,
  STAGES,
  SURVEILLANCE_STAGES,
  SUSPENDED_STAGES,
  TERMINAL_STAGES,
} from './stages';
export type { Stage, TerminalStage } from './stages';
export { citeRule, DATED_BY_DECISION_RULES, DEADLINE_RULE_CODES, DEADLINE_RULES, isDeadlineRuleCode } from './deadline-rules';
export type { DeadlineRule, DeadlineRuleCode, DeadlineRuleData, RuleAnchor, RuleKind, RuleLength, RuleStrength } from './deadline-rules';
export {
  addDays,
  addMonths,
  bodyTimeZone,
  calendarLength,
  datesEndingOn,
  dayOf,
  daysBetween,
  deadlineDates,
  dueDate,
  isClosed,
  isIsoDate,
  isOverdue,
  isTimeZone,
  latestNoticeDate,
  nextWorkingDay,
  NO_CLOSED_DAYS,
  periodEnd,
  previousWorkingDay,
  recountFromService,
  resumeDeadline,
  setBodyTimeZone,
  startOfDay,
  startOfDayIn,
  dateIn,
  wallClock,
  suspendDeadline,
  toIsoDate,
  weekdayOf,
  WEEKDAYS,
} from './dates';
export type { ClosedDays, DeadlineDates, IsoDate, Weekday } from './dates';
export {
  AGREEMENT_KINDS,
  DEADLINE_STATUSES,
  expiryStatus,
  hasRunOut,
  isPaused,
  latestRow,
  liveRow,
  PROCEDURE_EVENTS,
  RUN_OUT_AT_START_OF_DUE_DAY,
  runOutCutoff,
  runsOutAt,
  runsOutOn,
  sweepDeadlines,
  wasMissed,
} from './snapshot';
export type {
  ActionParams,
  AgreementKind,
  Agreements,
  BodyMeeting,
  DeadlineRow,
  DeadlineStatus,
  DisputeSnapshot,
  DisputeState,
  Expiry,
  ProcedureEvent,
  ProcedureEvents,
} from './snapshot';
export { REFUSAL_ERRORS } from './refusal-codes';
export { REFUSAL_CODES } from './refusals';
export type { Refusal, RefusalCode } from './refusals';
export type { Guard, GuardContext } from './guards';
export { ACTION_NAMES, FILING, fromStages, isActionName, transitionFor, TRANSITIONS } from './transitions';
export type { ActionName, Supersession, Transition, TransitionTarget } from './transitions';
export { appliesAt, applyDeadlineEffects } from './effects';
export type { DeadlineEffects, OpenedDeadline, PausedDeadline } from './effects';
export { allowedActions, applyDecision, decide, dueAutomaticActions, openDispute } from './engine';
export type { AllowedActions, Approval, Decision, LaterAction } from './engine';
export { DOC_SECTIONS, ruleTable, transitionTable, withGeneratedTables } from './docs';
