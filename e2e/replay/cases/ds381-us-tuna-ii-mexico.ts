import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const MEX: ReplayMember = { code: 'MEX', name: 'Mexico' };
const USA: ReplayMember = { code: 'USA', name: 'United States' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

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

const PANEL_INTRO: ReplaySource = {
  title: 'Report of the Panel, US – Tuna II (Mexico), I – Introduction, paras 1.1–1.5 (Dispute Settlement Reports 2012, Cambridge)',
  url: 'https://core-cms.prod.aop.cambridge.org/core/books/dispute-settlement-reports-2012/introduction/C5E3272D19E846F3C663ACFFAA33A644',
  symbol: 'WT/DS381/R',
};
const MEX_22_2: ReplaySource = {
  title: 'US – Tuna II (Mexico), Recourse by Mexico to Article 22.2 of the DSU (communication dated 10 March 2016), background section',
  url: 'https://web.wtocenter.org.tw/Page/13317/277523',
};

export const DS381: ReplayCase = {
  ds: 'DS381',
  title: 'US — Tuna II (Mexico)',
  complainant: MEX,
  respondent: USA,
  covers:
    'Request to the DG and DG composition, appeal, agreed RPT (implied date), two 21.5 rounds (panel delay letters with estimates, appeal and other appeal, compliance panel composed by agreement), 22.2 request, 22.6 objection, award and authorisation running in parallel with the second round.',
  source: WTO_PAGE,
  replayUntil: {
    on: '2016-06-09',
    why: 'From June 2016 a second compliance proceeding ran in parallel with the arbitration on the level of suspension (award 25 April 2017, authorisation 22 May 2017, compliance reports 2017-2019). The body runs them one after the other (a request for compliance proceedings interrupts a pending request for suspension), so the replay stops before the second proceeding; the record continues below.',
  },
  steps: [
    {
      on: '2008-10-24',
      step: 'requestConsultations',
      source: {
        title: 'WTO iLibrary, US – Tuna II (Mexico), Report of the Appellate Body (abstract)',
        url: 'https://www.wto-ilibrary.org/dispute-settlement/united-states-measures-concerning-the-importation-marketing-and-sale-of-tuna-and-tuna-products_b63ef23e-en',
      },
    },
    { on: '2009-03-09', step: 'requestPanel', source: PANEL_INTRO, note: 'Para. 1.2; request WT/DS381/4.' },
    {
      on: '2009-04-20',
      step: 'establishPanel',
      source: PANEL_INTRO,
      note: 'Para. 1.3. Whether an earlier DSB meeting (between 9 March and 20 April 2009) had the request on its agenda was not found in the sources searched, so no panelNotEstablished step is replayed.',
    },
    {
      on: '2009-12-02',
      step: 'requestDgAppointment',
      by: 'COMPLAINANT',
      source: PANEL_INTRO,
      note: 'Para. 1.5: "On 2 December 2009, Mexico requested the Director-General to determine the composition of the panel".',
    },
    {
      on: '2009-12-15',
      step: 'composePanel',
      how: 'DIRECTOR_GENERAL',
      panelists: 3,
      source: {
        title:
          'Lexology, "WTO Director-General appoints panel on US dolphin-safe tuna labeling" ("On December 15, 2009, ... Pascal Lamy announced his appointment of three panelists")',
        url: 'https://www.lexology.com/library/detail.aspx?g=da1b69f2-1853-410b-ae64-8575b93fdf6c',
      },
      note: `${ELECTED} UNCERTAIN DATE: 15 December 2009 is the date the source gives for the DG’s announcement; the WTO record may date the composition a day earlier (the part of the panel report’s introduction seen stops at the request to the DG).`,
    },
    {
      on: '2011-09-15',
      step: 'circulateReport',
      source: {
        title: 'Report of the Panel, US – Tuna II (Mexico) (cover dated 15 September 2011), reproduced by Scribd',
        url: 'https://scribd.com/document/539326588/381R',
        symbol: 'WT/DS381/R',
      },
      note: 'Same cover date in the copy at https://mafiadoc.com/panel-report-world-trade-organization_59c813141723dd10f8a86d06.html.',
    },
    {
      on: '2011-11-14',
      step: 'extendAdoptionPeriod',
      until: '2012-01-20',
      implied: true,
      source: { title: 'Inferred from the appeal of 20 January 2012, 127 days after circulation' },
      note: "IMPLIED: the record searched does not give the body's decision; an appeal 127 days after circulation means the 60 days of DSU 16.4 were extended at the parties' request. Dated on day 60, extended to the day of the appeal.",
    },
    {
      on: '2012-01-20',
      step: 'appeal',
      by: 'RESPONDENT',
      source: {
        title:
          'US – Tuna II (Mexico), Notification of an Appeal by the United States (notification dated 20 January 2012), Annex I to the AB report',
        url: 'http://masazerc.com/english/tratop_e/dispu_e/381abr_a1_e.doc',
        symbol: 'WT/DS381/10',
      },
      note: 'Day 127 after circulation: the 60 days of DSU 16.4 must have been extended by the DSB (as it did at the time in US – COOL because of the Appellate Body’s workload), but no such decision was found in the sources searched, and the step kinds cannot express it. Mexico filed an other appeal a few days later (date not found, so no crossAppeal step is replayed).',
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
      note: 'Date also in Mexico’s 22.2 request of 10 March 2016 (WT/DS381/29).',
    },
    {
      on: '2012-06-25',
      step: 'stateIntentions',
      source: {
        title:
          'US – Tuna II (Mexico), Second Recourse to Article 21.5 by Mexico, Request for Consultations (dated 13 May 2016), recalling the US statement at the DSB meeting of 25 June 2012',
        url: 'https://web.wtocenter.org.tw/Page/13317/279597',
      },
    },
    {
      on: '2012-07-28',
      step: 'agreeRpt',
      rptEndsOn: '2013-07-13',
      implied: true,
      source: MEX_22_2,
      note: 'IMPLIED: the record searched says the parties "agreed under Article 21.3(b) … that the RPT … would expire on 13 July 2013" (Mexico’s 22.2 request; 13 months from adoption per the Government of Mexico statement reproduced by The Fish Site, https://thefishsite.com/articles/mexico-to-challenge-new-us-dolphin-safe-tuna-labelling), but not the date of the agreement (notified in WT/DS381/17, not seen). Dated on the last day of the 45 days after adoption that DSU 21.3(b) gives for such an agreement (adoption 13 June 2012).',
    },
    {
      on: '2014-01-10',
      step: 'requestComplianceReview',
      by: 'COMPLAINANT',
      implied: true,
      source: RW1_DELAY,
      note: 'IMPLIED: Mexico’s request for a compliance panel (WT/DS381/20, after the parties’ agreed procedures WT/DS381/19) is not dated in the record searched. Dated on Friday 10 January 2014, the last working day leaving the ten days’ notice of the DSB meeting of 22 January 2014 that referred the matter; the request may be earlier.',
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
      on: '2015-01-28',
      step: 'informBodyOfDelay',
      expectedBy: '2015-01-30',
      source: {
        title: 'US – Tuna II (Mexico) (Article 21.5 – Mexico), Communication from the Panel (dated 28 January 2015)',
        url: 'https://web.wtocenter.org.tw/Page/13317/259344',
      },
      note: 'Second letter: the panel "now expects to be able to issue its final report to the parties by 30 January 2015".',
    },
    {
      on: '2015-04-14',
      step: 'circulateComplianceReport',
      source: {
        title:
          'Report of the Panel, US – Tuna II (Mexico) (Article 21.5 – Mexico) (cover dated 14 April 2015), reproduced by fdocuments.in',
        url: 'https://fdocuments.in/document/united-states-a-measures-concerning-the-wtds398abr-adopted-22-february.html',
        symbol: 'WT/DS381/RW',
      },
    },
    {
      on: '2015-06-05',
      step: 'appealComplianceReport',
      by: 'RESPONDENT',
      source: {
        title:
          'US – Tuna II (Mexico) (Article 21.5 – Mexico), Notification of an Appeal by the United States (communication dated 5 June 2015)',
        url: 'https://web.wtocenter.org.tw/Page/13317/265089',
      },
    },
    {
      on: '2015-06-10',
      step: 'crossAppeal',
      by: 'COMPLAINANT',
      source: {
        title:
          'US – Tuna II (Mexico) (Article 21.5 – Mexico), Notification of an Other Appeal by Mexico (communication dated 10 June 2015)',
        url: 'https://web.wtocenter.org.tw/Page/13317/266096',
      },
      note: 'Day 5 after the US notice (Working Procedures, rule 23(1)).',
    },
    {
      on: '2015-11-20',
      step: 'circulateComplianceAppellateReport',
      source: {
        title: 'Report of the Appellate Body, US – Tuna II (Mexico) (Article 21.5 – Mexico), AB-2015-6 (dated 20 November 2015)',
        url: 'https://vdocument.in/united-states-measures-concerning-the-importation-states-measures-concerning.html',
        symbol: 'WT/DS381/AB/RW',
      },
      note: 'The AB’s communication of 17 August 2015 (WT/DS381/26, DSU 17.5) was not readable in the sources found, so no appellate informBodyOfDelay step is replayed.',
    },
    {
      on: '2015-12-03',
      step: 'adoptComplianceReport',
      source: {
        title: 'US – Tuna II (Mexico) (Article 21.5 – Mexico), Action by the Dispute Settlement Body',
        url: 'https://web.wtocenter.org.tw/Page/13317/273308',
      },
    },
    {
      on: '2016-03-10',
      step: 'requestRetaliation',
      source: MEX_22_2,
      note: 'USD 472.3 million a year (TWN, SUNS #8451). Mexico asked for a DSB meeting on 23 March 2016.',
    },
    {
      on: '2016-03-22',
      step: 'objectToRetaliationLevel',
      by: 'RESPONDENT',
      source: TWN_ARB,
      note: 'The matter was referred to arbitration at the DSB meeting of 23 March 2016.',
    },
    {
      on: '2016-06-10',
      step: 'requestComplianceReview',
      by: 'COMPLAINANT',
      implied: true,
      source: RW2_CONSTITUTION,
      note: 'IMPLIED: Mexico’s second request for a compliance panel (WT/DS381/38) is not dated in the record searched; it followed Mexico’s request for consultations of 13 May 2016 (https://web.wtocenter.org.tw/Page/13317/279597). Dated on Friday 10 June 2016, the last working day leaving the ten days’ notice of the DSB meeting of 22 June 2016 that referred the matter. The United States had asked for its own compliance panel on 11 April 2016 (WT/DS381/32, https://web.wtocenter.org.tw/Page/13317/278341); that parallel proceeding has no steps here.',
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
        title:
          'Third World Network / SUNS #8469, "Mexico gets go-ahead to retaliate against US in tuna dispute" (DSB meeting of Monday 22 May 2017)',
        url: 'http://www.twn.my/title2/wto.info/2017/ti170519.htm',
      },
    },
    {
      on: '2017-10-26',
      step: 'circulateComplianceReport',
      source: {
        title:
          'Reports of the Panels, US – Tuna II (Mexico) (Article 21.5 – US) / (Second Recourse to Article 21.5 – Mexico) (dated 26 October 2017)',
        url: 'https://vdocument.in/docswtoorg-web-view-on-the-same-day-the-panels-sent-a-copy-of-the-additional.html',
        symbol: 'WT/DS381/RW2',
      },
      note: 'Second round (reports in the US recourse and in Mexico’s second recourse). They belong after the 22.6 award and the authorisation of May 2017: the award and the second compliance round ran in parallel.',
    },
    {
      on: '2017-12-25',
      step: 'appealComplianceReport',
      by: 'COMPLAINANT',
      implied: true,
      source: {
        title:
          'US – Tuna II (Mexico) (Article 21.5 – US / Second Recourse – Mexico), Communication from the Appellate Body (dated 29 January 2018)',
        url: 'https://web.wtocenter.org.tw/Page/13317/305006',
      },
      note: 'IMPLIED: Mexico appealed the second-round reports, but the date of its notice is not in the record searched. Dated on day 60 after circulation (26 October 2017), the last day DSU 16.4 allows. The AB’s DSU 17.5 letter of 29 January 2018 suggests the notice was filed about 60 days before it, i.e. around 1 December 2017.',
    },
    {
      on: '2018-12-14',
      step: 'circulateComplianceAppellateReport',
      source: {
        title:
          'Report of the Appellate Body, US – Tuna II (Mexico) (Article 21.5 – US / Second Recourse – Mexico), AB-2017-9 (dated 14 December 2018)',
        url: 'https://vdocuments.us/web-view-informed-the-dsb-of-their-agreed-procedures-under-articles-21-and-22-of.html',
        symbol: 'WT/DS381/AB/RW2',
      },
    },
    {
      on: '2019-01-11',
      step: 'adoptComplianceReport',
      source: {
        title:
          'International Economic Law and Policy Blog (S. Lester), "U.S. Criticisms of the Tuna-Dolphin Rulings and Dispute Process" (US statement at the DSB meeting of 11 January on the Appellate Body report in US – Tuna)',
        url: 'https://ielp.worldtradelaw.net/author/simon-lester/page/92',
      },
      note: 'UNCERTAIN: the source quotes the US at "the January 11th DSB meeting" on the Appellate Body report (circulated 14 December 2018), the meeting at which the reports were taken up; adoption at that meeting is inferred, not stated in the part seen.',
    },
  ],
};
