import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const VNM: ReplayMember = { code: 'VNM', name: 'Viet Nam' };
const USA: ReplayMember = { code: 'USA', name: 'United States' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const PANEL_REPORT: ReplaySource = {
  title:
    'United States – Anti-Dumping Measures on Fish Fillets from Viet Nam, Report of the Panel (DSU 12.7 report on the solution), sections 1–2',
  url: 'http://web.wtocenter.org.tw/Page/13202/407684',
  symbol: 'WT/DS536/R',
};
const KEY_FACTS: ReplaySource = {
  title: 'WTO — DS536 key facts and summary (up to date at 7 February 2023), reproduced by antidumping.vn',
  url: 'https://antidumping.vn/dispute-settlement-ds536-united-states-anti-dumping-measures-on-fish-fillets-from-vietnam-n25863.html',
};

export const DS536: ReplayCase = {
  ds: 'DS536',
  title: 'US — Fish Fillets (Viet Nam)',
  complainant: VNM,
  respondent: USA,
  covers:
    'Panel deferred at the first meeting, third parties, late composition by the Director-General after the complainant’s request (DSU 8.7), mutually agreed solution during the panel proceedings.',
  source: { title: 'WTO — DS536 case page', url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds536_e.htm' },
  steps: [
    {
      on: '2018-01-08',
      step: 'requestConsultations',
      source: PANEL_REPORT,
      note: 'Consultations were held on 1 March 2018. BEL (in the third-party list) is a stand-in code for the European Union, which has no ISO 3166-1 alpha-3 code.',
    },
    { on: '2018-06-08', step: 'requestPanel', source: PANEL_REPORT },
    {
      on: '2018-06-22',
      step: 'panelNotEstablished',
      source: PANEL_REPORT,
      note: 'The report says the DSB "deferred the establishment of a panel"; it does not say at whose initiative.',
    },
    { on: '2018-07-20', step: 'establishPanel', source: PANEL_REPORT },
    {
      on: '2018-07-20',
      step: 'reserveThirdPartyRights',
      members: [
        { code: 'CAN', name: 'Canada' },
        { code: 'CHN', name: 'China' },
        { code: 'BEL', name: 'European Union' },
        { code: 'EGY', name: 'Egypt' },
        { code: 'IND', name: 'India' },
        { code: 'JPN', name: 'Japan' },
        { code: 'MYS', name: 'Malaysia' },
        { code: 'RUS', name: 'Russian Federation' },
        { code: 'SGP', name: 'Singapore' },
        { code: 'THA', name: 'Thailand' },
      ],
      source: KEY_FACTS,
      note: 'UNCERTAIN DATE: the key facts list the third parties without dates; the establishment meeting is used (reservations may also be made in the following days).',
    },
    { on: '2018-11-22', step: 'requestDgAppointment', by: 'COMPLAINANT', source: PANEL_REPORT },
    {
      on: '2018-11-30',
      step: 'composePanel',
      how: 'DIRECTOR_GENERAL',
      source: KEY_FACTS,
      note: `${ELECTED} Date from the key facts ("Panel composed: 30 November 2018"); "how" follows from Viet Nam’s request to the Director-General of 22 November 2018. The number of panelists is not in the sources seen.`,
    },
    {
      on: '2025-01-17',
      step: 'mutuallyAgreedSolution',
      source: {
        title: 'US – Fish Fillets (Viet Nam), Notification of a Mutually Agreed Solution (communication dated 17 January 2025)',
        url: 'http://web.wtocenter.org.tw/Page/11743/407360',
        symbol: 'WT/DS536/26',
      },
      note: 'Joint notification under DSU 3.6; the panel then issued a report confined to a brief description and the solution (DSU 12.7).',
    },
  ],
};
