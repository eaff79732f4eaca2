import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const USA: ReplayMember = { code: 'USA', name: 'United States' };
const PHL: ReplayMember = { code: 'PHL', name: 'Philippines' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const WTO_PAGE: ReplaySource = {
  title: 'WTO — DS403: Philippines — Taxes on Distilled Spirits (complaint by the United States)',
  url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds403_e.htm',
};
const EC_PAGE: ReplaySource = {
  title: 'European Commission, WT/DS403 – Philippines – Taxes on distilled spirits (EU as third party)',
  url: 'https://policy.trade.ec.europa.eu/enforcement-and-protection/dispute-settlement/wto-dispute-settlement/wto-disputes-cases-involving-eu/wtds403-philippines-taxes-distilled-spirits_en',
};
const PANEL_DELAY: ReplaySource = {
  title: 'Philippines – Taxes on Distilled Spirits, Communication from the Chairman of the Panel (dated 16 December 2010)',
  url: 'https://web.wtocenter.org.tw/Page/13317/211847',
};
const MARCO: ReplaySource = {
  title: 'Marco Trade News, "Dispute Settlement Body meeting results" (30 April 2010)',
  url: 'http://marcotradenews.com/noticias/dispute-settlement-body-meeting-results-21779',
};

export const DS403: ReplayCase = {
  ds: 'DS403',
  title: 'Philippines — Distilled Spirits',
  complainant: USA,
  respondent: PHL,
  covers:
    'Panel established at the first request (joined to an existing panel, DSU 9), third parties at establishment, panel delay letter, appeal, AB 17.5 letter with expected date, adoption.',
  source: WTO_PAGE,
  steps: [
    {
      on: '2010-01-14',
      step: 'requestConsultations',
      source: EC_PAGE,
      note: 'Secondary source (the Commission’s case page); it has errors on the sister case DS396, so check against WT/DS403/1.',
    },
    { on: '2010-03-26', step: 'requestPanel', source: EC_PAGE, note: 'Secondary source, as above.' },
    {
      on: '2010-04-20',
      step: 'establishPanel',
      source: PANEL_DELAY,
      note: 'Established at the first request and referred to the panel already established for DS396 (Marco Trade News). The DSB meeting date comes from the panel’s letter.',
    },
    {
      on: '2010-04-20',
      step: 'reserveThirdPartyRights',
      members: [
        { code: 'AUS', name: 'Australia' },
        { code: 'CHN', name: 'China' },
        { code: 'TWN', name: 'Chinese Taipei' },
        { code: 'MEX', name: 'Mexico' },
        { code: 'THA', name: 'Thailand' },
      ],
      source: MARCO,
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
        symbol: 'WT/DS403/R',
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
      note: 'Only the European Union filed an other appeal (in DS396); the United States did not.',
    },
    {
      on: '2011-11-21',
      step: 'informBodyOfDelay',
      appellate: true,
      expectedBy: '2011-12-22',
      source: {
        title: 'Philippines – Taxes on Distilled Spirits, Communication from the Appellate Body (dated 21 November 2011)',
        url: 'https://web.wtocenter.org.tw/Page/13317/218608',
      },
      note: 'Estimate quoted in http://www.wtocenter.vn/tin-tuc/1396-wto-postpones-circulation-of-decision-on-distilled-spirits: "no later than Thursday, 22 December 2011".',
    },
    {
      on: '2011-12-21',
      step: 'circulateAppellateReport',
      source: {
        title: 'Reports of the Appellate Body, Philippines – Taxes on Distilled Spirits, AB-2011-6 (dated 21 December 2011)',
        url: 'https://kipdf.com/world-trade-organization_5aaceb861723dd2c7ad99642.html',
        symbol: 'WT/DS403/AB/R',
      },
    },
    {
      on: '2012-01-20',
      step: 'adopt',
      source: {
        title: 'WTO news, DSB meeting of 20 January 2012 (dsb_20jan12); International Law Prof Blog (25 January 2012)',
        url: 'http://www.wto.org/english/news_e/news12_e/dsb_20jan12_e.htm',
      },
      note: 'Adoption at that meeting per https://lawprofessors.typepad.com/international_law/2012/01/wto-establishes-three-new-dispute-resolution-panels.html.',
    },
  ],
};
