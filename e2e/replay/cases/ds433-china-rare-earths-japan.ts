import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const JPN: ReplayMember = { code: 'JPN', name: 'Japan' };
const CHN: ReplayMember = { code: 'CHN', name: 'China' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const CONSTITUTION: ReplaySource = {
  title:
    'China – Rare Earths, Tungsten and Molybdenum, Constitution of the Panel Established at the Requests of the United States, the European Union and Japan, Note by the Secretariat',
  url: 'https://web.wtocenter.org.tw/Page/13317/225238',
};
const AB_LETTER: ReplaySource = {
  title: 'China – Rare Earths, Communication from the Appellate Body (dated 23 June 2014)',
  url: 'https://web.wtocenter.org.tw/Page/13317/251301',
};
const RPT: ReplaySource = {
  title: 'China – Rare Earths, Agreement under Article 21.3(b) of the DSU (communication from China and Japan dated 8 December 2014)',
  url: 'https://web.wtocenter.org.tw/Page/13317/257821',
};

export const DS433: ReplayCase = {
  ds: 'DS433',
  title: 'China — Rare Earths (Japan)',
  complainant: JPN,
  respondent: CHN,
  covers:
    'Panel not established at the first (special) meeting, request to the Director-General and DG composition (implied date), appeal with AB 17.5 letter, agreed RPT under 21.3(b).',
  source: { title: 'WTO — DS433 case page', url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds433_e.htm' },
  steps: [
    {
      on: '2012-03-13',
      step: 'requestConsultations',
      source: {
        title: 'ECNS / Xinhua, "WTO establishes panel on rare earths" (24 July 2012)',
        url: 'http://ecns.cn/business/2012/07-24/20267.shtml',
      },
    },
    {
      on: '2012-06-27',
      step: 'requestPanel',
      source: {
        title:
          'Tech Law Journal, "US, Japan and EU Request WTO DSP for REM Complaint Against PRC" (10 July 2012: "On June 27, 2012, … along with representatives of Japan and the European Union, requested that the WTO establish a dispute settlement panel")',
        url: 'http://www.techlawjournal.com/topstories/2012/20120710.asp',
        symbol: 'WT/DS433/6',
      },
      note: 'Same date in China Daily / Xinhua (28 June 2012, "on Wednesday", http://europe.chinadaily.com.cn/business/2012-06/28/content_15529850.htm) and Barnes Richardson (27 June 2012). The complainants asked for a special DSB meeting on 10 July 2012.',
    },
    {
      on: '2012-07-10',
      step: 'panelNotEstablished',
      source: {
        title:
          'Tech Law Journal, "US, Japan and EU Request WTO DSP for REM Complaint Against PRC" (10 July 2012: "The DSB deferred the establishment of a panel")',
        url: 'http://www.techlawjournal.com/topstories/2012/20120710.asp',
      },
      note: 'China "was not in a position to accept the establishment of a panel" (WTO statement quoted by the source, and by Platts via made-in-china.com). Also Shanghai Daily on the special meeting requested for 10 July (https://archive.shine.cn/business/economy/WTO-panel-asked-for-rare-earth-dispute/shdaily.shtml).',
    },
    {
      on: '2012-07-23',
      step: 'establishPanel',
      source: CONSTITUTION,
      note: 'Single panel for DS431 (US), DS432 (EU) and DS433 (Japan) under DSU 9.1.',
    },
    {
      on: '2012-09-12',
      step: 'requestDgAppointment',
      by: 'COMPLAINANT',
      source: CONSTITUTION,
      note: 'Joint request by the United States, the European Union and Japan.',
    },
    {
      on: '2012-09-22',
      step: 'composePanel',
      how: 'DIRECTOR_GENERAL',
      implied: true,
      source: CONSTITUTION,
      note: `${ELECTED} IMPLIED: the date of the DG’s composition is cut from the part of the Secretariat’s note seen. Dated on the 10th day after the joint request of 12 September 2012, the latest date DSU 8.7 allows (the DSB chairman informs Members of the composition within 10 days of the request); the actual date may differ. The number of panelists is not in the part seen.`,
    },
    {
      on: '2014-03-26',
      step: 'circulateReport',
      source: {
        title: 'Jus Mundi, China – Rare Earths, Reports of the Panel (26 March 2014)',
        url: 'https://jusmundi.com/en/document/decision/en-china-measures-related-to-the-exportation-of-rare-earths-tungsten-and-molybdenum-reports-of-the-panel-wednesday-26th-march-2014-2',
        symbol: 'WT/DS433/R',
      },
    },
    {
      on: '2014-04-25',
      step: 'appeal',
      by: 'RESPONDENT',
      source: AB_LETTER,
      note: 'Japan did not cross-appeal in DS433 (the AB report lists China as appellant in DS432 and DS433).',
    },
    {
      on: '2014-06-23',
      step: 'informBodyOfDelay',
      appellate: true,
      source: AB_LETTER,
      note: 'The letter says the 60-day period expires on 24 June 2014 and that the reports will not be circulated within 90 days (an earlier letter of 17 June 2014, WT/DS431/11, gave the reasons); no date estimate appears in the part seen.',
    },
    {
      on: '2014-08-07',
      step: 'circulateAppellateReport',
      source: {
        title: 'Reports of the Appellate Body, China – Rare Earths, AB-2014-3/5/6 (dated 7 August 2014)',
        url: 'https://docslib.org/doc/5291030/wt-ds431-ab-r-wt-ds432-ab-r-wt-ds433-ab-r',
        symbol: 'WT/DS433/AB/R',
      },
    },
    { on: '2014-08-29', step: 'adopt', source: RPT },
    {
      on: '2014-12-08',
      step: 'agreeRpt',
      rptEndsOn: '2015-05-02',
      source: RPT,
      note: '"8 months and 3 days from the 29 August 2014 date of adoption"; expires on 2 May 2015.',
    },
  ],
};
