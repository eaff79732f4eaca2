// Each dispute's fate: the branches it takes, drawn once at its filing. The odds are grouped by the
// stage where the branch is taken; the stage table (stages.ts) reads the drawn fate.
import type { Stage } from '@app/procedure';
import type { Rng } from './random';

export interface Fate {
  reply: 'ontime' | 'late' | 'none';
  enter: boolean;
  route: 'stall' | 'settle' | 'withdraw' | 'panel';
  /** For settle / withdraw: the stage at which the dispute ends. */
  exitStage: Stage;
  goodOffices: boolean;
  bodyMeetings: 0 | 1 | 2;
  termsOfReference: boolean;
  fivePanelists: boolean;
  dgAppointment: boolean;
  suspension: 'none' | 'resume' | 'lapse';
  appeal: boolean;
  rptArbitration: boolean;
  after: 'comply' | 'complianceReview' | 'compensation' | 'retaliation' | 'stall';
  statusReports: number;
  /**
   * Branches no bench dispute takes (never drawn, so the bench's draws stay as they were): the demo
   * sets them to reach every stage (cover.ts). The body decides not to adopt the report (DSU 16.4);
   * the appeal is suspended at the parties' request (DSU 17.5).
   */
  notAdopted?: boolean;
  appealSuspended?: boolean;
}

/** The odds of the branches, by stage: weights of a choice, or the probability of a yes. */
export const ODDS = {
  CONSULTATIONS_REQUESTED: {
    // The reply within 10 days (DSU 4.3), late, or none.
    reply: { ontime: 88, late: 4, none: 8 },
    enter: 0.85,
    // The Director-General's good offices (DSU 5.6).
    goodOffices: 0.03,
  },
  IN_CONSULTATIONS: {
    // Most requests for consultations end in consultations (settled, withdrawn or left dormant);
    // a few go to a panel, and those account for most of the docket.
    route: { stall: 41, settle: 42, withdraw: 9, panel: 8 },
    // Where a settled or withdrawn dispute ends (a solution is notified to the body: DSU 3.6).
    exitStage: {
      CONSULTATIONS_REQUESTED: 12,
      IN_CONSULTATIONS: 80,
      PANEL_REQUESTED: 2,
      PANEL_ESTABLISHED: 2,
      PANEL_COMPOSED: 1,
      PANEL_PROCEEDINGS: 2,
      INTERIM_REVIEW: 1,
    } as Record<Stage, number>,
  },
  // Meetings the complainant asks for (DSU 6.1 footnote 5): at the second, the panel is established.
  PANEL_REQUESTED: { bodyMeetings: { none: 80, one: 15, two: 5 } },
  PANEL_ESTABLISHED: {
    // Special terms of reference (DSU 7.1), five panelists (DSU 8.5), the Director-General
    // composing the panel (DSU 8.7).
    termsOfReference: 0.5,
    fivePanelists: 0.06,
    dgAppointment: 0.15,
  },
  // The complainant asks the panel to suspend its work (DSU 12.12): resumed, or lapsed after 12 months.
  PANEL_PROCEEDINGS: { suspension: { none: 94, resume: 3, lapse: 3 } },
  // An appeal (DSU 16.4, 17), also of a compliance report and of the level of retaliation (DSU 22.6).
  REPORT_CIRCULATED: { appeal: 0.5 },
  // The reasonable period of time by arbitration (DSU 21.3(c)) rather than by agreement.
  RPT_DETERMINATION: { rptArbitration: 0.3 },
  IMPLEMENTATION_SURVEILLANCE: {
    // After the reasonable period: compliance, a compliance panel (DSU 21.5), compensation or
    // retaliation (DSU 22), or nothing more.
    after: { comply: 55, complianceReview: 15, compensation: 5, retaliation: 15, stall: 10 },
    // Status reports before the outcome (DSU 21.6).
    statusReports: [1, 3] as const,
  },
} as const;

/** Draws a fate, in a fixed order (the same seed gives the same fates). */
export function pickFate(rng: Rng): Fate {
  const route = rng.weighted(ODDS.IN_CONSULTATIONS.route);
  const meetings = rng.weighted(ODDS.PANEL_REQUESTED.bodyMeetings);
  const exitStage: Stage =
    route === 'settle' || route === 'withdraw' ? rng.weighted<Stage>(ODDS.IN_CONSULTATIONS.exitStage) : 'CONSULTATIONS_REQUESTED';
  return {
    reply: rng.weighted(ODDS.CONSULTATIONS_REQUESTED.reply),
    enter: rng.chance(ODDS.CONSULTATIONS_REQUESTED.enter),
    route,
    exitStage,
    goodOffices: rng.chance(ODDS.CONSULTATIONS_REQUESTED.goodOffices),
    bodyMeetings: meetings === 'none' ? 0 : meetings === 'one' ? 1 : 2,
    termsOfReference: rng.chance(ODDS.PANEL_ESTABLISHED.termsOfReference),
    fivePanelists: rng.chance(ODDS.PANEL_ESTABLISHED.fivePanelists),
    dgAppointment: rng.chance(ODDS.PANEL_ESTABLISHED.dgAppointment),
    suspension: rng.weighted(ODDS.PANEL_PROCEEDINGS.suspension),
    appeal: rng.chance(ODDS.REPORT_CIRCULATED.appeal),
    rptArbitration: rng.chance(ODDS.RPT_DETERMINATION.rptArbitration),
    after: rng.weighted(ODDS.IMPLEMENTATION_SURVEILLANCE.after),
    statusReports: rng.int(...ODDS.IMPLEMENTATION_SURVEILLANCE.statusReports),
  };
}
