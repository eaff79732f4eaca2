import { formatDay } from '@app/i18n';
import { html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';

const QUERY = `query PublicDocket($first: Int!) {
  disputes(first: $first) {
    nodes { docketNumber title stage filedAt complainant { code name } respondents { code name } }
  }
}`;

interface DocketData {
  disputes: {
    nodes: {
      docketNumber: string;
      title: string;
      stage: string;
      filedAt: string;
      complainant: { code: string; name: string };
      respondents: { code: string; name: string }[];
    }[];
  };
}

/** The docket: every public dispute, newest first. */
export function docketPage(): PageSpec<DocketData> {
  return {
    query: QUERY,
    variables: { first: 50 },
    render: ({ data, t, language }: PageContext<DocketData>) => ({
      title: t('site.nav.docket'),
      body: html`<table>
        <thead>
          <tr>
            <th scope="col">DS</th>
            <th scope="col">${t('site.nav.docket')}</th>
            <th scope="col">${t('site.nav.members')}</th>
            <th scope="col">${t('site.nav.calendar')}</th>
          </tr>
        </thead>
        <tbody>
          ${data.disputes.nodes.map(
            (d) =>
              html`<tr>
                <td><a href="${href(language, `/disputes/${d.docketNumber}`)}">${d.docketNumber}</a></td>
                <td>${d.title}<br /><span class="muted">${t(`stage.${d.stage}`)}</span></td>
                <td>${d.complainant.name} / ${d.respondents.map((r) => r.name).join(', ')}</td>
                <td>${formatDay(language, d.filedAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    }),
  };
}
