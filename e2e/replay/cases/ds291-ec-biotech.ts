import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const USA: ReplayMember = { code: 'USA', name: 'United States' };
const EU: ReplayMember = { code: 'BEL', name: 'European Union' };

const ELECTED =
  'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const CONSTITUTION: ReplaySource = {
  title: 'EC – Biotech Products, Constitution of the Panel Established at the Requests of the United States, Canada and Argentina, Note by the Secretariat (5 March 2004), reproduced by Times Higher Education',
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
    'Request to the Director-General (8.7), two panel delay letters with revised estimates, final report to the parties, circulation long after it.',
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
      on: '2003-08-29',
      step: 'establishPanel',
      source: CONSTITUTION,
      note: 'Single panel for the United States (DS291), Canada (DS292) and Argentina (DS293) under DSU 9.',
    },
    { on: '2004-02-23', step: 'requestDgAppointment', by: 'COMPLAINANT', source: CONSTITUTION, note: 'Joint request by the three complainants.' },
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
      note: 'The reports were not appealed. The adoption date (November 2006), the agreed RPT and its later extensions were not dated in the sources found, so they are not replayed.',
    },
  ],
};
