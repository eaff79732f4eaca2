// A step of the simulated procedure: who takes which action of the engine, when.
import type { ActionParams, ActorRole, DeadlineRuleCode } from '@app/procedure';

/** Who acts: the complainant, the respondent, the secretariat, the body, the panel, another member. */
export type Side = 'C' | 'R' | 'SEC' | 'BODY' | 'PANEL' | 'MEMBER';

/** The roles each side acts in, as the engine checks them. */
export const ROLES: Record<Side, readonly ActorRole[]> = {
  C: ['COMPLAINANT'],
  R: ['RESPONDENT'],
  SEC: ['SECRETARIAT', 'BODY'],
  BODY: ['SECRETARIAT', 'BODY'],
  PANEL: ['PANEL', 'PANEL_CHAIR'],
  MEMBER: ['MEMBER'],
};

export interface Step {
  side: Side;
  action: string;
  at: Date;
  params?: (at: Date) => ActionParams;
  /** Marks the step done under this key (default: the action, within the current stage visit). */
  key?: string;
  /**
   * A step of the panel's timetable the parties take (a submission, comments), which the
   * secretariat records as done (completeTimetableStep): its deadline row is met, outside the engine.
   */
  completes?: DeadlineRuleCode;
}
