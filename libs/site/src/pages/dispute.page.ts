import { formatDay } from '@app/i18n';
import { Html, html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';
import {
  FiledIn,
  MemberRef,
  articleOf,
  dayOf,
  disputePath,
  fileSize,
  filedText,
  localTime,
  memberLabel,
  memberList,
  none,
  notices,
  pager,
  table,
} from './parts';

// Every field of the dispute's page in one query, as the public may read it: the document policy
// gives an anonymous reader the PUBLIC documents only, on the dispute and on its docket entries.
const QUERY = `query PublicDispute($docketNumber: String!, $after: String, $language: String) {
  timeZone
  dispute(docketNumber: $docketNumber) {
    docketNumber title(language: $language) summary(language: $language) language languages stage filedAt urgent goodOffices measures legalBasis
    complainant { code name } respondents { code name }
    parties { kind joinedAt panelJoinedAt consultationsStatus member { code name } }
    panel { chair seatedAt person { name nationality } }
    elections { id kind status closesAt }
    docket(first: 100, after: $after) {
      nodes { seq kind occurredAt text(language: $language) documents { title(language: $language) language languages: titleLanguages downloadPath } }
      pageInfo { hasNextPage endCursor }
    }
    deadlines { article description(language: $language) dueDate status closedAt binds }
    documents(first: 100) { nodes { title(language: $language) language languages: titleLanguages kind filedAt downloadPath sizeBytes filedFor { code name } } }
    hearings(first: 100) { nodes { kind localStart localEnd status publicObservation room { name location } } }
    report {
      adopted
      versions {
        version proceeding title circulatedAt
        document { id title }
        findings { measure provision finding reasoning recommendation appellateOutcome { outcome reasoning } }
        separateOpinions { text }
      }
      appeals { proceeding filedAt crossAppeal division { name nationality } }
      meetings { heldAt outcome proceeding round }
    }
  }
}`;

interface Finding {
  measure: string;
  provision: string;
  finding: string;
  reasoning: string;
  recommendation: string | null;
  appellateOutcome: { outcome: string; reasoning: string } | null;
}

interface DisputeData {
  timeZone: string;
  dispute: {
    docketNumber: string;
    title: string;
    summary: string;
    language: string;
    languages: string[];
    stage: string;
    filedAt: string;
    urgent: boolean;
    goodOffices: boolean;
    measures: string[];
    legalBasis: string[];
    complainant: MemberRef;
    respondents: MemberRef[];
    parties: { kind: string; joinedAt: string; panelJoinedAt: string | null; consultationsStatus: string | null; member: MemberRef }[];
    panel: { chair: boolean; seatedAt: string; person: { name: string; nationality: string } }[];
    elections: { id: string; kind: string; status: string; closesAt: string }[];
    docket: {
      nodes: {
        seq: number;
        kind: string;
        occurredAt: string;
        text: string;
        documents: ({ title: string; downloadPath: string } & FiledIn)[];
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    deadlines: { article: string; description: string; dueDate: string; status: string; closedAt: string | null; binds: string }[];
    documents: {
      nodes: ({
        title: string;
        kind: string;
        filedAt: string;
        downloadPath: string;
        sizeBytes: number;
        filedFor: MemberRef | null;
      } & FiledIn)[];
    };
    hearings: {
      nodes: {
        kind: string;
        localStart: string;
        localEnd: string;
        status: string;
        publicObservation: boolean;
        room: { name: string; location: string | null } | null;
      }[];
    };
    report: {
      adopted: boolean;
      versions: {
        version: string;
        proceeding: number;
        title: string;
        circulatedAt: string | null;
        document: { id: string; title: string } | null;
        findings: Finding[];
        separateOpinions: { text: string }[];
      }[];
      appeals: { proceeding: number; filedAt: string; crossAppeal: boolean; division: { name: string; nationality: string }[] }[];
      meetings: { heldAt: string; outcome: string; proceeding: number; round: string }[];
    };
  };
}

/** The findings of a report, one row per claim, with what the appellate report did to each. */
export function findingsTable(t: PageContext<unknown>['t'], caption: string, findings: readonly Finding[]): Html {
  return table(
    caption,
    [
      t('site.report.measure'),
      t('site.report.provision'),
      t('site.report.finding'),
      t('site.report.reasoning'),
      t('site.report.appellate'),
    ],
    findings.map((f) => [
      f.measure,
      f.provision,
      t(`site.finding.${f.finding}`),
      html`${f.reasoning}${f.recommendation ? html`<br /><span class="muted">${t('site.report.recommendation')}: ${f.recommendation}</span>` : null}`,
      f.appellateOutcome ? html`${t(`site.appellate.${f.appellateOutcome.outcome}`)}: ${f.appellateOutcome.reasoning}` : '—',
    ]),
  );
}

/** A dispute's public record: everything the public may know of it, on one page. */
export function disputePage(docketNumber: string, after: string | null, expired = false): PageSpec<DisputeData> {
  return {
    query: QUERY,
    variables: { docketNumber, after },
    invalid: () => disputePage(docketNumber, null, true),
    render: ({ data, t, language }: PageContext<DisputeData>) => {
      const d = data.dispute;
      const tz = data.timeZone;
      const day = (instant: string) => dayOf(language, instant, tz);
      const path = disputePath(d.docketNumber);
      const versions = d.report.versions.filter((v) => v.circulatedAt);
      const inDispute = (text: string) => filedText(language, text, d);
      const body = html`${notices(expired ? [t('site.pager.expired')] : [])}
        <dl class="facts">
          <dt>${t('site.dispute.stage')}</dt>
          <dd>${t(`stage.${d.stage}`)}</dd>
          <dt>${t('site.dispute.filed')}</dt>
          <dd>${day(d.filedAt)}</dd>
          <dt>${t('site.dispute.complainant')}</dt>
          <dd>${memberLabel(d.complainant)}</dd>
          <dt>${t('site.dispute.respondents')}</dt>
          <dd>${memberList(d.respondents)}</dd>
          ${d.urgent ? html`<dt>${t('site.dispute.urgent')}</dt><dd>${t('site.dispute.urgentText')}</dd>` : null}
          ${d.goodOffices ? html`<dt>${t('site.dispute.goodOffices')}</dt><dd>${t('site.dispute.goodOfficesText')}</dd>` : null}
        </dl>
        <h2>${t('site.dispute.summary')}</h2>
        <p>${inDispute(d.summary)}</p>
        <h2>${t('site.dispute.measures')}</h2>
        <ul>
          ${d.measures.map((m) => html`<li>${m}</li>`)}
        </ul>
        <h2>${t('site.dispute.legalBasis')}</h2>
        <ul>
          ${d.legalBasis.map((b) => html`<li>${b}</li>`)}
        </ul>
        <h2>${t('site.dispute.parties')}</h2>
        ${table(
          t('site.dispute.partiesCaption'),
          [t('site.dispute.member'), t('site.dispute.capacity'), t('site.dispute.since')],
          d.parties.map((p) => [
            memberLabel(p.member),
            p.kind === 'THIRD_PARTY'
              ? [
                  p.consultationsStatus ? t(`site.party.consultations.${p.consultationsStatus}`) : null,
                  p.panelJoinedAt ? t('site.party.panel', { day: day(p.panelJoinedAt) }) : null,
                ]
                  .filter(Boolean)
                  .join('; ') || t('site.party.THIRD_PARTY')
              : t(`site.party.${p.kind}`),
            day(p.joinedAt),
          ]),
        )}
        <h2>${t('site.dispute.panel')}</h2>
        ${
          d.panel.length
            ? table(
                t('site.dispute.panelCaption'),
                [t('site.dispute.panelist'), t('site.dispute.nationality'), t('site.dispute.seated')],
                d.panel.map((s) => [
                  s.chair ? t('site.dispute.chair', { name: s.person.name }) : s.person.name,
                  s.person.nationality,
                  day(s.seatedAt),
                ]),
              )
            : none(t('site.dispute.noPanel'))
        }
        ${
          d.elections.length
            ? html`<ul>
              ${d.elections.map(
                (e) =>
                  html`<li>
                    <a href="${href(language, `/elections/${e.id}`)}"
                      >${t(`site.election.kind.${e.kind}`)}: ${t(`site.election.status.${e.status}`)} (${day(e.closesAt)})</a
                    >
                  </li>`,
              )}
            </ul>`
            : null
        }
        <h2>${t('site.dispute.timeline')}</h2>
        ${table(
          t('site.dispute.timelineCaption'),
          ['#', t('site.dispute.date'), t('site.dispute.step'), t('site.dispute.article'), t('site.dispute.documents')],
          d.docket.nodes.map((e) => [
            e.seq,
            day(e.occurredAt),
            e.text,
            articleOf(e.kind) ?? '—',
            e.documents.length
              ? e.documents.map((doc) => html`<a href="${doc.downloadPath}">${filedText(language, doc.title, doc)}</a> `)
              : '—',
          ]),
        )}
        ${pager(t, path, {}, d.docket.pageInfo, expired ? null : after)}
        <h2>${t('site.dispute.limits')}</h2>
        ${
          d.deadlines.length
            ? table(
                t('site.dispute.limitsCaption'),
                [t('site.dispute.limit'), t('site.dispute.article'), t('site.dispute.due'), t('site.dispute.outcome')],
                d.deadlines.map((l) => [
                  l.description,
                  l.article,
                  formatDay(language, l.dueDate),
                  l.closedAt
                    ? t('site.limit.closed', { status: t(`site.limit.${l.status}`), day: day(l.closedAt) })
                    : t(`site.limit.${l.status}`),
                ]),
              )
            : none(t('site.dispute.noLimits'))
        }
        <h2>${t('site.dispute.documentsHeading')}</h2>
        ${
          d.documents.nodes.length
            ? table(
                t('site.dispute.documentsCaption'),
                [t('site.dispute.document'), t('site.dispute.kind'), t('site.dispute.filedBy'), t('site.dispute.date')],
                d.documents.nodes.map((doc) => [
                  html`<a href="${doc.downloadPath}">${filedText(language, doc.title, doc)}</a> <span class="muted">(${fileSize(language, doc.sizeBytes)})</span>`,
                  t(`site.document.${doc.kind}`),
                  doc.filedFor ? memberLabel(doc.filedFor) : t('site.dispute.secretariat'),
                  day(doc.filedAt),
                ]),
              )
            : none(t('site.dispute.noDocuments'))
        }
        <h2>${t('site.dispute.hearings')}</h2>
        ${
          d.hearings.nodes.length
            ? table(
                t('site.dispute.hearingsCaption'),
                [t('site.hearing.kind'), t('site.hearing.when'), t('site.hearing.where'), t('site.hearing.status')],
                d.hearings.nodes.map((h) => [
                  t(`site.hearing.${h.kind}`),
                  `${localTime(language, h.localStart)} – ${localTime(language, h.localEnd)}`,
                  h.room ? [h.room.name, h.room.location].filter(Boolean).join(', ') : t('site.hearing.virtual'),
                  t(`site.hearing.status.${h.status}`),
                ]),
              )
            : none(t('site.dispute.noHearings'))
        }
        <h2>${t('site.dispute.report')}</h2>
        ${
          versions.length
            ? versions.map(
                (v) =>
                  html`<section>
                  <h3>${t(`site.report.version.${v.version}`)}${v.proceeding ? ` (${t('site.report.proceeding', { n: v.proceeding })})` : ''}</h3>
                  <p>
                    ${t('site.report.circulated', { day: day(v.circulatedAt as string) })}
                    ${v.document ? html` · <a href="/documents/${v.document.id}/content">${v.document.title}</a>` : null}
                  </p>
                  ${v.findings.length ? findingsTable(t, t('site.report.findingsCaption', { title: v.title }), v.findings) : null}
                  ${
                    v.separateOpinions.length
                      ? html`<h4>${t('site.report.opinions')}</h4>
                        ${v.separateOpinions.map((o) => html`<blockquote><p>${o.text}</p></blockquote>`)}`
                      : null
                  }
                </section>`,
              )
            : none(t('site.dispute.noReport'))
        }
        ${
          d.report.appeals.length
            ? html`<h2>${t('site.dispute.appeals')}</h2>
              <ul>
                ${d.report.appeals.map(
                  (a) =>
                    html`<li>
                      ${t(a.crossAppeal ? 'site.dispute.crossAppeal' : 'site.dispute.appeal', { day: day(a.filedAt) })}${
                        a.proceeding ? ` (${t('site.report.proceeding', { n: a.proceeding })})` : ''
                      }.
                      ${
                        a.division.length
                          ? t('site.dispute.division', { names: a.division.map((m) => `${m.name} (${m.nationality})`).join(', ') })
                          : null
                      }
                    </li>`,
                )}
              </ul>`
            : null
        }
        ${
          d.report.meetings.length
            ? html`<h2>${t('site.dispute.adoption')}</h2>
              <ul>
                ${d.report.meetings.map(
                  (m) =>
                    html`<li>
                      ${t(`site.meeting.${m.outcome}`, { day: day(m.heldAt), round: t(`site.meeting.round.${m.round}`) })}${
                        m.proceeding ? ` (${t('site.report.proceeding', { n: m.proceeding })})` : ''
                      }
                    </li>`,
                )}
              </ul>`
            : null
        }`;
      return {
        title: `${d.docketNumber}: ${d.title}`,
        heading: html`${d.docketNumber}: ${inDispute(d.title)}`,
        links: { atom: `/feeds/disputes/${d.docketNumber}.atom` },
        body,
      };
    },
  };
}
