import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const USA: ReplayMember = { code: 'USA', name: 'United States' };
const EU: ReplayMember = { code: 'BEL', name: 'European Union' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const CONSTITUTION: ReplaySource = {
  title:
    'EC – Biotech Products, Constitution of the Panel Established at the Requests of the United States, Canada and Argentina, Note by the Secretariat (5 March 2004), reproduced by Times Higher Education',
  url: 'https://www.timeshighereducation.com/news/wto-panel-set-up-for-dispute-over-eus-regime-for-biotech-products/187249.article',
  symbol: 'WT/DS291/24',
};
const DELAY_2006: ReplaySource = {
  title: 'EC – Biotech Products, Communication from the Chairman of the Panel (dated 30 March 2006), reproduced by Times Higher Education',
  url: 'https://www.timeshighereducation.com/news/wto-panel-ruling-on-eu-measures-affecting-approval-and-marketing-of-biotech-products-will-be-complete-by-end-september-2006/202334.article',
  symbol: 'WT/DS291/31',
};

export const DS291: ReplayCase = {
  ds: 'DS291',
  title: 'EC — Approval and Marketing of Biotech Products',
  complainant: USA,
  respondent: EU,
  covers:
    'Panel blocked at the first meeting, 17 third parties, request to the Director-General (8.7), two panel delay letters with revised estimates, final report to the parties, circulation long after it.',
  source: { title: 'WTO — DS291 case page', url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds291_e.htm' },
  steps: [
    {
      on: '2003-05-13',
      step: 'requestConsultations',
      source: {
        title: 'EC – Biotech Products, Request for Consultations by the United States (communication dated 13 May 2003)',
        url: 'https://web.wtocenter.org.tw/Page/13317/111681',
        symbol: 'WT/DS291/1',
      },
      note: 'BEL is a stand-in code for the European Communities / European Union, which has no ISO 3166-1 alpha-3 code. Date of the US letter; the WTO may record the request on that date.',
    },
    {
      on: '2003-08-07',
      step: 'requestPanel',
      source: {
        title:
          'ASIL Insights vol. 10 issue 28, "The WTO Panel on the EC-Biotech Dispute Releases Its Final Report" ("On August 7, 2003 … the United States (WT/DS291), Canada (WT/DS292), and Argentina (WT/DS293), filed complaints")',
        url: 'https://asil.org/insights/volume/10/issue/28/wto-panel-ec-biotech-dispute-releases-its-final-report',
        symbol: 'WT/DS291/23',
      },
      note: 'The source dates the three panel requests (WT/DS291/23, WT/DS292/17, WT/DS293/17, as numbered in the WTO news of 18 August 2003) to 7 August 2003; the request documents themselves were not seen.',
    },
    {
      on: '2003-08-18',
      step: 'panelNotEstablished',
      source: {
        title:
          'WTO news, Dispute Settlement Body 18 August 2003, "US, Canada and Argentina request panel to examine EU moratorium on biotech products"',
        url: 'https://www.wto.org/english/news_e/news03_e/dsb_18aug03_e.htm',
      },
      note: 'First-time requests: "All were blocked by the respondents, and the DSB agreed to revert to them" (the EC was not in a position to accept establishment).',
    },
    {
      on: '2003-08-29',
      step: 'establishPanel',
      source: CONSTITUTION,
      note: 'Single panel for the United States (DS291), Canada (DS292) and Argentina (DS293) under DSU 9, at the second request (WTO news, DSB 29 August 2003, http://www.wto.org/english/news_e/news03_e/dsb_29aug03_e.htm).',
    },
    {
      on: '2003-08-29',
      step: 'reserveThirdPartyRights',
      members: [
        { code: 'ARG', name: 'Argentina' },
        { code: 'AUS', name: 'Australia' },
        { code: 'BRA', name: 'Brazil' },
        { code: 'CAN', name: 'Canada' },
        { code: 'CHL', name: 'Chile' },
        { code: 'CHN', name: 'China' },
        { code: 'TWN', name: 'Chinese Taipei' },
        { code: 'COL', name: 'Colombia' },
        { code: 'SLV', name: 'El Salvador' },
        { code: 'HND', name: 'Honduras' },
        { code: 'MEX', name: 'Mexico' },
        { code: 'NZL', name: 'New Zealand' },
        { code: 'NOR', name: 'Norway' },
        { code: 'PRY', name: 'Paraguay' },
        { code: 'PER', name: 'Peru' },
        { code: 'THA', name: 'Thailand' },
        { code: 'URY', name: 'Uruguay' },
      ],
      source: {
        title:
          'WTO — DS291 case page key facts (third parties), as reproduced in the dean22029/WTO_Docs dataset viewer (row for WT/DS291/37/Add.180)',
        url: 'https://hugingapi.com/datasets/dean22029/WTO_Docs/viewer/default/train?p=45',
      },
      note: 'UNCERTAIN DATE: the list of third parties comes without dates; the establishment meeting is used (members may also reserve rights in the following days, DSU 10.2). Canada and Argentina, co-complainants in DS292 and DS293, are listed as third parties in DS291.',
    },
    {
      on: '2004-02-23',
      step: 'requestDgAppointment',
      by: 'COMPLAINANT',
      source: CONSTITUTION,
      note: 'Joint request by the three complainants.',
    },
    {
      on: '2004-03-05',
      step: 'composePanel',
      how: 'DIRECTOR_GENERAL',
      panelists: 3,
      source: CONSTITUTION,
      note: `${ELECTED} UNCERTAIN DATE: 5 March 2004 is the date of the Secretariat’s note announcing the composition; the part of the note seen is cut before the sentence giving the composition date, which may be a day or so earlier. Three panelists per the transcript of the panel’s meeting with experts (Christian Häberli, Mohan Kumar, Akio Shimizu).`,
    },
    {
      on: '2005-12-21',
      step: 'informBodyOfDelay',
      expectedBy: '2006-03-31',
      source: DELAY_2006,
      note: 'Letter WT/DS291/30 of 21 December 2005, as recalled in WT/DS291/31: final reports to the parties expected "by the end of March 2006" (last day of March used).',
    },
    {
      on: '2006-03-30',
      step: 'informBodyOfDelay',
      expectedBy: '2006-05-15',
      source: DELAY_2006,
      note: 'Final reports to the parties expected "by mid-May 2006" (15 May used); circulation to Members "no later than the end of September 2006".',
    },
    {
      on: '2006-05-10',
      step: 'finalReportToParties',
      source: {
        title: 'Reports of the Panel, EC – Biotech Products, section VI (Interim Review), para. 6.4',
        url: 'https://vdocuments.mx/vi-interim-review-world-trade-organization-2006-09-29-interim-review-by-the.html',
      },
    },
    {
      on: '2006-09-29',
      step: 'circulateReport',
      source: {
        title: 'Reports of the Panel, EC – Biotech Products (cover dated 29 September 2006)',
        url: 'https://docest.com/doc/445587/table-of-cases-cited-in-this-report-xli',
        symbol: 'WT/DS291/R',
      },
      note: 'The reports were not appealed. The agreed RPT and its later extensions were not dated in the sources found, so they are not replayed.',
    },
    {
      on: '2006-11-21',
      step: 'adopt',
      implied: true,
      source: { title: 'Inferred: the reports were adopted without appeal in November 2006' },
      note: 'IMPLIED as to the day: the reports were adopted without appeal in November 2006; the day is not in the sources found. Dated 21 November 2006, a meeting of the DSB that month, day 53 after circulation.',
    },
  ],
};
