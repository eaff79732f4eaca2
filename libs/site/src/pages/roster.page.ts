import { html } from '../html';
import { PageContext, PageSpec } from '../site-pages';
import { none, notices, pager, table } from './parts';

const QUERY = `query PublicRoster($first: Int!, $after: String) {
  roster(first: $first, after: $after) {
    nodes { id name nationality expertise languages available cvPath }
    pageInfo { hasNextPage endCursor }
  }
  appellateMembers { name nationality }
}`;

interface RosterData {
  roster: {
    nodes: {
      id: string;
      name: string;
      nationality: string;
      expertise: string[];
      languages: string[];
      available: boolean;
      cvPath: string | null;
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  appellateMembers: { name: string; nationality: string }[];
}

/** The indicative list of panelists (DSU 8.4), by name, and the standing appellate body (DSU 17.1). */
export function rosterPage(after: string | null, expired = false): PageSpec<RosterData> {
  return {
    query: QUERY,
    variables: { first: 50, after },
    invalid: () => rosterPage(null, true),
    render: ({ data, t }: PageContext<RosterData>) => ({
      title: t('site.nav.roster'),
      body: html`${notices(expired ? [t('site.pager.expired')] : [])}
        <p>${t('site.roster.intro')}</p>
        ${
          data.roster.nodes.length
            ? table(
                t('site.roster.caption'),
                [
                  t('site.roster.name'),
                  t('site.roster.nationality'),
                  t('site.roster.expertise'),
                  t('site.roster.languages'),
                  t('site.roster.available'),
                ],
                data.roster.nodes.map((p) => [
                  p.cvPath ? html`${p.name} <a href="${p.cvPath}">${t('site.roster.cv', { name: p.name })}</a>` : p.name,
                  p.nationality,
                  p.expertise.join(', '),
                  p.languages.join(', '),
                  t(p.available ? 'site.roster.yes' : 'site.roster.no'),
                ]),
              )
            : none(t('site.roster.empty'))
        }
        ${pager(t, '/roster', {}, data.roster.pageInfo, expired ? null : after)}
        <h2>${t('site.roster.appellate')}</h2>
        ${
          data.appellateMembers.length
            ? table(
                t('site.roster.appellateCaption'),
                [t('site.roster.name'), t('site.roster.nationality')],
                data.appellateMembers.map((m) => [m.name, m.nationality]),
              )
            : none(t('site.roster.noAppellate'))
        }`,
    }),
  };
}
