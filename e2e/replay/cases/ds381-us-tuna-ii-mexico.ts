import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const MEX: ReplayMember = { code: 'MEX', name: 'Mexico' };
const USA: ReplayMember = { code: 'USA', name: 'United States' };

const ELECTED =
  'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const WTO_PAGE: ReplaySource = {
  title: 'WTO — DS381: United States — Measures Concerning the Importation, Marketing and Sale of Tuna and Tuna Products',
  url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds381_e.htm',
};
const TWN_ARB: ReplaySource = {
  title: 'Third World Network / SUNS #8451, "Mexico can retaliate to tune of $163 million in tuna dispute" (27 April 2017)',
  url: 'http://twn.my/title2/wto.info/2017/ti170502.htm',
};
const RW1_DELAY: ReplaySource = {
  title: 'US – Tuna II (Mexico) (Article 21.5 – Mexico), Communication from the Panel (dated 16 April 2014)',
  url: 'https://web.wtocenter.org.tw/Page/13317/247805',
};
const RW2_CONSTITUTION: ReplaySource = {
  title: 'US – Tuna II (Mexico) (Second Recourse to Article 21.5 by Mexico), Constitution of the Panel, Note by the Secretariat',
  url: 'https://web.wtocenter.org.tw/Page/13317/281556',
  symbol: 'WT/DS381/39',
};

export const DS381: ReplayCase = {
  ds: 'DS381',
  title: 'US — Tuna II (Mexico)',
  complainant: MEX,
  respondent: USA,
  covers:
    'DG composition, appeal, two 21.5 rounds (panel delay letters with estimates, compliance panel composed by agreement), 22.2 request, 22.6 objection, award and authorisation.',
  source: WTO_PAGE,
  steps: [
    {
      on: '2008-10-24',
      step: 'requestConsultations',
      source: {
        title: 'WTO iLibrary, US – Tuna II (Mexico), Report of the Appellate Body (abstract)',
        url: 'https://www.wto-ilibrary.org/dispute-settlement/united-states-measures-concerning-the-importation-marketing-and-sale-of-tuna-and-tuna-products_b63ef23e-en',
      },
    },
    {
      on: '2009-12-15',
      step: 'composePanel',
      how: 'DIRECTOR_GENERAL',
      panelists: 3,
      source: {
        title: 'Lexology, "WTO Director-General appoints panel on US dolphin-safe tuna labeling" ("On December 15, 2009, ... Pascal Lamy announced his appointment of three panelists")',
        url: 'https://www.lexology.com/library/detail.aspx?g=da1b69f2-1853-410b-ae64-8575b93fdf6c',
      },
      note: `${ELECTED} UNCERTAIN DATE: 15 December 2009 is the date the source gives for the DG’s announcement; the WTO record may date the composition a day earlier. The panel request, establishment and the request to the DG are not dated in the sources found.`,
    },
    {
      on: '2012-01-20',
      step: 'appeal',
      by: 'RESPONDENT',
      source: {
        title: 'US – Tuna II (Mexico), Notification of an Appeal by the United States (notification dated 20 January 2012), Annex I to the AB report',
        url: 'http://masazerc.com/english/tratop_e/dispu_e/381abr_a1_e.doc',
        symbol: 'WT/DS381/10',
      },
      note: 'The panel report (WT/DS381/R) was circulated on 15 September 2011 according to the WTO; that date was not confirmed in a source seen here, so circulateReport is not replayed. Mexico filed an other appeal a few days later (date not found).',
    },
    {
      on: '2012-05-16',
      step: 'circulateAppellateReport',
      source: {
        title: 'The Fish Site, "Mexico to challenge new US dolphin-safe tuna labelling" (Government of Mexico statement)',
        url: 'https://thefishsite.com/articles/mexico-to-challenge-new-us-dolphin-safe-tuna-labelling',
        symbol: 'WT/DS381/AB/R',
      },
    },
    {
      on: '2012-06-13',
      step: 'adopt',
      source: TWN_ARB,
      note: 'The RPT was 13 months, expiring on 13 July 2013 (The Fish Site, Government of Mexico statement). The date on which the parties agreed it under 21.3(b) was not found, so agreeRpt is not replayed.',
    },
    {
      on: '2012-06-25',
      step: 'stateIntentions',
      source: {
        title: 'US – Tuna II (Mexico), Second Recourse to Article 21.5 by Mexico, Request for Consultations (dated 13 May 2016), recalling the US statement at the DSB meeting of 25 June 2012',
        url: 'https://web.wtocenter.org.tw/Page/13317/279597',
      },
    },
    { on: '2014-01-22', step: 'referComplianceReview', source: RW1_DELAY },
    {
      on: '2014-01-27',
      step: 'composeCompliancePanel',
      source: RW1_DELAY,
      note: `${ELECTED} Referred to the original panel (constitution document WT/DS381/21).`,
    },
    {
      on: '2014-04-16',
      step: 'informBodyOfDelay',
      expectedBy: '2014-12-31',
      source: RW1_DELAY,
      note: 'The panel expected to issue its final report to the parties "by December 2014"; the last day of that month is used (approximation).',
    },
    {
      on: '2015-11-20',
      step: 'circulateComplianceAppellateReport',
      source: {
        title: 'Report of the Appellate Body, US – Tuna II (Mexico) (Article 21.5 – Mexico), AB-2015-6 (dated 20 November 2015)',
        url: 'https://vdocument.in/united-states-measures-concerning-the-importation-states-measures-concerning.html',
        symbol: 'WT/DS381/AB/RW',
      },
      note: 'The compliance panel report (April 2015), the US appeal and Mexico’s other appeal (notices in WT/DS381/AB/RW/Add.1) and the AB communication of 17 August 2015 (WT/DS381/26) are not dated or not readable in the sources found.',
    },
    {
      on: '2015-12-03',
      step: 'adoptComplianceReport',
      source: {
        title: 'US – Tuna II (Mexico) (Article 21.5 – Mexico), Action by the Dispute Settlement Body',
        url: 'https://web.wtocenter.org.tw/Page/13317/273308',
      },
    },
    { on: '2016-03-10', step: 'requestRetaliation', source: TWN_ARB, note: 'USD 472.3 million a year.' },
    {
      on: '2016-03-22',
      step: 'objectToRetaliationLevel',
      by: 'RESPONDENT',
      source: TWN_ARB,
      note: 'The matter was referred to arbitration at the DSB meeting of 23 March 2016.',
    },
    {
      on: '2016-06-22',
      step: 'referComplianceReview',
      source: RW2_CONSTITUTION,
      note: 'Second recourse to 21.5 by Mexico (request WT/DS381/38). A parallel 21.5 recourse by the United States was examined together with it.',
    },
    {
      on: '2016-07-11',
      step: 'composeCompliancePanel',
      how: 'AGREEMENT',
      panelists: 3,
      source: RW2_CONSTITUTION,
      note: `${ELECTED} The chair of the original panel was unavailable and the parties agreed on a replacement.`,
    },
    {
      on: '2016-11-18',
      step: 'informBodyOfDelay',
      expectedBy: '2017-05-15',
      source: {
        title: 'US – Tuna II (Mexico) (Second Recourse to 21.5), Communication from the Panel (dated 18 November 2016)',
        url: 'https://web.wtocenter.org.tw/Page/13317/286795',
      },
      note: 'The panel expected to issue its final report to the parties "by mid-May 2017"; 15 May is used (approximation).',
    },
    {
      on: '2017-04-13',
      step: 'informBodyOfDelay',
      expectedBy: '2017-07-15',
      source: {
        title: 'US – Tuna II (Mexico) (Second Recourse to 21.5), Communication from the Panel (dated 13 April 2017)',
        url: 'https://web.wtocenter.org.tw/Page/13317/292250',
        symbol: 'WT/DS381/43',
      },
      note: 'Revised estimate "by mid-July 2017"; 15 July is used (approximation).',
    },
    {
      on: '2017-04-25',
      step: 'retaliationAward',
      source: {
        title: 'Decision by the Arbitrator, US – Tuna II (Mexico), Recourse to Article 22.6 by the United States (dated 25 April 2017)',
        url: 'https://dokumen.tips/documents/united-states-measures-concerning-the-importation-united-states-measures.html',
        symbol: 'WT/DS381/ARB',
      },
      note: 'USD 163.23 million a year.',
    },
    {
      on: '2017-05-22',
      step: 'authorizeSuspension',
      source: {
        title: 'Third World Network / SUNS #8469, "Mexico gets go-ahead to retaliate against US in tuna dispute" (DSB meeting of Monday 22 May 2017)',
        url: 'http://www.twn.my/title2/wto.info/2017/ti170519.htm',
      },
    },
    {
      on: '2017-10-26',
      step: 'circulateComplianceReport',
      source: {
        title: 'Reports of the Panels, US – Tuna II (Mexico) (Article 21.5 – US) / (Second Recourse to Article 21.5 – Mexico) (dated 26 October 2017)',
        url: 'https://vdocument.in/docswtoorg-web-view-on-the-same-day-the-panels-sent-a-copy-of-the-additional.html',
        symbol: 'WT/DS381/RW2',
      },
      note: 'Mexico appealed these reports; the date of its notice was not found. An AB communication dated 29 January 2018 exists (https://web.wtocenter.org.tw/Page/13317/305006) but its content was not readable.',
    },
    {
      on: '2018-12-14',
      step: 'circulateComplianceAppellateReport',
      source: {
        title: 'Report of the Appellate Body, US – Tuna II (Mexico) (Article 21.5 – US / Second Recourse – Mexico), AB-2017-9 (dated 14 December 2018)',
        url: 'https://vdocuments.us/web-view-informed-the-dsb-of-their-agreed-procedures-under-articles-21-and-22-of.html',
        symbol: 'WT/DS381/AB/RW2',
      },
    },
  ],
};
