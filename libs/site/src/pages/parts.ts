import { Language, Translator, direction, formatDay, formatNumber, isLanguage, languageTag } from '@app/i18n';
import { FILING, dateIn, transitionFor } from '@app/procedure';
import { Html, HtmlValue, html } from '../html';
import { href } from '../layout';

/**
 * Pieces the public pages share: pure functions of their data and the translator, no framework,
 * unit-tested in parts.spec.ts.
 */

export interface MemberRef {
  code: string;
  name: string;
}

/**
 * The language a filed text (a title, a summary) reaches a page of `page` in: the page's own where
 * the text is given in it, else the filing language (the API answers `title(language:)` so).
 * `languages`: what the API lists for the text (Dispute.languages, Document.titleLanguages).
 */
export function textLanguage(page: Language, filed: FiledIn): string {
  return filed.languages.includes(page) ? page : filed.language;
}

/**
 * A filed text in its own language: when it is not the page's, marked with `lang` and `dir` so that
 * a screen reader reads it in its language and an English title sits left to right on an Arabic
 * page (WCAG 3.1.2, language of parts).
 */
export function inOwnLanguage(page: Language, text: string, language: string): HtmlValue {
  if (language === page || !isLanguage(language)) return text;
  return html`<span lang="${languageTag(language)}" dir="${direction(language)}">${text}</span>`;
}

/** A text as filed and the languages it is given in: `language`, and `languages` (the API's list for it). */
export interface FiledIn {
  language: string;
  languages: readonly string[];
}

/** A filed text asked for in the page's language, marked with its own language when it came in another. */
export function filedText(page: Language, text: string, filed: FiledIn): HtmlValue {
  return inOwnLanguage(page, text, textLanguage(page, filed));
}

/** "Kenya (KEN)": the name as the body records it, and the code readers search by. */
export function memberLabel(member: MemberRef): string {
  return `${member.name} (${member.code})`;
}

export function memberList(members: readonly MemberRef[]): string {
  return members.map(memberLabel).join(', ');
}

/** The day an instant falls on where the body sits (every limit of the procedure counts in its days), in the reader's locale. */
export function dayOf(language: Language, instant: string, timeZone: string): string {
  return formatDay(language, dateIn(new Date(instant), timeZone));
}

/** A local ISO time with its offset (`2026-05-04T10:00:00+02:00`) as the reader reads it: the day and the wall-clock time there. */
export function localTime(language: Language, local: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local);
  return match ? `${formatDay(language, match[1])} ${match[2]}` : local;
}

export function disputePath(docketNumber: string): string {
  return `/disputes/${docketNumber}`;
}

/** `DS7` and nothing else: the path parameter of a dispute's page, checked before any query. */
export function isDocketNumber(text: string): boolean {
  return /^DS[1-9]\d{0,8}$/.test(text);
}

export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

// The provisions of the steps the modules docket themselves (the engine's own carry theirs in
// TRANSITIONS): the panel's composition and challenges (DSU 8.6), its hearings (DSU 12.1 and
// Appendix 3), objections to adoption (DSU 16.2), the appellate division (DSU 17.1), summaries and
// disclosure of submissions (DSU 18.2).
const MODULE_ARTICLES: Record<string, string> = {
  challengeCandidate: 'DSU 8.6',
  decideChallenge: 'DSU 8.6',
  scheduleHearing: 'DSU 12.1',
  rescheduleHearing: 'DSU 12.1',
  cancelHearing: 'DSU 12.1',
  objectToAdoption: 'DSU 16.2',
  appellateDivisionDrawn: 'DSU 17.1',
  requestNonConfidentialSummary: 'DSU 18.2',
  publishOwnSubmission: 'DSU 18.2',
};

/** The provision a docket step rests on, when the step is one of the procedure's; null otherwise. */
export function articleOf(kind: string): string | null {
  if (kind === FILING.action) return FILING.article;
  return transitionFor(kind)?.article ?? MODULE_ARTICLES[kind] ?? null;
}

/** Bytes as a reader reads a file's size: "12 kB", in the reader's digits. */
export function fileSize(language: Language, bytes: number): string {
  if (bytes < 1000) return `${formatNumber(language, bytes)} B`;
  if (bytes < 1_000_000) return `${formatNumber(language, Math.round(bytes / 1000))} kB`;
  return `${formatNumber(language, Math.round(bytes / 100_000) / 10)} MB`;
}

export interface PageInfoData {
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Keyset paging as links: the first page, and the next one by its cursor. A cursor names the last
 * row seen (its sort key and id), so a link stays valid while rows are added: it never skips nor
 * repeats a row (README, Public pages).
 */
export function pager(
  t: Translator,
  path: string,
  params: Record<string, string | number | null | undefined>,
  pageInfo: PageInfoData,
  after: string | null,
): HtmlValue {
  if (!after && !pageInfo.hasNextPage) return null;
  const language = t.language;
  return html`<nav class="pager" aria-label="${t('site.pager.label')}">
    <ul>
      ${after ? html`<li><a href="${href(language, path, params)}">${t('site.pager.first')}</a></li>` : null}
      ${
        pageInfo.hasNextPage && pageInfo.endCursor
          ? html`<li><a rel="next" href="${href(language, path, { ...params, after: pageInfo.endCursor })}">${t('site.pager.next')}</a></li>`
          : null
      }
    </ul>
  </nav>`;
}

/** A table with its caption and column headers (scope="col"); each row's first cell is its header (scope="row"). */
export function table(caption: HtmlValue, headers: readonly string[], rows: readonly (readonly HtmlValue[])[]): Html {
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${headers.map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (cells) =>
          html`<tr>
            ${cells.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A paragraph saying there is nothing to list. */
export function none(text: string): Html {
  return html`<p class="muted">${text}</p>`;
}

/** A notice the page shows about the request itself (a filter it could not apply, a link that expired). */
export function notices(texts: readonly string[]): HtmlValue {
  return texts.map((text) => html`<p class="notice" role="status">${text}</p>`);
}
