import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const EU: ReplayMember = { code: 'BEL', name: 'European Union' };
const CHN: ReplayMember = { code: 'CHN', name: 'China' };

const USTR: ReplaySource = {
  title: 'USTR, Measures Concerning Trade in Goods (DS610) — summary of the WTO record',
  url: 'https://ustr.gov/node/13448',
};
const WTO_PAGE: ReplaySource = {
  title: 'WTO — DS610: China — Measures Concerning Trade in Goods (summary of the dispute)',
  url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds610_e.htm',
};
const SUSPENSION: ReplaySource = {
  title: 'China – Measures Concerning Trade in Goods, Suspension of Panel Work, Communication from the Panel (dated 25 January 2024)',
  url: 'https://web.wtocenter.org.tw/Page/13317/393975',
};

export const DS610: ReplayCase = {
  ds: 'DS610',
  title: 'China — Trade in Goods (Lithuania)',
  complainant: EU,
  respondent: CHN,
  covers:
    'Six members joining consultations, panel deferred at the first meeting, 18 third parties, suspension at the complainant’s request (DSU 12.12).',
  source: WTO_PAGE,
  steps: [
    {
      on: '2022-01-27',
      step: 'requestConsultations',
      source: WTO_PAGE,
      note: 'BEL is a stand-in code for the European Union, which has no ISO 3166-1 alpha-3 code.',
    },
    {
      on: '2022-02-08',
      step: 'joinConsultations',
      member: { code: 'AUS', name: 'Australia' },
      source: WTO_PAGE,
      note: 'The record seen does not say whether China accepted the request.',
    },
    {
      on: '2022-02-09',
      step: 'joinConsultations',
      member: { code: 'TWN', name: 'Chinese Taipei' },
      source: WTO_PAGE,
      note: 'Acceptance not recorded in the part seen.',
    },
    {
      on: '2022-02-10',
      step: 'joinConsultations',
      member: { code: 'CAN', name: 'Canada' },
      source: WTO_PAGE,
      note: 'Acceptance not recorded in the part seen.',
    },
    {
      on: '2022-02-10',
      step: 'joinConsultations',
      member: { code: 'JPN', name: 'Japan' },
      source: WTO_PAGE,
      note: 'Acceptance not recorded in the part seen.',
    },
    {
      on: '2022-02-10',
      step: 'joinConsultations',
      member: { code: 'GBR', name: 'United Kingdom' },
      source: WTO_PAGE,
      note: 'Acceptance not recorded in the part seen.',
    },
    {
      on: '2022-02-10',
      step: 'joinConsultations',
      member: { code: 'USA', name: 'United States' },
      source: WTO_PAGE,
      note: 'Acceptance not recorded in the part seen.',
    },
    { on: '2022-12-07', step: 'requestPanel', source: WTO_PAGE },
    {
      on: '2022-12-20',
      step: 'panelNotEstablished',
      source: WTO_PAGE,
      note: 'The record says "the DSB deferred the establishment of the panel"; it does not say at whose initiative.',
    },
    { on: '2023-01-27', step: 'establishPanel', source: WTO_PAGE },
    {
      on: '2023-01-27',
      step: 'reserveThirdPartyRights',
      members: [
        { code: 'AUS', name: 'Australia' },
        { code: 'BRA', name: 'Brazil' },
        { code: 'CAN', name: 'Canada' },
        { code: 'COL', name: 'Colombia' },
        { code: 'IND', name: 'India' },
        { code: 'IDN', name: 'Indonesia' },
        { code: 'JPN', name: 'Japan' },
        { code: 'KOR', name: 'Korea, Republic of' },
        { code: 'NZL', name: 'New Zealand' },
        { code: 'NOR', name: 'Norway' },
        { code: 'RUS', name: 'Russian Federation' },
        { code: 'CHE', name: 'Switzerland' },
        { code: 'TWN', name: 'Chinese Taipei' },
        { code: 'THA', name: 'Thailand' },
        { code: 'TUR', name: 'Türkiye' },
        { code: 'GBR', name: 'United Kingdom' },
        { code: 'USA', name: 'United States' },
        { code: 'VNM', name: 'Viet Nam' },
      ],
      source: USTR,
      note: 'The composition date was not found (the record seen says only that the parties agreed on something "during the composition process"), so no composePanel step is replayed.',
    },
    {
      on: '2023-02-14',
      step: 'composePanel',
      implied: true,
      source: {
        title: 'WTO, Communication from the Panel (25 January 2024): the Chairperson of the Panel writes to the DSB',
        url: 'https://web.wtocenter.org.tw/Page/13317/393975',
      },
      note: 'IMPLIED: the panel had been composed by 25 January 2024 (its chair wrote to the body); the record searched gives no date. The body elects its panelists: the replay runs an election and composes the panel as soon as its rules allow.',
    },
    { on: '2024-01-25', step: 'requestSuspension', by: 'COMPLAINANT', source: SUSPENSION },
    {
      on: '2024-01-25',
      step: 'suspend',
      source: SUSPENSION,
      note: 'Suspended "for an indeterminate period of time, effective from 25 January 2024". Inside Trade (30 January 2025) reports that the EU "again" suspended the panel in January 2025 so that its authority would not lapse, and a December communication ending the dispute is reported by Agra (year not given in the part seen); neither date is precise enough to replay.',
    },
  ],
};
