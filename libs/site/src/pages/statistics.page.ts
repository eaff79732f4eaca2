import { formatInstant, formatNumber } from '@app/i18n';
import { bodyTimeZone, type Stage } from '@app/procedure';
import { stackedColumnChart, stageTimeChart } from '../charts/charts';
import { html } from '../html';
import { PageContext, PageSpec } from '../site-pages';
import { PHASES, daysText, limitInDays, limitText, phaseOf } from './reputation-parts';

const QUERY = `query PublicStatistics {
  statistics {
    asOf
    disputesPerStage { stage count }
    stages { stage completed ongoing medianDays p90Days limitArticle limitDays limitMonths overran overranShare }
    disputesPerYear { year stage count }
  }
}`;

interface StatisticsData {
  statistics: {
    asOf: string;
    disputesPerStage: { stage: Stage; count: number }[];
    stages: {
      stage: Stage;
      completed: number;
      ongoing: number;
      medianDays: number | null;
      p90Days: number | null;
      limitArticle: string | null;
      limitDays: number | null;
      limitMonths: number | null;
      overran: number | null;
      overranShare: number | null;
    }[];
    disputesPerYear: { year: number; stage: Stage; count: number }[];
  };
}

/** The statistics as charts drawn on the server, each followed by a table of the same figures. */
export function statisticsPage(): PageSpec<StatisticsData> {
  return {
    query: QUERY,
    render: ({ data, t, language }: PageContext<StatisticsData>) => {
      const s = data.statistics;
      const stages = s.stages.filter((row) => row.completed + row.ongoing > 0);
      const years = [...new Set(s.disputesPerYear.map((r) => r.year))].sort((a, b) => a - b);
      const perYear = years.map((year) => {
        const counts = PHASES.map((phase) =>
          s.disputesPerYear.filter((r) => r.year === year && phaseOf(r.stage) === phase).reduce((sum, r) => sum + r.count, 0),
        );
        return { year, counts, total: counts.reduce((a, b) => a + b, 0) };
      });
      const n = (value: number) => formatNumber(language, value);
      return {
        title: t('site.nav.statistics'),
        body: html`<p>${t('reputation.statistics.intro', { asOf: formatInstant(language, new Date(s.asOf), bodyTimeZone()) })}</p>
          <section aria-labelledby="time-heading">
            <h2 id="time-heading">${t('reputation.statistics.time.title')}</h2>
            ${
              stages.length
                ? html`<figure>
                    ${stageTimeChart(
                      { id: 'chart-time', title: t('reputation.statistics.time.title'), desc: t('reputation.statistics.time.desc') },
                      stages.map((row) => ({
                        label: t(`stage.${row.stage}`),
                        value: row.medianDays,
                        limit: limitInDays(row),
                        valueText: daysText(t, row.medianDays),
                      })),
                      { value: t('reputation.col.median'), limit: t('reputation.col.limit') },
                    )}
                  </figure>
                  <table>
                    <caption>${t('reputation.statistics.time.title')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">${t('reputation.col.stage')}</th>
                        <th scope="col">${t('reputation.col.median')}</th>
                        <th scope="col">${t('reputation.col.p90')}</th>
                        <th scope="col">${t('reputation.col.limit')}</th>
                        <th scope="col">${t('reputation.col.overran')}</th>
                        <th scope="col">${t('reputation.col.ended')}</th>
                        <th scope="col">${t('reputation.col.running')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${stages.map(
                        (row) =>
                          html`<tr>
                            <th scope="row">${t(`stage.${row.stage}`)}</th>
                            <td>${daysText(t, row.medianDays)}</td>
                            <td>${daysText(t, row.p90Days)}</td>
                            <td>${limitText(t, row)}</td>
                            <td>
                              ${
                                row.overranShare === null || row.overran === null
                                  ? '–'
                                  : `${n(row.overran)} (${formatNumber(language, row.overranShare, { style: 'percent', maximumFractionDigits: 0 })})`
                              }
                            </td>
                            <td>${n(row.completed)}</td>
                            <td>${n(row.ongoing)}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : html`<p>${t('reputation.none')}</p>`
            }
          </section>
          <section aria-labelledby="years-heading">
            <h2 id="years-heading">${t('reputation.statistics.years.title')}</h2>
            ${
              perYear.length
                ? html`<figure>
                    ${stackedColumnChart(
                      { id: 'chart-years', title: t('reputation.statistics.years.title'), desc: t('reputation.statistics.years.desc') },
                      PHASES.map((phase) => t(`reputation.phase.${phase}`)),
                      perYear.map((y) => ({ label: String(y.year), values: y.counts })),
                    )}
                  </figure>
                  <table>
                    <caption>${t('reputation.statistics.years.title')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">${t('reputation.col.year')}</th>
                        ${PHASES.map((phase) => html`<th scope="col">${t(`reputation.phase.${phase}`)}</th>`)}
                        <th scope="col">${t('reputation.col.total')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${perYear.map(
                        (y) =>
                          html`<tr>
                            <th scope="row">${y.year}</th>
                            ${y.counts.map((c) => html`<td>${n(c)}</td>`)}
                            <td>${n(y.total)}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : html`<p>${t('reputation.none')}</p>`
            }
          </section>
          <section aria-labelledby="now-heading">
            <h2 id="now-heading">${t('reputation.statistics.now.title')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t('reputation.col.stage')}</th>
                  <th scope="col">${t('reputation.col.disputes')}</th>
                </tr>
              </thead>
              <tbody>
                ${s.disputesPerStage
                  .filter((row) => row.count > 0)
                  .map(
                    (row) =>
                      html`<tr>
                        <th scope="row">${t(`stage.${row.stage}`)}</th>
                        <td>${n(row.count)}</td>
                      </tr>`,
                  )}
              </tbody>
            </table>
          </section>`,
      };
    },
  };
}
