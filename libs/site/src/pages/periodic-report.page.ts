import { formatDay, formatInstant, formatNumber, type Language, type Translator } from '@app/i18n';
import { bodyTimeZone, toIsoDate, type Stage } from '@app/procedure';
import { stageTimeChart } from '../charts/charts';
import { html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';
import { FiledIn, filedText } from './parts';
import { daysText, limitInDays, limitText, shareText } from './reputation-parts';

export const PERIODIC_REPORT_QUERY = `query PublicPeriodicReport($from: LocalDate!, $to: LocalDate!, $language: String) {
  periodicReport(from: $from, to: $to) {
    from to asOf filed settled withdrawn decided complied
    stages { stage ended medianDays limitArticle limitDays limitMonths overran counted }
    outstandingCompliance { docketNumber title(language: $language) language languages respondents adoptedAt stage }
    elections { held failed turnoutShare elections { docketNumber kind status closedAt electorateSize turnout } }
  }
}`;

export interface PeriodicReportData {
  periodicReport: {
    from: string;
    to: string;
    asOf: string;
    filed: number;
    settled: number;
    withdrawn: number;
    decided: number;
    complied: number;
    stages: {
      stage: Stage;
      ended: number;
      medianDays: number | null;
      limitArticle: string | null;
      limitDays: number | null;
      limitMonths: number | null;
      overran: number | null;
      counted: number | null;
    }[];
    outstandingCompliance: ({ docketNumber: string; title: string; respondents: string[]; adoptedAt: string; stage: Stage } & FiledIn)[];
    elections: {
      held: number;
      failed: number;
      turnoutShare: number | null;
      elections: { docketNumber: string; kind: string; status: string; closedAt: string; electorateSize: number; turnout: number }[];
    };
  };
}

/** The report's headline figures, in the order the page and the PDF give them. */
export function activityFigures(t: Translator, r: PeriodicReportData['periodicReport']): { label: string; value: number; key: string }[] {
  return [
    { key: 'filed', label: t('reputation.report.filed'), value: r.filed },
    { key: 'settled', label: t('reputation.report.settled'), value: r.settled },
    { key: 'withdrawn', label: t('reputation.report.withdrawn'), value: r.withdrawn },
    { key: 'decided', label: t('reputation.report.decided'), value: r.decided },
    { key: 'complied', label: t('reputation.report.complied'), value: r.complied },
  ];
}

export function reportTitle(t: Translator, language: Language, r: { from: string; to: string }): string {
  return t('reputation.report.title', { from: formatDay(language, r.from), to: formatDay(language, r.to) });
}

export function turnoutText(language: Language, share: number | null): string {
  return share === null ? '–' : formatNumber(language, share, { style: 'percent', maximumFractionDigits: 0 });
}

/** The periodic report of a period as a page: the form to choose another, the figures, the PDF link. */
export function periodicReportPage(from: string, to: string): PageSpec<PeriodicReportData> {
  return {
    query: PERIODIC_REPORT_QUERY,
    variables: { from, to },
    render: ({ data, t, language }: PageContext<PeriodicReportData>) => {
      const r = data.periodicReport;
      const n = (value: number) => formatNumber(language, value);
      const stages = r.stages.filter((s) => s.ended > 0 || (s.overran ?? 0) > 0);
      const instantDay = (value: string) => formatDay(language, toIsoDate(new Date(value)));
      return {
        title: reportTitle(t, language, r),
        body: html`<form method="get" action="/periodic-report" class="period">
            <input type="hidden" name="lang" value="${language}" />
            <label>${t('reputation.report.from')} <input type="date" name="from" value="${r.from}" required /></label>
            <label>${t('reputation.report.to')} <input type="date" name="to" value="${r.to}" required /></label>
            <button type="submit">${t('reputation.report.show')}</button>
          </form>
          <p>${t('reputation.report.intro', { asOf: formatInstant(language, new Date(r.asOf), bodyTimeZone()) })}</p>
          <p><a href="${href(language, '/periodic-report.pdf', { from: r.from, to: r.to })}" type="application/pdf">${t('reputation.report.pdf')}</a></p>
          <section aria-labelledby="activity-heading">
            <h2 id="activity-heading">${t('reputation.report.activity')}</h2>
            <dl class="figures">
              ${activityFigures(t, r).map((f) => html`<dt>${f.label}</dt><dd data-figure="${f.key}">${n(f.value)}</dd>`)}
            </dl>
          </section>
          <section aria-labelledby="stages-heading">
            <h2 id="stages-heading">${t('reputation.report.stages')}</h2>
            ${
              stages.length
                ? html`<figure>
                    ${stageTimeChart(
                      { id: 'chart-period', title: t('reputation.report.stages'), desc: t('reputation.statistics.time.desc') },
                      stages.map((s) => ({
                        label: t(`stage.${s.stage}`),
                        value: s.medianDays,
                        limit: limitInDays(s),
                        valueText: daysText(t, s.medianDays),
                      })),
                      { value: t('reputation.col.median'), limit: t('reputation.col.limit') },
                    )}
                  </figure>
                  <table>
                    <caption>${t('reputation.report.stages')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">${t('reputation.col.stage')}</th>
                        <th scope="col">${t('reputation.col.ended')}</th>
                        <th scope="col">${t('reputation.col.median')}</th>
                        <th scope="col">${t('reputation.col.limit')}</th>
                        <th scope="col">${t('reputation.col.overran')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${stages.map(
                        (s) =>
                          html`<tr>
                            <th scope="row">${t(`stage.${s.stage}`)}</th>
                            <td>${n(s.ended)}</td>
                            <td>${daysText(t, s.medianDays)}</td>
                            <td>${limitText(t, s)}</td>
                            <td>${shareText(t, language, s.overran, s.counted)}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : html`<p>${t('reputation.none')}</p>`
            }
          </section>
          <section aria-labelledby="elections-heading">
            <h2 id="elections-heading">${t('reputation.report.elections')}</h2>
            ${
              r.elections.held
                ? html`<p>
                    ${t('reputation.report.electionsSummary', {
                      held: r.elections.held,
                      failed: r.elections.failed,
                      turnout: turnoutText(language, r.elections.turnoutShare),
                    })}
                  </p>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">${t('reputation.col.dispute')}</th>
                        <th scope="col">${t('reputation.col.counted')}</th>
                        <th scope="col">${t('reputation.col.status')}</th>
                        <th scope="col">${t('reputation.col.electorate')}</th>
                        <th scope="col">${t('reputation.col.turnout')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${r.elections.elections.map(
                        (e) =>
                          html`<tr>
                            <td><a href="${href(language, `/disputes/${e.docketNumber}`)}">${e.docketNumber}</a></td>
                            <td>${instantDay(e.closedAt)}</td>
                            <td>${t(`reputation.election.${e.status}`)}</td>
                            <td>${n(e.electorateSize)}</td>
                            <td>${n(e.turnout)}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : html`<p>${t('reputation.report.noElections')}</p>`
            }
          </section>
          <section aria-labelledby="outstanding-heading">
            <h2 id="outstanding-heading">${t('reputation.report.outstanding')}</h2>
            ${
              r.outstandingCompliance.length
                ? html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${t('reputation.col.dispute')}</th>
                      <th scope="col">${t('reputation.col.respondents')}</th>
                      <th scope="col">${t('reputation.col.adopted')}</th>
                      <th scope="col">${t('reputation.col.stageAtEnd')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${r.outstandingCompliance.map(
                      (o) =>
                        html`<tr>
                          <td><a href="${href(language, `/disputes/${o.docketNumber}`)}">${o.docketNumber}</a><br /><span class="muted">${filedText(language, o.title, o)}</span></td>
                          <td>${o.respondents.join(', ')}</td>
                          <td>${instantDay(o.adoptedAt)}</td>
                          <td>${t(`stage.${o.stage}`)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
                : html`<p>${t('reputation.none')}</p>`
            }
          </section>`,
      };
    },
  };
}
