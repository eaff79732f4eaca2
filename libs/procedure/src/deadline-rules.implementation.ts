import type { DeadlineRuleCode, DeadlineRuleData } from './deadline-rules';

/**
 * Time limits from adoption to compliance or retaliation (DSU 21–22).
 * Defaults (see `DeadlineRuleData`): counted from the transition that opens the row, opened as a
 * row, not extendable by the parties.
 */
export const IMPLEMENTATION_PHASE_RULES = {
  RPT_INTENTIONS: {
    article: 'DSU 21.3',
    description: 'The respondent states its implementation intentions within 30 days of adoption.',
    length: { unit: 'DAYS', value: 30 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'RESPONDENT',
    countedFrom: 'adoption of the report',
    onExpiry: 'The overrun is recorded; the reasonable period is still to be determined.',
  },
  RPT_AGREEMENT: {
    article: 'DSU 21.3(b)',
    description: 'The parties may agree on the reasonable period within 45 days of adoption.',
    length: { unit: 'DAYS', value: 45 },
    kind: 'WINDOW',
    strength: 'HARD',
    binds: 'PARTIES',
    countedFrom: 'adoption of the report',
    onExpiry: 'The reasonable period is determined by binding arbitration.',
    extendable: true,
  },
  RPT_ARBITRATION: {
    article: 'DSU 21.3(c)',
    description: 'The arbitrator determines the reasonable period within 90 days of adoption.',
    length: { unit: 'DAYS', value: 90 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'ARBITRATOR',
    countedFrom: 'adoption of the report',
    anchor: 'REPORT_ADOPTED',
    onExpiry: 'The overrun is recorded.',
    extendable: true, // parties routinely agree to a later award
  },
  RPT_GUIDELINE: {
    article: 'DSU 21.3(c)',
    description: 'An arbitrated reasonable period should not exceed 15 months from adoption.',
    length: { unit: 'MONTHS', value: 15 },
    kind: 'DEADLINE',
    strength: 'GUIDELINE',
    binds: 'ARBITRATOR',
    countedFrom: 'adoption of the report',
    anchor: 'REPORT_ADOPTED',
    onExpiry: 'A guideline for the arbitrator; it may be shorter or longer.',
    tracked: false, // a bound on the award, not a period anyone waits for
  },
  IMPLEMENTATION_PERIOD: {
    article: 'DSU 21.3',
    description: 'The respondent complies by the last day of the reasonable period of time.',
    length: { unit: 'DAYS', value: 0 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'RESPONDENT',
    countedFrom: 'the end of the reasonable period (agreed or arbitrated)',
    anchor: 'RPT_END',
    onExpiry: 'Compensation or suspension of concessions (DSU 22.2).',
    extendable: true, // parties often agree to extend the reasonable period
  },
  SURVEILLANCE_AGENDA: {
    article: 'DSU 21.6',
    description: 'Implementation goes on the body\'s agenda 6 months after the period is fixed.',
    length: { unit: 'MONTHS', value: 6 },
    kind: 'WAITING_PERIOD',
    strength: 'HARD',
    binds: 'BODY',
    countedFrom: 'the date the reasonable period was fixed',
    onExpiry: 'The issue stays on every meeting\'s agenda until resolved.',
  },
  STATUS_REPORT_NOTICE: {
    article: 'DSU 21.6',
    description: 'The respondent files a status report at least 10 days before each meeting.',
    length: { unit: 'DAYS', value: 10 },
    kind: 'ADVANCE_NOTICE',
    strength: 'HARD',
    binds: 'RESPONDENT',
    countedFrom: 'each body meeting with implementation on its agenda (backwards)',
    onExpiry: 'The report is late; the issue stays on the agenda.',
    // Opened by the body's meeting calendar (one row per meeting), not by a transition.
  },
  COMPLIANCE_REPORT: {
    article: 'DSU 21.5',
    description: 'The compliance panel circulates its report within 90 days of referral.',
    length: { unit: 'DAYS', value: 90 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'PANEL',
    countedFrom: 'referral of the matter to the compliance panel',
    onExpiry: 'The panel informs the body of the reasons and an estimate.',
  },
  COMPENSATION_AGREEMENT: {
    article: 'DSU 22.2',
    description: 'Compensation may be agreed within 20 days after the reasonable period ends.',
    length: { unit: 'DAYS', value: 20 },
    kind: 'WINDOW',
    strength: 'HARD',
    binds: 'PARTIES',
    countedFrom: 'the end of the reasonable period',
    anchor: 'RPT_END',
    onExpiry: 'The complainant may request authorisation to suspend concessions.',
  },
  RETALIATION_AUTHORIZATION: {
    article: 'DSU 22.6',
    description: 'The body authorises suspension within 30 days after the reasonable period ends.',
    length: { unit: 'DAYS', value: 30 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'BODY',
    countedFrom: 'the end of the reasonable period',
    anchor: 'RPT_END',
    onExpiry: 'The overrun is recorded.',
  },
  RETALIATION_ARBITRATION: {
    article: 'DSU 22.6',
    description:
      'Arbitration on the level of suspension ends within 60 days after the period ends.',
    length: { unit: 'DAYS', value: 60 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'ARBITRATOR',
    countedFrom: 'the end of the reasonable period',
    anchor: 'RPT_END',
    onExpiry: 'The overrun is recorded; no suspension until the award.',
    extendable: true, // arbitrations are often suspended by agreement (sequencing)
  },
} satisfies Partial<Record<DeadlineRuleCode, DeadlineRuleData>>;
