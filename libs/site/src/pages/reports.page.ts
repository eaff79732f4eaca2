import { html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';
import { findingsTable } from './dispute.page';
import { FiledIn, MemberRef, dayOf, disputePath, filedText, memberLabel, memberList, none, notices, pager } from './parts';

const QUERY = `query PublicReports($first: Int!, $after: String, $language: String) {
  timeZone
  adoptedReports(first: $first, after: $after) {
    nodes {
      dispute { docketNumber title(language: $language) language languages complainant { code name } respondents { code name } }
      report {
        versions { version proceeding title circulatedAt document { id title } findings { measure provision finding reasoning recommendation appellateOutcome { outcome reasoning } } separateOpinions { text } }
        meetings { heldAt outcome proceeding round }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface ReportsData {
  timeZone: string;
  adoptedReports: {
    nodes: {
      dispute: { docketNumber: string; title: string; complainant: MemberRef; respondents: MemberRef[] } & FiledIn;
      report: {
        versions: {
          version: string;
          proceeding: number;
          title: string;
          circulatedAt: string | null;
          document: { id: string; title: string } | null;
          findings: Parameters<typeof findingsTable>[2];
          separateOpinions: { text: string }[];
        }[];
        meetings: { heldAt: string; outcome: string; proceeding: number; round: string }[];
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The adopted reports, the latest filing first: each with its circulated versions, findings per claim and separate opinions. */
export function reportsPage(after: string | null, expired = false): PageSpec<ReportsData> {
  return {
    query: QUERY,
    variables: { first: 10, after },
    invalid: () => reportsPage(null, true),
    render: ({ data, t, language }: PageContext<ReportsData>) => ({
      title: t('site.nav.reports'),
      links: { atom: '/feeds/reports.atom' },
      body: html`${notices(expired ? [t('site.pager.expired')] : [])}
        ${
          data.adoptedReports.nodes.length
            ? data.adoptedReports.nodes.map(({ dispute: d, report }) => {
                const adopted = report.meetings.find((m) => m.outcome === 'ADOPTED');
                return html`<section>
                <h2><a href="${href(language, disputePath(d.docketNumber))}">${d.docketNumber}: ${filedText(language, d.title, d)}</a></h2>
                <p>
                  ${memberLabel(d.complainant)} — ${memberList(d.respondents)}${
                    adopted ? html`<br />${t('site.reports.adopted', { day: dayOf(language, adopted.heldAt, data.timeZone) })}` : null
                  }
                </p>
                ${report.versions
                  .filter((v) => v.circulatedAt)
                  .map(
                    (v) =>
                      html`<h3>${t(`site.report.version.${v.version}`)}${v.proceeding ? ` (${t('site.report.proceeding', { n: v.proceeding })})` : ''}</h3>
                        <p>
                          ${t('site.report.circulated', { day: dayOf(language, v.circulatedAt as string, data.timeZone) })}
                          ${v.document ? html` · <a href="/documents/${v.document.id}/content">${v.document.title}</a>` : null}
                        </p>
                        ${v.findings.length ? findingsTable(t, t('site.report.findingsCaption', { title: v.title }), v.findings) : null}
                        ${
                          v.separateOpinions.length
                            ? html`<h4>${t('site.report.opinions')}</h4>
                              ${v.separateOpinions.map((o) => html`<blockquote><p>${o.text}</p></blockquote>`)}`
                            : null
                        }`,
                  )}
              </section>`;
              })
            : none(t('site.reports.empty'))
        }
        ${pager(t, '/reports', {}, data.adoptedReports.pageInfo, expired ? null : after)}`,
    }),
  };
}
