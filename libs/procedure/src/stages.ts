/**
 * The stages of a dispute, following docs/procedure.md §1 (the DSU model). Good offices are not a
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
  'APPEAL_SUSPENDED',
  'ADOPTED',
  'RPT_DETERMINATION',
  'IMPLEMENTATION_SURVEILLANCE',
  'COMPLIANCE_REVIEW',
  'COMPLIANCE_REPORT_CIRCULATED',
  'COMPLIANCE_UNDER_APPEAL',
  'COMPENSATION_NEGOTIATION',
  'RETALIATION_REQUESTED',
  'ARB_22_6',
  'SUSPENSION_AUTHORIZED',
  'SETTLED_MAS',
  'WITHDRAWN',
  'LAPSED',
  'NOT_ADOPTED',
  'COMPLIED',
] as const;

/** One of {@link STAGES}. */
export type Stage = (typeof STAGES)[number];

/** The stages that end a dispute: nothing can happen after them. */
export const TERMINAL_STAGES = ['SETTLED_MAS', 'WITHDRAWN', 'LAPSED', 'NOT_ADOPTED', 'COMPLIED'] as const;

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
  APPEAL_SUSPENDED: "Appeal suspended at the parties' request",
  ADOPTED: 'Report adopted',
  RPT_DETERMINATION: 'Reasonable period of time being determined',
  IMPLEMENTATION_SURVEILLANCE: 'Implementation under surveillance',
  COMPLIANCE_REVIEW: 'Compliance proceedings',
  COMPLIANCE_REPORT_CIRCULATED: 'Compliance report circulated',
  COMPLIANCE_UNDER_APPEAL: 'Compliance report under appeal',
  COMPENSATION_NEGOTIATION: 'Compensation negotiations',
  RETALIATION_REQUESTED: 'Suspension of concessions requested',
  ARB_22_6: 'Arbitration on the level of suspension',
  SUSPENSION_AUTHORIZED: 'Suspension of concessions authorised',
  SETTLED_MAS: 'Settled by a mutually agreed solution',
  WITHDRAWN: 'Withdrawn',
  LAPSED: 'Lapsed',
  NOT_ADOPTED: 'Report not adopted (the body decided by consensus)',
  COMPLIED: 'Complied',
};

/**
 * Stages in which the dispute's clocks stand still, and the stage their time limits belong to is
 * the one before: the panel's work suspended (DSU 12.12), an appeal suspended by the parties.
 */
export const SUSPENDED_STAGES: readonly Stage[] = ['SUSPENDED', 'APPEAL_SUSPENDED'];

/**
 * The stages in which the body keeps implementation under surveillance (DSU 21.6): from the
 * reasonable period fixed until compliance, whatever follows meanwhile (compliance proceedings,
 * compensation, retaliation; DSU 22.8 keeps it on the agenda).
 */
export const SURVEILLANCE_STAGES: readonly Stage[] = [
  'IMPLEMENTATION_SURVEILLANCE',
  'COMPLIANCE_REVIEW',
  'COMPLIANCE_REPORT_CIRCULATED',
  'COMPLIANCE_UNDER_APPEAL',
  'COMPENSATION_NEGOTIATION',
  'RETALIATION_REQUESTED',
  'ARB_22_6',
  'SUSPENSION_AUTHORIZED',
];
