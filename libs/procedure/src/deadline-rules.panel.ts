import type { DeadlineRuleCode, DeadlineRuleData } from './deadline-rules';

/**
 * Time limits from the request for consultations to the adoption of the reports (DSU 4–20).
 * Defaults (see `DeadlineRuleData`): counted from the transition that opens the row, opened as a
 * row, not extendable by the parties.
 */
export const PANEL_PHASE_RULES = {
  REPLY_TO_REQUEST: {
    article: 'DSU 4.3',
    description: 'The respondent replies to the request for consultations within 10 days.',
    length: { unit: 'DAYS', value: 10 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'RESPONDENT',
    countedFrom: 'receipt of the request for consultations',
    countedFromService: true, // from the respondent's receipt, once served on it
    onExpiry: 'The complainant may request a panel at once.',
    extendable: true, // DSU 4.3: "unless otherwise mutually agreed"
  },
  ENTER_CONSULTATIONS: {
    article: 'DSU 4.3, 4.8',
    description: 'Consultations begin within 30 days (10 days in cases of urgency).',
    length: { unit: 'DAYS', value: 30, urgent: 10 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'RESPONDENT',
    countedFrom: 'receipt of the request for consultations',
    countedFromService: true, // from the respondent's receipt, once served on it
    onExpiry: 'The complainant may request a panel at once.',
    extendable: true, // DSU 4.3: "or within a period otherwise mutually agreed"
  },
  EARLIEST_PANEL_REQUEST: {
    article: 'DSU 4.7, 4.8',
    description: 'A panel may be requested 60 days after the request (20 in cases of urgency).',
    length: { unit: 'DAYS', value: 60, urgent: 20 },
    kind: 'WAITING_PERIOD',
    strength: 'HARD',
    binds: 'COMPLAINANT',
    countedFrom: 'receipt of the request for consultations',
    countedFromService: true, // from the respondent's receipt, once served on it
    onExpiry: 'The complainant may request a panel; consultations may also go on for years.',
    extendable: true, // parties often agree to consult longer
  },
  THIRD_PARTY_CONSULTATIONS: {
    article: 'DSU 4.11',
    description: 'A member may ask to join the consultations within 10 days of circulation.',
    length: { unit: 'DAYS', value: 10 },
    kind: 'WINDOW',
    strength: 'HARD',
    binds: 'MEMBERS',
    countedFrom: 'circulation of the request for consultations',
    onExpiry: 'No further requests to join the consultations.',
  },
  GOOD_OFFICES_WAIT: {
    article: 'DSU 5.4',
    description:
      'Good offices begun within 60 days of the request: the complainant waits 60 days from ' +
      'the request before requesting a panel, unless both parties consider them failed.',
    length: { unit: 'DAYS', value: 60 },
    kind: 'WAITING_PERIOD',
    strength: 'HARD',
    binds: 'COMPLAINANT',
    countedFrom: 'receipt of the request for consultations',
    onExpiry: 'The complainant may request a panel.',
    tracked: false, // applied by the panel-request guard, from the good-offices date
  },
  PANEL_REQUEST_NOTICE: {
    article: 'DSB Rules of Procedure, rule 3; DSU 6.2',
    description: 'A panel request is on the agenda of a body meeting only if filed 11 days before.',
    length: { unit: 'DAYS', value: 11 },
    kind: 'ADVANCE_NOTICE',
    strength: 'HARD',
    binds: 'COMPLAINANT',
    countedFrom: 'the body meeting (backwards)',
    onExpiry: 'The request goes on the agenda of the following meeting.',
    tracked: false,
  },
  BODY_MEETING_ON_REQUEST: {
    article: 'DSU 6.1, footnote 5',
    description: "At the complainant's request, the body meets within 15 days.",
    length: { unit: 'DAYS', value: 15 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'BODY',
    countedFrom: "the complainant's request for a meeting",
    onExpiry: 'Nothing automatic; the overrun is recorded.',
  },
  PANEL_ESTABLISHMENT: {
    article: 'DSU 6.1',
    description:
      'The panel is established at the latest at the second body meeting at which the request ' +
      'is on the agenda, unless the body decides by consensus not to.',
    length: { unit: 'BODY_MEETINGS', value: 2 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'BODY',
    countedFrom: 'the first body meeting with the request on its agenda',
    onExpiry: 'Established at the second meeting (negative consensus), recorded by the secretariat.',
    tracked: false, // counted in meetings: see recordBodyMeeting and establishPanel
  },
  TERMS_OF_REFERENCE: {
    article: 'DSU 7.1',
    description: 'Special terms of reference may be agreed within 20 days of establishment.',
    length: { unit: 'DAYS', value: 20 },
    kind: 'WINDOW',
    strength: 'HARD',
    binds: 'PARTIES',
    countedFrom: 'establishment of the panel',
    onExpiry: 'The standard terms of reference apply.',
  },
  FIVE_PANELISTS: {
    article: 'DSU 8.5',
    description: 'The parties may agree on five panelists within 10 days of establishment.',
    length: { unit: 'DAYS', value: 10 },
    kind: 'WINDOW',
    strength: 'HARD',
    binds: 'PARTIES',
    countedFrom: 'establishment of the panel',
    onExpiry: 'The panel has three panelists.',
  },
  THIRD_PARTY_PANEL: {
    article: 'DSU 10.2',
    description:
      'A member with a substantial interest notifies it within 10 days of establishment ' +
      '(a practice of the body, not DSU text: verify before relying on it).',
    length: { unit: 'DAYS', value: 10 },
    kind: 'WINDOW',
    strength: 'HARD',
    binds: 'MEMBERS',
    countedFrom: 'establishment of the panel',
    onExpiry: 'No further third parties in the panel proceedings.',
  },
  PANEL_COMPOSITION: {
    article: 'DSU 8.7',
    description: 'The parties agree on the panelists within 20 days of establishment.',
    length: { unit: 'DAYS', value: 20 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'PARTIES',
    countedFrom: 'establishment of the panel',
    onExpiry: 'Either party may ask the Director-General to appoint the panelists.',
    extendable: true, // parties commonly keep negotiating before turning to the DG
  },
  DG_APPOINTMENT: {
    article: 'DSU 8.7',
    description: 'The Director-General appoints the panelists within 10 days of the request.',
    length: { unit: 'DAYS', value: 10 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'DIRECTOR_GENERAL',
    countedFrom: "receipt of a party's request to the Director-General",
    onExpiry: 'Nothing automatic; the overrun is recorded.',
  },
  CANDIDATE_CHALLENGES: {
    article: 'DSU 8.6',
    description:
      "A party may challenge a candidate for cause within 15 days of establishment (the body's " +
      'rule, after the list procedure of RCEP Article 19.11); the panel is composed only once ' +
      'this period is over and every challenge is decided.',
    length: { unit: 'DAYS', value: 15 },
    kind: 'WINDOW',
    strength: 'HARD',
    binds: 'PARTIES',
    countedFrom: 'establishment of the panel',
    onExpiry: 'No further challenges; the panel may be composed once pending ones are decided.',
  },
  PANEL_REPORT: {
    article: 'DSU 12.8, 12.9',
    description:
      'As a general rule, the final report reaches the parties within 6 months of composition ' + '(3 months in cases of urgency).',
    length: { unit: 'MONTHS', value: 6, urgent: 3 },
    kind: 'DEADLINE',
    strength: 'GUIDELINE',
    binds: 'PANEL',
    countedFrom: 'composition of the panel and agreement on its terms of reference',
    onExpiry: 'The panel informs the body of the reasons and an estimate; no sanction.',
  },
  PANEL_CIRCULATION: {
    article: 'DSU 12.9',
    description: 'The report should be circulated within 9 months of establishment.',
    length: { unit: 'MONTHS', value: 9 },
    kind: 'DEADLINE',
    strength: 'GUIDELINE',
    binds: 'PANEL',
    countedFrom: 'establishment of the panel',
    onExpiry: 'No sanction; the overrun is recorded.',
  },
  SUSPENSION_LIMIT: {
    article: 'DSU 12.12',
    description: "Panel work suspended at the complainant's request may stay suspended 12 months.",
    length: { unit: 'MONTHS', value: 12 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'COMPLAINANT',
    countedFrom: "suspension of the panel's work",
    onExpiry: 'The authority for establishment of the panel lapses.',
  },
  ADOPTION_EARLIEST: {
    article: 'DSU 16.1',
    description: 'A panel report is not considered for adoption until 20 days after circulation.',
    length: { unit: 'DAYS', value: 20 },
    kind: 'WAITING_PERIOD',
    strength: 'HARD',
    binds: 'BODY',
    countedFrom: 'circulation of the panel report',
    onExpiry: 'The body may adopt the report.',
  },
  OBJECTION_NOTICE: {
    article: 'DSU 16.2',
    description: 'Objections to a report are filed at least 10 days before the adoption meeting.',
    length: { unit: 'DAYS', value: 10 },
    kind: 'ADVANCE_NOTICE',
    strength: 'HARD',
    binds: 'MEMBERS',
    countedFrom: 'the body meeting (backwards)',
    onExpiry: 'Late objections are not circulated for that meeting.',
    tracked: false,
  },
  PANEL_REPORT_ADOPTION: {
    article: 'DSU 16.4',
    description: 'The body adopts the report within 60 days of circulation unless it is appealed.',
    length: { unit: 'DAYS', value: 60 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'BODY',
    countedFrom: 'circulation of the panel report',
    onExpiry: 'Adopted (negative consensus) unless appealed.',
    extendable: true, // the body has extended it at the parties' joint request
  },
  CROSS_APPEAL: {
    article: 'DSU 17.4; Working Procedures for Appellate Review, rule 23',
    description: 'Another party may appeal too (a cross-appeal) within 5 days of the notice of appeal.',
    length: { unit: 'DAYS', value: 5 },
    kind: 'WINDOW',
    strength: 'HARD',
    binds: 'PARTIES',
    countedFrom: 'the notice of appeal',
    onExpiry: 'No further notices of appeal; the appeal is heard on the issues notified.',
    // The division may set another working schedule (Working Procedures, rule 16(2)); the
    // procedures once gave 15 days (1996).
    extendable: true,
  },
  APPELLATE_REPORT: {
    article: 'DSU 17.5',
    description: 'As a general rule, the appellate report is circulated within 60 days.',
    length: { unit: 'DAYS', value: 60 },
    kind: 'DEADLINE',
    strength: 'GUIDELINE',
    binds: 'APPELLATE_BODY',
    countedFrom: 'the notice of appeal',
    onExpiry: 'The appellate body informs the body of the reasons and an estimate.',
  },
  APPELLATE_REPORT_MAX: {
    article: 'DSU 17.5',
    description: 'In no case do appellate proceedings exceed 90 days.',
    length: { unit: 'DAYS', value: 90 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'APPELLATE_BODY',
    countedFrom: 'the notice of appeal',
    onExpiry: 'The overrun is recorded; without a quorum the appeal stays frozen.',
    extendable: true, // parties have agreed to longer appeals in practice
  },
  APPELLATE_REPORT_ADOPTION: {
    article: 'DSU 17.14',
    description: 'The body adopts the appellate report within 30 days of its circulation.',
    length: { unit: 'DAYS', value: 30 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'BODY',
    countedFrom: 'circulation of the appellate report',
    onExpiry: 'Adopted (negative consensus).',
  },
  ADOPTION_GUIDELINE: {
    article: 'DSU 20',
    description: 'From establishment to adoption should take no more than 9 months (no appeal).',
    length: { unit: 'MONTHS', value: 9 },
    kind: 'DEADLINE',
    strength: 'GUIDELINE',
    binds: 'BODY',
    countedFrom: 'establishment of the panel',
    onExpiry: 'No sanction; the overrun is recorded.',
    extendable: true, // DSU 20: "unless otherwise agreed to by the parties"
  },
  ADOPTION_GUIDELINE_APPEALED: {
    article: 'DSU 20',
    description: 'From establishment to adoption should take no more than 12 months on appeal.',
    length: { unit: 'MONTHS', value: 12 },
    kind: 'DEADLINE',
    strength: 'GUIDELINE',
    binds: 'BODY',
    countedFrom: 'establishment of the panel',
    onExpiry: 'No sanction; the overrun is recorded.',
    extendable: true, // DSU 20: "unless otherwise agreed to by the parties"
  },
  NON_CONFIDENTIAL_SUMMARY: {
    article: 'DSU 18.2',
    description:
      'Asked by a member, the party gives a non-confidential summary of its written submission within 30 days: ' +
      "DSU 18.2 sets no period, 30 days is the body's choice.",
    length: { unit: 'DAYS', value: 30 },
    kind: 'DEADLINE',
    strength: 'HARD',
    binds: 'PARTIES', // the party that filed the submission
    countedFrom: "a member's request for the summary",
    onExpiry: 'The overrun is recorded; a summary filed late leaves it missed.',
    // Opened by requestNonConfidentialSummary (documents), not by a transition: a row per request,
    // naming the document (subject_id), met by filing the summary, unaffected by the stage.
    tracked: true,
  },
} satisfies Partial<Record<DeadlineRuleCode, DeadlineRuleData>>;
