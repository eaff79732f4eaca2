import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const EU: ReplayMember = { code: 'BEL', name: 'European Union' };
const PHL: ReplayMember = { code: 'PHL', name: 'Philippines' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const WTO_PAGE: ReplaySource = {
  title: 'WTO — DS396: Philippines — Taxes on Distilled Spirits',
  url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds396_e.htm',
};
const PANEL_DELAY: ReplaySource = {
  title: 'Philippines – Taxes on Distilled Spirits, Communication from the Chairman of the Panel (dated 16 December 2010)',
  url: 'https://web.wtocenter.org.tw/Page/13317/211847',
};
const AB_DELAY: ReplaySource = {
  title:
    'Philippines – Taxes on Distilled Spirits, Communication from the Appellate Body (dated 21 November 2011); estimate quoted in WTO Center Vietnam, "WTO postpones circulation of decision on distilled spirits"',
  url: 'https://web.wtocenter.org.tw/Page/13317/218608',
};

export const DS396: ReplayCase = {
  ds: 'DS396',
  title: 'Philippines — Distilled Spirits',
  complainant: EU,
  respondent: PHL,
  covers:
    'Join of consultations (accepted), panel not established at the first meeting, panel delay letter, appeal and cross-appeal, AB 17.5 letter with expected date, AB report after 60 days, adoption.',
  source: WTO_PAGE,
  steps: [
    {
      on: '2009-07-29',
      step: 'requestConsultations',
      source: {
        title: 'WTO iLibrary, Philippines – Taxes on Distilled Spirits, Reports of the Appellate Body (abstract)',
        url: 'https://wto-ilibrary.org/content/reports/25189840/100',
      },
      note: 'BEL is a stand-in code: the European Union (then the European Communities) has no ISO 3166-1 alpha-3 code.',
    },
    {
      on: '2009-08-10',
      step: 'joinConsultations',
      member: { code: 'USA', name: 'United States' },
      accepted: true,
      source: {
        title: 'WTO iLibrary, Philippines – Taxes on Distilled Spirits, Reports of the Appellate Body (abstract)',
        url: 'https://wto-ilibrary.org/content/reports/25189840/100',
      },
    },
    {
      on: '2009-12-10',
      step: 'requestPanel',
      source: {
        title: 'European Commission, WT/DS396 – Philippines – Taxes on distilled spirits (case page: "Panel requested: 10 December 2009")',
        url: 'https://policy.trade.ec.europa.eu/enforcement-and-protection/dispute-settlement/wto-dispute-settlement/wto-disputes-cases-involving-eu/wtds396-philippines-taxes-distilled-spirits_en?prefLang=hu',
      },
      note: 'The Commission announced the request in a press release of 11 December 2009 (IP/09/1904). The same Commission page has errors elsewhere (it gives 29 September 2009 for consultations and 20 April 2010 for establishment), so treat this date with some care.',
    },
    {
      on: '2009-12-21',
      step: 'panelNotEstablished',
      source: {
        title:
          'Agence Europe, Europe Daily Bulletin No. 10056 (15 January 2010): "On 21 December, the EU submitted its request to the WTO Dispute Settlement Body"',
        url: 'https://agenceurope.eu/en/bulletin/article/10056/12',
      },
      note: 'UNCERTAIN: the source says the request was before the DSB on 21 December 2009 and the panel was established at the next meeting (19 January 2010); it does not state who objected.',
    },
    {
      on: '2010-01-19',
      step: 'establishPanel',
      source: PANEL_DELAY,
      note: 'The US complaint (DS403) was referred to the same panel on 20 April 2010.',
    },
    { on: '2010-07-05', step: 'composePanel', source: PANEL_DELAY, note: `${ELECTED} The source does not say how the panel was composed.` },
    {
      on: '2010-12-16',
      step: 'informBodyOfDelay',
      expectedBy: '2011-06-30',
      source: PANEL_DELAY,
      note: 'The timetable envisaged the final report to the parties "by June 2011"; the last day of June is used (approximation).',
    },
    {
      on: '2011-08-15',
      step: 'circulateReport',
      source: {
        title:
          'Reports of the Appellate Body, Philippines – Taxes on Distilled Spirits, Introduction (Dispute Settlement Reports 2012, Cambridge)',
        url: 'https://core-prod.cambridgecore.org/core/books/dispute-settlement-reports-2012/introduction/BB7F764D03A4215D8B3142C8C642CDA7',
        symbol: 'WT/DS396/R',
      },
    },
    {
      on: '2011-09-23',
      step: 'appeal',
      by: 'RESPONDENT',
      source: {
        title: 'Philippines – Taxes on Distilled Spirits, Notification of an Appeal by the Philippines (dated 23 September 2011)',
        url: 'https://web.wtocenter.org.tw/Page/13317/217103',
      },
    },
    {
      on: '2011-09-28',
      step: 'crossAppeal',
      by: 'COMPLAINANT',
      source: {
        title: 'Philippines – Taxes on Distilled Spirits, Notification of an Other Appeal by the European Union (dated 28 September 2011)',
        url: 'https://web.wtocenter.org.tw/Page/13317/217193',
      },
    },
    {
      on: '2011-11-21',
      step: 'informBodyOfDelay',
      appellate: true,
      expectedBy: '2011-12-22',
      source: AB_DELAY,
      note: 'Quoted text: "the Appellate Body will not be able to circulate its Reports by Tuesday, 22 November 2011. We estimate that the Appellate Body Reports in this appeal will be circulated to WTO Members no later than Thursday, 22 December 2011" (http://www.wtocenter.vn/tin-tuc/1396-wto-postpones-circulation-of-decision-on-distilled-spirits).',
    },
    {
      on: '2011-12-21',
      step: 'circulateAppellateReport',
      source: {
        title: 'Reports of the Appellate Body, Philippines – Taxes on Distilled Spirits, AB-2011-6 (dated 21 December 2011)',
        url: 'https://kipdf.com/world-trade-organization_5aaceb861723dd2c7ad99642.html',
        symbol: 'WT/DS396/AB/R',
      },
    },
    {
      on: '2012-01-20',
      step: 'adopt',
      source: {
        title:
          'WTO news, DSB meeting of 20 January 2012 (dsb_20jan12); International Law Prof Blog, "WTO Establishes Three New Dispute Resolution Panels" (25 January 2012)',
        url: 'http://www.wto.org/english/news_e/news12_e/dsb_20jan12_e.htm',
      },
      note: 'The meeting date comes from the WTO news page; the adoption of the Philippines – Distilled Spirits reports at that meeting from https://lawprofessors.typepad.com/international_law/2012/01/wto-establishes-three-new-dispute-resolution-panels.html.',
    },
  ],
};
