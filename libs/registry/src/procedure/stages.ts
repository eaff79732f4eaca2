/**
 * The stages of a dispute, following procedure.md §1 (the DSU model). Good offices are not a
 * stage: they run beside any stage (DSU 5), so they are a flag of the dispute.
 */
export const STAGES = [
  'CONSULTATIONS_REQUESTED',
  'IN_CONSULTATIONS',
  'PANEL_REQUESTED',
  'PANEL_ESTABLISHED',
  'PANEL_COMPOSED',
  'PANEL_PROCEEDINGS',
  'SUSPENDED',
  'INTERIM_REVIEW',
  'REPORT_CIRCULATED',
  'UNDER_APPEAL',
  'ADOPTED',
  'RPT_DETERMINATION',
  'IMPLEMENTATION_SURVEILLANCE',
  'COMPLIANCE_REVIEW',
  'COMPENSATION_NEGOTIATION',
  'RETALIATION_REQUESTED',
  'ARB_22_6',
  'SUSPENSION_AUTHORIZED',
  'SETTLED_MAS',
  'WITHDRAWN',
  'LAPSED',
  'COMPLIED',
] as const;

/** One of {@link STAGES}. */
export type Stage = (typeof STAGES)[number];

/** The stages that end a dispute: nothing can happen after them. */
export const TERMINAL_STAGES = ['SETTLED_MAS', 'WITHDRAWN', 'LAPSED', 'COMPLIED'] as const;

/** One of {@link TERMINAL_STAGES}. */
export type TerminalStage = (typeof TERMINAL_STAGES)[number];

/** The stage a dispute is in when it is filed. */
export const INITIAL_STAGE: Stage = 'CONSULTATIONS_REQUESTED';

/** Whether the stage ends the dispute. */
export function isTerminalStage(stage: Stage): stage is TerminalStage {
  return (TERMINAL_STAGES as readonly Stage[]).includes(stage);
}

/** The stages in which something can still happen, in procedural order. */
export const ACTIVE_STAGES: readonly Stage[] = STAGES.filter((stage) => !isTerminalStage(stage));

/** A label per stage, as the public docket shows it. */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  CONSULTATIONS_REQUESTED: 'Consultations requested',
  IN_CONSULTATIONS: 'In consultations',
  PANEL_REQUESTED: 'Panel requested',
  PANEL_ESTABLISHED: 'Panel established',
  PANEL_COMPOSED: 'Panel composed',
  PANEL_PROCEEDINGS: 'Panel proceedings',
  SUSPENDED: 'Panel work suspended',
  INTERIM_REVIEW: 'Interim review',
  REPORT_CIRCULATED: 'Panel report circulated',
  UNDER_APPEAL: 'Under appeal',
  ADOPTED: 'Report adopted',
  RPT_DETERMINATION: 'Reasonable period of time being determined',
  IMPLEMENTATION_SURVEILLANCE: 'Implementation under surveillance',
  COMPLIANCE_REVIEW: 'Compliance proceedings',
  COMPENSATION_NEGOTIATION: 'Compensation negotiations',
  RETALIATION_REQUESTED: 'Suspension of concessions requested',
  ARB_22_6: 'Arbitration on the level of suspension',
  SUSPENSION_AUTHORIZED: 'Suspension of concessions authorised',
  SETTLED_MAS: 'Settled by a mutually agreed solution',
  WITHDRAWN: 'Withdrawn',
  LAPSED: 'Lapsed',
  COMPLIED: 'Complied',
};
