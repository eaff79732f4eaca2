// A docket entry as a message of the `docket` catalogue with its parameters, rendered in the
// reader's language when it is read (issue 17). Pure: no framework imports, so that the feeds, the
// notices, the site and the migration's round-trip test render an entry exactly as the API does.
import { DEFAULT_LANGUAGE, formatDay, formatInstant, translate, type Language, type MessageParams } from '@app/i18n';

/**
 * A parameter of a docket message: a plain value, kept as it was said when the entry was written
 * (a member's name as it then was, a day, a count, a DSU article). A list is a list of names.
 */
export type DocketParam = string | number | boolean | null | readonly string[];
export type DocketParams = Readonly<Record<string, DocketParam>>;

/** What `DocketService.append` takes and `docket_entries.message`/`params` keep. */
export interface DocketMessage {
  /** A key of the docket catalogue (libs/i18n/messages/<lang>/docket.json), e.g. `docket.fileDocument.public`. */
  readonly message: string;
  readonly params: DocketParams;
}

/** The organs that act in their own name; each has a name in the catalogue (`docket.organ.X`). */
export type DocketOrgan = 'SECRETARIAT' | 'PANEL' | 'BODY' | 'SYSTEM' | 'MEMBER';

/**
 * How a parameter is rendered depends on its name, so that a call site passes plain values and
 * the reader's language decides their form:
 *
 * - `actorOrgan` (`SECRETARIAT`, `PANEL`, `BODY`, `SYSTEM`, or `MEMBER` for a member unnamed) fills `{actor}` with the organ's name
 *   in the language; `actor` itself is a member's name and is never translated.
 * - `…Day` is a calendar day (`YYYY-MM-DD`) and `…At` an instant (ISO 8601). English keeps the
 *   ISO form the docket has always printed (searches and feeds match on it); every other language
 *   gets its own long date (`formatDay`), instants (`formatInstant`) in the zone of `timeZone`
 *   (`formerTimeZone` for a `former…At`) when the entry has one, else in UTC.
 * - `…Stage` is a stage (`stage.X`), `…DocumentKind` a kind of document, `…HearingKind` a kind of
 *   hearing, `classification` a classification: each through its own catalogue key.
 * - A list (names) is joined with the language's list separator.
 * - Anything else (a name, a title of a public document, a DSU article, a count, a seed, the
 *   secretariat's or a panel's free text) is shown as it was written: free text is not translated.
 *
 * Three parameters add a sentence after the message, as the docket has always written them: the
 * meeting of the body that took a decision (`meetingDay`, `meetingPresent`, `meetingMembers`), who
 * was present at an adoption meeting and who objected in time (`present`, `presentCount`,
 * `objecting`, `objectingCount`, `late`, `cutoffDay`: DSU 16.2, 16.4),
 * the summaries a filing answered (`answered`, `answeredLate`), and the actor's note (`note`,
 * reasons given in their own words, untranslated).
 */
function renderParam(name: string, value: DocketParam, language: Language, zone = 'UTC'): string | number | boolean | null {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const items = value as readonly string[];
    if (name === 'moves') return items.map((move) => renderMove(move, language)).join(MOVE_SEPARATOR[language]);
    return items.join(LIST_SEPARATOR[language]);
  }
  const text = value as string;
  const lower = name.toLowerCase();
  if (name.endsWith('Day') && /^\d{4}-\d{2}-\d{2}$/.test(text)) return language === DEFAULT_LANGUAGE ? text : formatDay(language, text);
  if (name.endsWith('At') && !Number.isNaN(Date.parse(text))) {
    if (language === DEFAULT_LANGUAGE) return text;
    const formatted = formatInstant(language, new Date(text), zone);
    return zone === 'UTC' ? `${formatted} UTC` : formatted;
  }
  if (lower.endsWith('stage')) return translate(language, `stage.${text}`);
  if (lower.endsWith('documentkind')) return translate(language, `docket.documentKind.${text}`);
  if (lower.endsWith('hearingkind')) return translate(language, `docket.hearingKind.${text}`);
  if (name === 'classification') return translate(language, `docket.classification.${text}`);
  return text;
}

const LIST_SEPARATOR: Record<Language, string> = { en: ', ', fr: ', ', es: ', ', ru: ', ', zh: '、', ar: '، ' };
const MOVE_SEPARATOR: Record<Language, string> = { en: '; ', fr: ' ; ', es: '; ', ru: '; ', zh: '；', ar: '؛ ' };

/**
 * A time limit moved, as a list item of `moves`: `RULE|article|new due day|former due day`, one
 * string so that the entry's parameters stay plain values.
 */
export function moveItem(rule: string, article: string, toDay: string, fromDay: string): string {
  return [rule, article, toDay, fromDay].join('|');
}

function renderMove(item: string, language: Language): string {
  const [rule, article, toDay, fromDay] = item.split('|');
  return translate(language, 'docket.limitMoved', {
    rule,
    article,
    toDay: renderParam('toDay', toDay ?? '', language) as string,
    fromDay: renderParam('fromDay', fromDay ?? '', language) as string,
  });
}
const SENTENCE_SEPARATOR: Record<Language, string> = { en: ' ', fr: ' ', es: ' ', ru: ' ', zh: '', ar: ' ' };

/** The parameters that add a sentence of their own after the message (see {@link renderParam}). */
export const ADDENDUM_PARAMS = [
  'meetingDay',
  'meetingPresent',
  'meetingMembers',
  'present',
  'presentCount',
  'objecting',
  'objectingCount',
  'late',
  'cutoffDay',
  'answered',
  'answeredLate',
  'note',
] as const;

/** The first letter in upper case: `{actor}` may open a sentence ("the secretariat …"). */
function capitalise(text: string, language: Language): string {
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}

/**
 * The entry's text in `language`: its message with its parameters, then its addenda. English is
 * the sentence the docket has always written, byte for byte (`docket_entries.text` keeps the
 * English rendition written at append time).
 */
export function renderDocketText(entry: DocketMessage, language: Language = DEFAULT_LANGUAGE): string {
  const params = entry.params ?? {};
  const values: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    // An instant is shown in the zone the entry names for it (a hearing's), else in UTC.
    const zone = params[name.startsWith('former') ? 'formerTimeZone' : 'timeZone'];
    const rendered = renderParam(name, value, language, typeof zone === 'string' ? zone : 'UTC');
    if (rendered !== null) values[name] = rendered;
  }
  if (typeof params.actorOrgan === 'string') values.actor = translate(language, `docket.organ.${params.actorOrgan}`);
  // The elected of an election, the chair marked as such in the language (`chair`: their name).
  if (Array.isArray(params.elected) && typeof params.chair === 'string') {
    const chair = params.chair;
    values.elected = (params.elected as string[])
      .map((name) => (name === chair ? translate(language, 'docket.chair', { name }) : name))
      .join(LIST_SEPARATOR[language]);
  }
  const sentences = [capitalise(translate(language, entry.message, values), language)];
  if (params.meetingDay) sentences.push(translate(language, 'docket.addendum.meeting', values));
  if (Array.isArray(params.present)) sentences.push(translate(language, 'docket.addendum.adoption', values));
  const answered = Array.isArray(params.answered) ? (params.answered as string[]) : [];
  const late = Array.isArray(params.answeredLate) ? (params.answeredLate as string[]) : [];
  if (answered.length || late.length) {
    const each = [
      ...answered.map((member) => translate(language, 'docket.addendum.answeredInTime', { member })),
      ...late.map((member) => translate(language, 'docket.addendum.answeredLate', { member })),
    ];
    // The sentence before ends the message without a space in English ("… (DSU 18.2). Requests …").
    sentences.push(translate(language, 'docket.addendum.summariesAnswered', { list: each.join(LIST_SEPARATOR[language]) }));
  }
  if (typeof params.note === 'string' && params.note) sentences.push(params.note);
  return sentences.join(SENTENCE_SEPARATOR[language]);
}

/** The entry as the docket keeps it when the message is a sentence it cannot take apart. */
export function verbatim(text: string): DocketMessage {
  return { message: 'docket.verbatim', params: { text } };
}
