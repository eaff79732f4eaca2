import { formatDay, formatInstant, formatNumber } from '@app/i18n';
import { bodyTimeZone, toIsoDate, type Stage } from '@app/procedure';
import { html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';
import { FiledIn, filedText } from './parts';

const QUERY = `query PublicMemberRecord($code: String!, $language: String) {
  memberRecord(code: $code) {
    member { code name status }
    asOf asComplainant asRespondent asThirdParty
    disputes { docketNumber title(language: $language) language languages role stage filedAt }
    limitsMet limitsMissed
    missedLimits { docketNumber rule article dueDate closedAt }
    statusReports { docketNumber dueDate meetingOn standing filedAt }
    statusReportsOnTime statusReportsLate statusReportsMissing
    compliance { docketNumber title(language: $language) language languages stage stageSince adoptedAt rptEndsOn compliedAt }
  }
}`;

interface MemberData {
  memberRecord: {
    member: { code: string; name: string; status: string };
    asOf: string;
    asComplainant: number;
    asRespondent: number;
    asThirdParty: number;
    disputes: ({ docketNumber: string; title: string; role: string; stage: Stage; filedAt: string } & FiledIn)[];
    limitsMet: number;
    limitsMissed: number;
    missedLimits: { docketNumber: string; rule: string; article: string; dueDate: string; closedAt: string | null }[];
    statusReports: { docketNumber: string; dueDate: string; meetingOn: string; standing: string; filedAt: string | null }[];
    statusReportsOnTime: number;
    statusReportsLate: number;
    statusReportsMissing: number;
    compliance: (FiledIn & {
      docketNumber: string;
      title: string;
      stage: Stage;
      stageSince: string;
      adoptedAt: string;
      rptEndsOn: string | null;
      compliedAt: string | null;
    })[];
  };
}

/** A member's public record (memberRecord): a 404 page for a code no member has. */
export function memberPage(code: string): PageSpec<MemberData> {
  return {
    query: QUERY,
    variables: { code },
    render: ({ data, t, language }: PageContext<MemberData>) => {
      const r = data.memberRecord;
      const n = (value: number) => formatNumber(language, value);
      const day = (value: string | null) => (value ? formatDay(language, value) : '–');
      // The docket's days are the body's: an instant is shown as the day it was where the body sits.
      const instantDay = (value: string | null) => (value ? formatDay(language, toIsoDate(new Date(value))) : '–');
      const dispute = (docketNumber: string) => html`<a href="${href(language, `/disputes/${docketNumber}`)}">${docketNumber}</a>`;
      return {
        title: t('reputation.member.title', { name: r.member.name }),
        body: html`<p>${t('reputation.member.intro', { asOf: formatInstant(language, new Date(r.asOf), bodyTimeZone()) })}</p>
          <section aria-labelledby="brief-heading">
            <h2 id="brief-heading">${t('reputation.member.brief')}</h2>
            <dl class="figures">
              <dt>${t('reputation.role.COMPLAINANT')}</dt>
              <dd>${n(r.asComplainant)}</dd>
              <dt>${t('reputation.role.RESPONDENT')}</dt>
              <dd>${n(r.asRespondent)}</dd>
              <dt>${t('reputation.role.THIRD_PARTY')}</dt>
              <dd>${n(r.asThirdParty)}</dd>
              <dt>${t('reputation.member.limitsMet')}</dt>
              <dd data-figure="limits-met">${n(r.limitsMet)}</dd>
              <dt>${t('reputation.member.limitsMissed')}</dt>
              <dd data-figure="limits-missed">${n(r.limitsMissed)}</dd>
              <dt>${t('reputation.standing.ON_TIME')}</dt>
              <dd data-figure="reports-on-time">${n(r.statusReportsOnTime)}</dd>
              <dt>${t('reputation.standing.LATE')}</dt>
              <dd data-figure="reports-late">${n(r.statusReportsLate)}</dd>
              <dt>${t('reputation.standing.MISSING')}</dt>
              <dd data-figure="reports-missing">${n(r.statusReportsMissing)}</dd>
            </dl>
          </section>
          <section aria-labelledby="disputes-heading">
            <h2 id="disputes-heading">${t('reputation.member.disputes')}</h2>
            ${
              r.disputes.length
                ? html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${t('reputation.col.dispute')}</th>
                      <th scope="col">${t('reputation.col.title')}</th>
                      <th scope="col">${t('reputation.col.role')}</th>
                      <th scope="col">${t('reputation.col.stage')}</th>
                      <th scope="col">${t('reputation.col.filed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${r.disputes.map(
                      (d) =>
                        html`<tr>
                          <td>${dispute(d.docketNumber)}</td>
                          <td>${filedText(language, d.title, d)}</td>
                          <td>${t(`reputation.role.${d.role}`)}</td>
                          <td>${t(`stage.${d.stage}`)}</td>
                          <td>${instantDay(d.filedAt)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
                : html`<p>${t('reputation.none')}</p>`
            }
          </section>
          <section aria-labelledby="limits-heading">
            <h2 id="limits-heading">${t('reputation.member.limits')}</h2>
            <p>${t('reputation.member.limitsSummary', { met: r.limitsMet, missed: r.limitsMissed })}</p>
            ${
              r.missedLimits.length
                ? html`<table>
                  <caption>${t('reputation.member.missed')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('reputation.col.dispute')}</th>
                      <th scope="col">${t('reputation.col.rule')}</th>
                      <th scope="col">${t('reputation.col.due')}</th>
                      <th scope="col">${t('reputation.col.closed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${r.missedLimits.map(
                      (l) =>
                        html`<tr>
                          <td>${dispute(l.docketNumber)}</td>
                          <td>${t(`limits.${l.rule}`)} (${l.article})<br /><code>${l.rule}</code></td>
                          <td>${day(l.dueDate)}</td>
                          <td>${instantDay(l.closedAt)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
                : null
            }
          </section>
          <section aria-labelledby="reports-heading">
            <h2 id="reports-heading">${t('reputation.member.statusReports')}</h2>
            ${
              r.statusReports.length
                ? html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${t('reputation.col.dispute')}</th>
                      <th scope="col">${t('reputation.col.meeting')}</th>
                      <th scope="col">${t('reputation.col.due')}</th>
                      <th scope="col">${t('reputation.col.standing')}</th>
                      <th scope="col">${t('reputation.col.filedOn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${r.statusReports.map(
                      (s) =>
                        html`<tr>
                          <td>${dispute(s.docketNumber)}</td>
                          <td>${day(s.meetingOn)}</td>
                          <td>${day(s.dueDate)}</td>
                          <td>${t(`reputation.standing.${s.standing}`)}</td>
                          <td>${instantDay(s.filedAt)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
                : html`<p>${t('reputation.member.noStatusReports')}</p>`
            }
          </section>
          <section aria-labelledby="compliance-heading">
            <h2 id="compliance-heading">${t('reputation.member.compliance')}</h2>
            ${
              r.compliance.length
                ? html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${t('reputation.col.dispute')}</th>
                      <th scope="col">${t('reputation.col.adopted')}</th>
                      <th scope="col">${t('reputation.col.rpt')}</th>
                      <th scope="col">${t('reputation.col.stage')}</th>
                      <th scope="col">${t('reputation.col.since')}</th>
                      <th scope="col">${t('reputation.col.complied')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${r.compliance.map(
                      (c) =>
                        html`<tr>
                          <td>${dispute(c.docketNumber)}<br /><span class="muted">${filedText(language, c.title, c)}</span></td>
                          <td>${instantDay(c.adoptedAt)}</td>
                          <td>${day(c.rptEndsOn)}</td>
                          <td>${t(`stage.${c.stage}`)}</td>
                          <td>${instantDay(c.stageSince)}</td>
                          <td>${c.compliedAt ? instantDay(c.compliedAt) : t('reputation.outstanding')}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
                : html`<p>${t('reputation.member.noCompliance')}</p>`
            }
          </section>
          <p><a href="${href(language, '/members')}">${t('reputation.member.back')}</a></p>`,
      };
    },
  };
}
