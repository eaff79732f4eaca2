import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const UKR: ReplayMember = { code: 'UKR', name: 'Ukraine' };
const AUS: ReplayMember = { code: 'AUS', name: 'Australia' };
const EU: ReplayMember = { code: 'BEL', name: 'European Union' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const WTO_PAGE: ReplaySource = {
  title: 'WTO — DS434: Australia — Certain Measures Concerning Trademarks and Other Plain Packaging Requirements (summary of the dispute)',
  url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds434_e.htm',
};
const KLUWER: ReplaySource = {
  title: 'Kluwer Arbitration Blog, on Ukraine’s WTO panel request against Australia’s plain packaging (September 2012)',
  url: 'https://arbitrationblog.kluwerarbitration.com/?p=5671',
};
const TWN_EST: ReplaySource = {
  title: 'Third World Network / SUNS #7449, "Panel set to examine Australia’s plain tobacco packaging" (2 October 2012)',
  url: 'http://www.twn.my/title2/wto.info/2012/twninfo121004.htm',
};
const SUSPENSION: ReplaySource = {
  title: 'DS434 panel communication on suspension (text reproduced by the International Economic Law and Policy Blog, June 2015)',
  url: 'https://ielp.worldtradelaw.net/2015/06/the-ukraine-plain-packaging-wto-dispute-has-been-suspended.html',
};

export const DS434: ReplayCase = {
  ds: 'DS434',
  title: 'Australia — Tobacco Plain Packaging (Ukraine)',
  complainant: UKR,
  respondent: AUS,
  covers:
    'Many joins of consultations (some accepted), panel blocked at the first meeting, 24 third parties, composition by the Director-General, suspension at the complainant’s request (DSU 12.12).',
  source: WTO_PAGE,
  steps: [
    {
      on: '2012-03-13',
      step: 'requestConsultations',
      source: WTO_PAGE,
      note: 'BEL is a stand-in code for the European Union, which has no ISO 3166-1 alpha-3 code.',
    },
    { on: '2012-03-22', step: 'joinConsultations', member: { code: 'GTM', name: 'Guatemala' }, accepted: true, source: WTO_PAGE },
    {
      on: '2012-03-23',
      step: 'joinConsultations',
      member: { code: 'NOR', name: 'Norway' },
      source: WTO_PAGE,
      note: 'The list of accepted requests in the part of the WTO page seen is cut after Nicaragua; Norway’s acceptance is not confirmed.',
    },
    {
      on: '2012-03-23',
      step: 'joinConsultations',
      member: { code: 'URY', name: 'Uruguay' },
      source: WTO_PAGE,
      note: 'The list of accepted requests in the part of the WTO page seen is cut after Nicaragua; Uruguay’s acceptance is not confirmed.',
    },
    { on: '2012-03-26', step: 'joinConsultations', member: { code: 'BRA', name: 'Brazil' }, accepted: true, source: WTO_PAGE },
    { on: '2012-03-26', step: 'joinConsultations', member: { code: 'CAN', name: 'Canada' }, accepted: true, source: WTO_PAGE },
    { on: '2012-03-26', step: 'joinConsultations', member: EU, accepted: true, source: WTO_PAGE },
    { on: '2012-03-26', step: 'joinConsultations', member: { code: 'NZL', name: 'New Zealand' }, accepted: true, source: WTO_PAGE },
    { on: '2012-03-26', step: 'joinConsultations', member: { code: 'NIC', name: 'Nicaragua' }, accepted: true, source: WTO_PAGE },
    {
      on: '2012-08-14',
      step: 'requestPanel',
      source: KLUWER,
      note: 'UNCERTAIN DATE: Australia’s minister announced the request on 15 August 2012, "although the formal document suggests that the request was filed one day earlier" (Kluwer blog).',
    },
    {
      on: '2012-08-31',
      step: 'panelNotEstablished',
      source: KLUWER,
      note: 'Australia blocked the first request at the DSB meeting of Friday 31 August 2012 (also Sydney Morning Herald, 2 September 2012).',
    },
    { on: '2012-09-28', step: 'establishPanel', source: TWN_EST },
    {
      on: '2012-09-28',
      step: 'reserveThirdPartyRights',
      members: [
        { code: 'URY', name: 'Uruguay' },
        { code: 'NZL', name: 'New Zealand' },
        { code: 'NOR', name: 'Norway' },
        { code: 'ZWE', name: 'Zimbabwe' },
        { code: 'HND', name: 'Honduras' },
        { code: 'DOM', name: 'Dominican Republic' },
        { code: 'ZMB', name: 'Zambia' },
        { code: 'NIC', name: 'Nicaragua' },
        { code: 'IDN', name: 'Indonesia' },
        { code: 'USA', name: 'United States' },
        { code: 'TWN', name: 'Chinese Taipei' },
        { code: 'TUR', name: 'Turkey' },
        { code: 'OMN', name: 'Oman' },
        { code: 'JPN', name: 'Japan' },
        EU,
        { code: 'PHL', name: 'Philippines' },
        { code: 'ECU', name: 'Ecuador' },
        { code: 'KOR', name: 'Korea, Republic of' },
        { code: 'IND', name: 'India' },
        { code: 'BRA', name: 'Brazil' },
        { code: 'ARG', name: 'Argentina' },
        { code: 'SGP', name: 'Singapore' },
        { code: 'GTM', name: 'Guatemala' },
        { code: 'CAN', name: 'Canada' },
      ],
      source: TWN_EST,
    },
    {
      on: '2014-05-05',
      step: 'composePanel',
      how: 'DIRECTOR_GENERAL',
      panelists: 3,
      source: {
        title:
          'McCabe Centre for Law and Cancer, "Dispute in the World Trade Organization" ("On 5 May 2014, the Director-General of the WTO appointed panellists")',
        url: 'http://www.mccabecentre.org/focus-areas/tobacco/dispute-in-the-world-trade-organization',
      },
      note: `${ELECTED} The same three panelists were appointed in DS434, DS435, DS441, DS458 and DS467 under a procedural agreement of 24 April 2014. The date of the request to the Director-General was not found.`,
    },
    { on: '2015-05-28', step: 'requestSuspension', by: 'COMPLAINANT', source: SUSPENSION },
    {
      on: '2015-05-29',
      step: 'suspend',
      source: SUSPENSION,
      note: 'The panel decided on 29 May 2015 to grant Ukraine’s request; Australia supported it by letter of the same day. The authority for the panel later lapsed under DSU 12.12, but the lapse date was not found in the sources seen, so no lapse step is replayed.',
    },
  ],
};
