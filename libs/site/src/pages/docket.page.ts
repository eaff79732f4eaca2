import { formatDay } from '@app/i18n';
import { STAGES, Stage } from '@app/procedure';
import { html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';
import { MemberRef, dayOf, disputePath, filedText, memberLabel, memberList, none, notices, pager, table } from './parts';

const PAGE_SIZE = 25;

// The docket's one query: the fields a reader sees (title and docket texts in one place, for the
// languages to come), the filter and the cursor as variables.
const QUERY = `query PublicDocket($first: Int!, $after: String, $filter: DisputeFilter, $language: String) {
  timeZone
  disputes(first: $first, after: $after, filter: $filter) {
    nodes {
      docketNumber title(language: $language) language languages stage filedAt
      complainant { code name } respondents { code name }
      nextDeadline { dueDate article description(language: $language) }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface DocketData {
  timeZone: string;
  disputes: {
    nodes: {
      docketNumber: string;
      title: string;
      language: string;
      languages: string[];
      stage: string;
      filedAt: string;
      complainant: MemberRef;
      respondents: MemberRef[];
      nextDeadline: { dueDate: string; article: string; description: string } | null;
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The docket's filters as the reader gave them in the query string: text as typed, not yet checked. */
export interface DocketParams {
  q?: string;
  member?: string;
  stage?: string;
  year?: string;
  after?: string;
}

/** The filters the docket applies, and what it could not apply (each said on the page). */
export interface DocketFilter {
  text: string | null;
  member: MemberRef | null;
  stage: Stage | null;
  year: number | null;
  problems: { key: string; value: string }[];
}

// Control characters cannot be stored nor searched (the API refuses them): a filter drops them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\ud800-\udfff]/g;

/**
 * Checks the filters before any query: an unknown stage, a code that is not one, a year out of
 * the calendar's range are dropped and named on the page, never a server error. Whether a
 * well-formed member code is a member is the API's to say (`memberOf`).
 */
export function checkDocketParams(params: DocketParams, memberOf: (code: string) => MemberRef | null): DocketFilter {
  const problems: { key: string; value: string }[] = [];
  const text = params.q?.replace(CONTROL, '').trim() || null;
  let stage: Stage | null = null;
  if (params.stage) {
    if ((STAGES as readonly string[]).includes(params.stage)) stage = params.stage as Stage;
    else problems.push({ key: 'site.docket.unknownStage', value: params.stage });
  }
  let year: number | null = null;
  if (params.year) {
    if (/^\d{4}$/.test(params.year) && Number(params.year) >= 1900 && Number(params.year) <= 2999) year = Number(params.year);
    else problems.push({ key: 'site.docket.badYear', value: params.year });
  }
  let member: MemberRef | null = null;
  if (params.member) {
    const code = params.member.trim().toUpperCase();
    member = /^[A-Z]{3}$/.test(code) ? memberOf(code) : null;
    if (!member) problems.push({ key: 'site.docket.unknownMember', value: params.member });
  }
  return { text, member, stage, year, problems };
}

/** The member codes a docket link may name, looked up by the caller: only a well-formed code is asked about. */
export function memberCodeOf(params: DocketParams): string | null {
  const code = params.member?.trim().toUpperCase() ?? '';
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/** The query string of the docket with these filters (and no cursor): the links of its pages and of the form. */
function filterParams(filter: DocketFilter): Record<string, string | number | null> {
  return { q: filter.text, member: filter.member?.code ?? null, stage: filter.stage, year: filter.year };
}

function variablesOf(filter: DocketFilter, after: string | null): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (filter.text) f.text = filter.text;
  if (filter.member) f.member = filter.member.code;
  if (filter.stage) f.stage = filter.stage;
  if (filter.year) {
    f.filedFrom = `${filter.year}-01-01`;
    f.filedTo = `${filter.year}-12-31`;
  }
  return { first: PAGE_SIZE, after, filter: f };
}

/** The docket: every public dispute, newest filing first, filtered, a page at a time. */
export function docketPage(filter: DocketFilter, after: string | null, expired = false): PageSpec<DocketData> {
  return {
    query: QUERY,
    variables: variablesOf(filter, after),
    // A cursor this API did not issue (edited by hand, cut short): the first page, saying so.
    invalid: () => docketPage(filter, null, true),
    render: ({ data, t, language }: PageContext<DocketData>) => {
      const params = filterParams(filter);
      const messages = [...filter.problems.map((p) => t(p.key, { value: p.value })), ...(expired ? [t('site.pager.expired')] : [])];
      const filtered = filter.text || filter.member || filter.stage || filter.year;
      const caption = filtered
        ? t('site.docket.captionFiltered', {
            filters: [
              filter.text ? t('site.docket.byText', { text: filter.text }) : null,
              filter.member ? t('site.docket.byMember', { member: memberLabel(filter.member) }) : null,
              filter.stage ? t(`stage.${filter.stage}`) : null,
              filter.year ? t('site.docket.byYear', { year: String(filter.year) }) : null,
            ]
              .filter(Boolean)
              .join(' · '),
          })
        : t('site.docket.caption');
      const rows = data.disputes.nodes.map((d) => [
        html`<a href="${href(language, disputePath(d.docketNumber))}">${d.docketNumber}</a>`,
        filedText(language, d.title, d),
        t(`stage.${d.stage}`),
        html`${memberLabel(d.complainant)}<br /><span class="muted">${t('site.docket.against', { respondents: memberList(d.respondents) })}</span>`,
        dayOf(language, d.filedAt, data.timeZone),
        d.nextDeadline
          ? html`<time datetime="${d.nextDeadline.dueDate}">${formatDay(language, d.nextDeadline.dueDate)}</time><br /><span
                class="muted"
                >${d.nextDeadline.description} (${d.nextDeadline.article})</span
              >`
          : t('site.docket.noLimit'),
      ]);
      return {
        title: t('site.nav.docket'),
        links: { atom: '/feeds/docket.atom' },
        body: html`${notices(messages)}
          <form class="filters" method="get" action="/" role="search" aria-label="${t('site.docket.filters')}">
            <input type="hidden" name="lang" value="${language}" />
            <label
              >${t('site.docket.text')}
              <input type="search" name="q" value="${filter.text ?? ''}" maxlength="200" />
            </label>
            <label
              >${t('site.docket.member')}
              <input type="text" name="member" value="${filter.member?.code ?? ''}" maxlength="3" size="5" autocapitalize="characters" />
            </label>
            <label
              >${t('site.docket.stage')}
              <select name="stage">
                <option value="">${t('site.docket.anyStage')}</option>
                ${STAGES.map((s) => html`<option value="${s}" ${s === filter.stage ? html`selected` : null}>${t(`stage.${s}`)}</option>`)}
              </select>
            </label>
            <label
              >${t('site.docket.year')}
              <input type="number" name="year" value="${filter.year ?? ''}" min="1900" max="2999" step="1" />
            </label>
            <button type="submit">${t('site.docket.apply')}</button>
            ${filtered ? html`<a href="${href(language, '/')}">${t('site.docket.clear')}</a>` : null}
          </form>
          ${
            data.disputes.nodes.length
              ? table(
                  caption,
                  [
                    t('site.docket.number'),
                    t('site.docket.title'),
                    t('site.docket.stage'),
                    t('site.docket.parties'),
                    t('site.docket.filed'),
                    t('site.docket.nextLimit'),
                  ],
                  rows,
                )
              : none(t('site.docket.empty'))
          }
          ${pager(t, '/', params, data.disputes.pageInfo, expired ? null : after)}`,
      };
    },
  };
}
