import { formatNumber } from '@app/i18n';
import { Html, html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';
import { FiledIn, dayOf, disputePath, filedText, none, notices, pager, table } from './parts';

const LIST_QUERY = `query PublicElections($first: Int!, $after: String, $language: String) {
  timeZone
  elections(first: $first, after: $after) {
    nodes { id kind status seats closesAt turnout electorateSize dispute { docketNumber title(language: $language) language languages } elected { name nationality } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface ElectionsData {
  timeZone: string;
  elections: {
    nodes: {
      id: string;
      kind: string;
      status: string;
      seats: number;
      closesAt: string;
      turnout: number | null;
      electorateSize: number;
      dispute: { docketNumber: string; title: string } & FiledIn;
      elected: { name: string; nationality: string }[];
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Every panel election, the latest closing first, with its result. */
export function electionsPage(after: string | null, expired = false): PageSpec<ElectionsData> {
  return {
    query: LIST_QUERY,
    variables: { first: 50, after },
    invalid: () => electionsPage(null, true),
    render: ({ data, t, language }: PageContext<ElectionsData>) => ({
      title: t('site.nav.elections'),
      body: html`${notices(expired ? [t('site.pager.expired')] : [])}
        <p>${t('site.elections.intro')}</p>
        ${
          data.elections.nodes.length
            ? table(
                t('site.elections.caption'),
                [
                  t('site.elections.election'),
                  t('site.calendar.dispute'),
                  t('site.elections.closes'),
                  t('site.elections.turnout'),
                  t('site.elections.elected'),
                ],
                data.elections.nodes.map((e) => [
                  html`<a href="${href(language, `/elections/${e.id}`)}">${t(`site.election.kind.${e.kind}`)}: ${t(`site.election.status.${e.status}`)}</a>`,
                  html`<a href="${href(language, disputePath(e.dispute.docketNumber))}">${e.dispute.docketNumber}</a> ${filedText(language, e.dispute.title, e.dispute)}`,
                  dayOf(language, e.closesAt, data.timeZone),
                  e.turnout === null
                    ? '—'
                    : t('site.elections.turnoutOf', {
                        turnout: formatNumber(language, e.turnout),
                        electorate: formatNumber(language, e.electorateSize),
                      }),
                  e.elected.length ? e.elected.map((p) => `${p.name} (${p.nationality})`).join(', ') : '—',
                ]),
              )
            : none(t('site.elections.empty'))
        }
        ${pager(t, '/elections', {}, data.elections.pageInfo, expired ? null : after)}`,
    }),
  };
}

const QUERY = `query PublicElection($id: ID!, $language: String) {
  timeZone
  election(id: $id) {
    id kind status seats rules quorumPercent opensAt closesAt closedAt seedHash seed electorateSize turnout ballotsPublished count
    dispute { docketNumber title(language: $language) language languages }
    candidates { name nationality }
    elected { name nationality }
  }
}`;

/** What the count of a published election says, stage by stage (libs/stv CountResult), as far as the page shows it. */
export interface CountData {
  quota: string;
  validBallots: number;
  invalidBallots: number;
  stages: {
    number: number;
    action: string;
    subject?: string;
    votes: Record<string, string>;
    exhausted: string;
    elected: string[];
    excluded: string[];
  }[];
}

interface ElectionData {
  timeZone: string;
  election: {
    id: string;
    kind: string;
    status: string;
    seats: number;
    rules: string;
    quorumPercent: number;
    opensAt: string;
    closesAt: string;
    closedAt: string | null;
    seedHash: string;
    seed: string | null;
    electorateSize: number;
    turnout: number | null;
    ballotsPublished: boolean;
    count: CountData | null;
    dispute: { docketNumber: string; title: string } & FiledIn;
    candidates: { name: string; nationality: string }[];
    elected: { name: string; nationality: string }[];
  };
}

/**
 * The count as a table: a row per candidate (the labels of the count), a column per stage, the
 * votes at the end of each stage, and the non-transferable papers; what each stage did in its header.
 */
export function countTable(t: PageContext<unknown>['t'], count: CountData): Html {
  const candidates = [...new Set(count.stages.flatMap((s) => Object.keys(s.votes)))];
  const headers = [
    t('site.election.candidate'),
    ...count.stages.map((s) =>
      t('site.election.stage', { n: s.number, action: t(`site.election.action.${s.action}`), subject: s.subject ?? '' }),
    ),
  ];
  const rows: (string | Html)[][] = candidates.map((c) => [
    c,
    ...count.stages.map((s) => {
      const mark = s.elected.includes(c)
        ? ` (${t('site.election.electedMark')})`
        : s.excluded.includes(c)
          ? ` (${t('site.election.excludedMark')})`
          : '';
      return `${s.votes[c] ?? '—'}${mark}`;
    }),
  ]);
  rows.push([t('site.election.exhausted'), ...count.stages.map((s) => s.exhausted)]);
  return table(t('site.election.countCaption', { quota: count.quota, valid: count.validBallots }), headers, rows);
}

const RULES_FLAG: Record<string, string> = { SCOTTISH_STV: 'scottish-stv', MEEK_STV: 'meek-stv' };

/** One election: its terms, the seed, the result, the count stage by stage and how to recount it. */
export function electionPage(id: string): PageSpec<ElectionData> {
  return {
    query: QUERY,
    variables: { id },
    render: ({ data, t, language }: PageContext<ElectionData>) => {
      const e = data.election;
      const day = (instant: string) => dayOf(language, instant, data.timeZone);
      const bltPath = `/elections/${e.id}/ballots.blt`;
      return {
        title: t('site.election.title', { kind: t(`site.election.kind.${e.kind}`), dispute: e.dispute.docketNumber }),
        body: html`<dl class="facts">
            <dt>${t('site.calendar.dispute')}</dt>
            <dd><a href="${href(language, disputePath(e.dispute.docketNumber))}">${e.dispute.docketNumber}: ${filedText(language, e.dispute.title, e.dispute)}</a></dd>
            <dt>${t('site.election.statusLabel')}</dt>
            <dd>${t(`site.election.status.${e.status}`)}</dd>
            <dt>${t('site.election.seats')}</dt>
            <dd>${formatNumber(language, e.seats)}</dd>
            <dt>${t('site.election.rules')}</dt>
            <dd>${t(`site.election.rules.${e.rules}`)}</dd>
            <dt>${t('site.election.period')}</dt>
            <dd>${day(e.opensAt)} – ${day(e.closesAt)}</dd>
            <dt>${t('site.elections.turnout')}</dt>
            <dd>
              ${
                e.turnout === null
                  ? t('site.election.turnoutUnknown', { electorate: formatNumber(language, e.electorateSize) })
                  : t('site.elections.turnoutOf', {
                      turnout: formatNumber(language, e.turnout),
                      electorate: formatNumber(language, e.electorateSize),
                    })
              }
              ${t('site.election.quorum', { percent: e.quorumPercent })}
            </dd>
            <dt>${t('site.election.seedHash')}</dt>
            <dd><code>${e.seedHash}</code></dd>
            ${e.seed ? html`<dt>${t('site.election.seed')}</dt><dd><code>${e.seed}</code></dd>` : null}
          </dl>
          <h2>${t('site.election.candidates')}</h2>
          <ul>
            ${e.candidates.map((c) => html`<li>${c.name} (${c.nationality})</li>`)}
          </ul>
          <h2>${t('site.elections.elected')}</h2>
          ${e.elected.length ? html`<ol>${e.elected.map((c) => html`<li>${c.name} (${c.nationality})</li>`)}</ol>` : none(t('site.election.noneElected'))}
          <h2>${t('site.election.count')}</h2>
          ${
            e.ballotsPublished && e.count
              ? html`${countTable(t, e.count)}
                <p><a href="${bltPath}">${t('site.election.blt')}</a></p>
                <h3>${t('site.election.recount')}</h3>
                <p>${t('site.election.recountText')}</p>
                <pre><code>npm run tally -- ballots.blt --rules ${RULES_FLAG[e.rules] ?? 'scottish-stv'} --seed ${e.seed ?? ''}</code></pre>`
              : none(t(e.status === 'OPEN' ? 'site.election.countOpen' : 'site.election.notPublished'))
          }`,
      };
    },
  };
}

/** The anonymised ballots as a BLT file, for the tally command; null when they are not published. */
export const BLT_QUERY = `query PublicBallots($id: ID!) { election(id: $id) { blt } }`;
export interface BltData {
  election: { blt: string | null };
}
