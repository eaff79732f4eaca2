// The English sentences the docket wrote before its entries were kept as a message with parameters
// (migration 1795790000000-DocketEntryParams), taken apart again: each known shape is a regular
// expression built from the sentence as it was then written, and gives the message of the docket
// catalogue and the parameters that render the same English sentence. Frozen with the migration:
// later changes to the catalogue do not change how the old entries were read. Pure: no imports.

/** A parameter as the docket keeps it (libs/registry/src/docket/docket-text.ts). */
type Param = string | number | boolean | null | string[];
export interface LegacyMessage {
  message: string;
  params: Record<string, Param>;
}

// The procedure engine's sentences, by action, as written up to this migration ({actor} is the
// member or the organ that acted; {rule} a limit and its article; the others days).
const STEPS: Record<string, string> = {
  circulateRequest: 'The request for consultations was circulated to the members; they may ask to join the consultations within 10 days.',
  replyToRequest: '{actor} replied to the request for consultations.',
  enterConsultations: 'Consultations began.',
  joinAsThirdParty: '{actor} asked to join the consultations as a third party.',
  acceptJoinRequest: "The respondent accepted a member's request to join the consultations.",
  rejectJoinRequest: "The respondent rejected a member's request to join the consultations.",
  agreeEarlyPanelRequest: '{actor} recorded that it considers consultations to have failed.',
  requestPanel: '{actor} requested the establishment of a panel.',
  deferPanelRequest: '{actor} deferred consideration of its panel request; the meeting does not count towards establishment (DSU 6.1).',
  requestBodyMeeting: '{actor} asked for a meeting of the body on its panel request.',
  recordBodyMeeting: 'The body met with the panel request on its agenda; the panel was not established (first meeting, DSU 6.1).',
  establishPanel: 'The body established a panel.',
  offerGoodOffices: 'Good offices, conciliation or mediation began.',
  endGoodOffices: 'Good offices, conciliation or mediation ended.',
  recordExtension: 'The parties agreed to extend {rule} to {untilDay}.',
  notifyMutuallyAgreedSolution: 'The parties notified a mutually agreed solution ({actor} filed the notification).',
  withdraw: '{actor} withdrew its complaint.',
  joinPanelAsThirdParty: '{actor} notified its substantial interest and joined the panel proceedings as a third party.',
  agreeTermsOfReference: 'The parties agreed special terms of reference.',
  agreeFivePanelists: 'The parties agreed that the panel will have five panelists.',
  requestDgAppointment: '{actor} asked the Director-General to determine the composition of the panel.',
  openPanelElection: 'The secretariat opened the election of the panel.',
  composePanel: 'The panel was composed.',
  fixTimetable: 'The panel fixed its timetable.',
  adjustTimetable: 'The panel moved {rule} of its timetable to {untilDay}.',
  holdFirstMeeting: 'The panel held its first substantive meeting with the parties.',
  holdSecondMeeting: 'The panel held its second substantive meeting with the parties.',
  dispenseWithFirstMeeting: 'The panel decided not to hold the first substantive meeting.',
  dispenseWithSecondMeeting: 'The panel decided not to hold the second substantive meeting.',
  requestSuspension: '{actor} asked the panel to suspend its work.',
  suspend: "The panel suspended its work at the complainant's request.",
  resume: "The panel resumed its work ({actor}'s request).",
  lapse: "The panel's work was suspended for more than 12 months; its authority lapsed.",
  issueDescriptivePart: 'The panel issued the descriptive part of its report to the parties.',
  commentOnDescriptivePart: '{actor} commented on the descriptive part (DSU 15.1).',
  issueInterimReport: 'The panel issued its interim report to the parties.',
  commentOnInterimReport: '{actor} asked the panel to review parts of the interim report (DSU 15.2).',
  issueFinalReport: 'The panel issued its final report to the parties.',
  informBodyOfDelay: 'The panel informed the body that its report will be late, with an estimate.',
  circulateReport: 'The panel report was circulated to the members.',
  appeal: '{actor} notified its decision to appeal.',
  crossAppeal: '{actor} appealed too (other appellant).',
  informBodyOfAppellateDelay: 'The appellate body informed the body that its report will be late (DSU 17.5).',
  suspendAppeal: "The appeal was suspended at the parties' joint request.",
  resumeAppeal: 'The appeal resumed.',
  circulateAppellateReport: 'The appellate report was circulated to the members.',
  adoptReport: 'The body adopted the panel report.',
  adoptAppellateReport: 'The body adopted the appellate report and the panel report as modified by it.',
  decideNotToAdopt: 'The body decided by consensus not to adopt the report.',
  adoptReportAutomatically:
    'Sixty days passed since circulation without an appeal or a decision not to adopt: the report is adopted as of {effectiveDay} (DSU 16.4).',
  adoptAppellateReportAutomatically:
    'Thirty days passed since the appellate report was circulated without a decision not to adopt: the reports are adopted as of {effectiveDay} (DSU 17.14).',
  stateImplementationIntentions: '{actor} stated its intentions on implementation.',
  agreeRpt: 'The reasonable period of time for implementation was agreed: it ends on {rptEndsDay}.',
  arbitrateRpt: '{actor} referred the reasonable period of time to binding arbitration.',
  fixRpt: 'The arbitrator determined the reasonable period of time for implementation: it ends on {rptEndsDay}.',
  fileStatusReport: '{actor} filed a status report on implementation.',
  requestComplianceReview: '{actor} requested compliance proceedings (DSU 21.5).',
  referComplianceReview: 'The body referred the matter to the original panel (DSU 21.5).',
  issueComplianceReport: 'The compliance panel issued its report to the parties.',
  circulateComplianceReport: 'The compliance panel report was circulated to the members.',
  appealComplianceReport: '{actor} appealed the compliance panel report.',
  adoptComplianceReport: 'The body adopted the compliance report; surveillance continues.',
  adoptComplianceAppellateReport:
    'The body adopted the appellate report and the compliance report as modified by it; surveillance continues.',
  decideNotToAdoptComplianceReport: 'The body decided by consensus not to adopt the compliance report; surveillance continues.',
  adoptComplianceReportAutomatically:
    'Sixty days passed since circulation without an appeal or a decision not to adopt: the compliance report is adopted as of {effectiveDay} (DSU 21.5, 16.4).',
  adoptComplianceAppellateReportAutomatically:
    'Thirty days passed since the appellate report was circulated without a decision not to adopt: the reports are adopted as of {effectiveDay} (DSU 21.5, 17.14).',
  requestCompensation: '{actor} asked to negotiate compensation.',
  agreeCompensation: 'The parties agreed on compensation.',
  requestRetaliation: '{actor} requested authorisation to suspend concessions.',
  objectToRetaliationLevel: '{actor} objected to the level of suspension; the matter went to arbitration.',
  decideRetaliationLevel: 'The arbitrator decided on the level of suspension.',
  authorizeSuspension: 'The body authorised the suspension of concessions.',
  declareCompliance: 'The body recorded that the recommendations have been complied with.',
};

const ORGANS: Record<string, string> = {
  'the secretariat': 'SECRETARIAT',
  'the panel': 'PANEL',
  'the body': 'BODY',
  'the system': 'SYSTEM',
  'a member': 'MEMBER',
};

const NUMBERS = new Set([
  'meetingPresent',
  'meetingMembers',
  'turnout',
  'electorate',
  'quorumPercent',
  'seats',
  'candidateCount',
  'voters',
  'findings',
  'rosterSize',
  'attended',
  'participants',
]);
const LISTS = new Set(['respondents', 'candidates', 'elected', 'division']);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The template's literal text escaped, each `{name}` a named group (a day, or any text, lazily). */
function pattern(template: string): string {
  return template
    .split(/(\{[a-zA-Z]+\})/)
    .map((part) => {
      const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
      if (!name) return escape(part);
      return name.endsWith('Day') ? `(?<${name}>\\d{4}-\\d{2}-\\d{2})` : `(?<${name}>.+?)`;
    })
    .join('');
}

const MEETING =
  ' Meeting of the body of (?<meetingDay>\\d{4}-\\d{2}-\\d{2}), (?<meetingPresent>\\d+) of (?<meetingMembers>\\d+) members present; recorded by the secretariat\\.';
const ANSWERED = ' Requests for its summary answered: (?<answeredList>.+)\\.';
const MOVE = /^(?<rule>[A-Z0-9_]+) \((?<article>.+?)\) is now due (?<toDay>\d{4}-\d{2}-\d{2}) instead of (?<fromDay>\d{4}-\d{2}-\d{2})$/;

interface Shape {
  message: string;
  regex: RegExp;
  /** Fixed parameters the shape implies (`urgent: true`). */
  fixed?: Record<string, Param>;
}

function shape(message: string, template: string, suffix = '', fixed?: Record<string, Param>): Shape {
  return { message, regex: new RegExp(`^${pattern(template)}${suffix}$`, 's'), fixed };
}

// The most specific first: the engine's steps take a note after them, so they come last.
const SHAPES: Shape[] = [
  shape('docket.correction', 'Correction of entry {seq}: {text}'),
  shape('docket.requestConsultations', '{complainant} requested consultations with {respondents} (urgent: DSU 4.8): {title}.', '', {
    urgent: true,
  }),
  shape('docket.requestConsultations', '{complainant} requested consultations with {respondents}: {title}.', '', { urgent: false }),
  shape('docket.joinConsultations', '{actor} asked to join the consultations (DSU 4.11).'),
  shape(
    'docket.joinPanelProceedings',
    '{actor} notified its substantial interest and joined the panel proceedings as a third party (DSU 10.2).',
  ),
  shape('docket.joinRequestAccepted', "{actor} accepted {member}'s request to join the consultations (DSU 4.11)."),
  shape('docket.joinRequestRejected', "{actor} rejected {member}'s request to join the consultations (DSU 4.11)."),
  shape('docket.deadlinesMoved.closed', 'Time limits moved because the body is closed on {closedDay} ({reason}): {moves}.'),
  shape('docket.deadlinesMoved.reopened', 'Time limits moved because {closedDay} ({reason}) is no longer a closed day: {moves}.'),
  shape(
    'docket.deadlinesMoved.service',
    'Time limits counted from receipt of the request for consultations, first served on {member} on {servedDay} (DSU 4.3, 4.7): {moves}.',
  ),
  shape(
    'docket.summaryMissed',
    'The time limit {rule} ({article}) ran out without the act it awaited: {author} has not given {requester} the non-confidential summary of its {documentKind} due {dueDay}.',
  ),
  shape('docket.deadlineMissed', 'The time limit {rule} ({article}) ran out without the act it awaited: {description}'),
  shape('docket.periodEnded', 'The period {rule} ({article}) ran its course: {description}'),
  shape(
    'docket.scheduleBodyMeeting',
    "The body meets on {heldDay} with this case on its agenda; the respondent's status report is due by {dueDay} (STATUS_REPORT_NOTICE, {article}).",
  ),
  shape('docket.fileSummary', '{actor} filed a non-confidential summary of its {documentKind} (DSU 18.2): "{title}".', `(?:${ANSWERED})?`),
  // The language commands' sentences (written from the languages migration, 1795790000100, up to
  // this one): the language by its English name.
  shape('docket.addDisputeTranslation', '{actor} filed the {language} text of the title and summary of the request for consultations.'),
  shape('docket.addDocumentVersion.withheld', '{actor} filed the {language} version of a {classification} document ({documentKind}).'),
  shape('docket.addDocumentVersion.public', '{actor} filed the {language} version of "{title}".'),
  shape('docket.fileDocument.withheld', '{actor} filed a {classification} document ({documentKind}).'),
  shape('docket.fileDocument.public', '{actor} filed "{title}".'),
  shape('docket.derestrictDocument', 'Derestricted "{title}"; it is now public.'),
  shape('docket.publishOwnSubmission', '{actor} made its {documentKind} public (DSU 18.2).', `(?:${ANSWERED})?`),
  shape(
    'docket.requestNonConfidentialSummary',
    '{requester} asked {author} for a non-confidential summary of its {documentKind} (DSU 18.2), due {dueDay}.',
  ),
  ...Object.entries(STEPS).map(([action, template]) =>
    shape(`docket.step.${action}`, template.charAt(0).toUpperCase() + template.slice(1), `(?:${MEETING})?(?: (?<note>.+))?`),
  ),
];

/** The working languages by the English names those sentences gave them. */
const LANGUAGE_CODES: Record<string, string> = {
  English: 'en',
  Chinese: 'zh',
  French: 'fr',
  Spanish: 'es',
  Russian: 'ru',
  Arabic: 'ar',
};

/** A document kind as the docket named it ("first written submission") back to its code. */
const kindCode = (label: string) => label.toUpperCase().replace(/ /g, '_');

function paramsOf(groups: Record<string, string | undefined>): Record<string, Param> {
  const params: Record<string, Param> = {};
  for (const [name, value] of Object.entries(groups)) {
    if (value === undefined) continue;
    if (name === 'actor' && ORGANS[value.toLowerCase()]) params.actorOrgan = ORGANS[value.toLowerCase()];
    else if (name === 'answeredList') {
      const items = value.split(', ').map((item) => /^(.+) \((in time|late)\)$/.exec(item));
      if (items.some((m) => !m)) throw new Error('not a list of answered requests');
      const matches = items as RegExpExecArray[];
      if (matches.some((m, i) => m[2] === 'in time' && matches.slice(0, i).some((n) => n[2] === 'late'))) {
        throw new Error('a late answer before one in time is not a shape the renderer writes');
      }
      const inTime = matches.filter((m) => m[2] === 'in time').map((m) => m[1]);
      const late = matches.filter((m) => m[2] === 'late').map((m) => m[1]);
      if (inTime.length) params.answered = inTime;
      if (late.length) params.answeredLate = late;
    } else if (name === 'moves') {
      params.moves = value.split('; ').map((item) => {
        const m = MOVE.exec(item);
        if (!m?.groups) throw new Error('not a moved limit');
        return [m.groups.rule, m.groups.article, m.groups.toDay, m.groups.fromDay].join('|');
      });
    } else if (name === 'documentKind') params.documentKind = kindCode(value);
    else if (name === 'classification') params.classification = value.toUpperCase();
    else if (name === 'language') {
      if (!LANGUAGE_CODES[value]) throw new Error('not a working language');
      params.language = LANGUAGE_CODES[value];
    } else if (NUMBERS.has(name)) params[name] = Number(value);
    else if (LISTS.has(name)) params[name] = value.split(', ');
    else params[name] = value;
  }
  return params;
}

/**
 * The message and parameters of an entry written as an English sentence; `docket.verbatim` with
 * the sentence itself when it is none of the known shapes (it is then shown as written, in English,
 * in every language).
 */
export function parseLegacyDocketText(text: string): LegacyMessage {
  for (const { message, regex, fixed } of SHAPES) {
    const match = regex.exec(text);
    if (!match) continue;
    try {
      return { message, params: { ...paramsOf(match.groups ?? {}), ...fixed } };
    } catch {
      continue;
    }
  }
  return { message: 'docket.verbatim', params: { text } };
}
