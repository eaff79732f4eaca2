import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const ARG: ReplayMember = { code: 'ARG', name: 'Argentina' };
const CHL: ReplayMember = { code: 'CHL', name: 'Chile' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const WTO_PAGE: ReplaySource = {
  title:
    'WTO — DS356: Chile — Definitive Safeguard Measure on Certain Milk Products (summary up to date at 24 February 2010, reproduced by antidumping.vn)',
  url: 'https://antidumping.vn/dispute-settlement-ds356-n12004.html',
};
const LAPSE_NOTE: ReplaySource = {
  title:
    'Chile – Provisional / Definitive Safeguard Measure on Certain Milk Products, Lapse of Authority for the Establishment of the Panel, Note by the Secretariat (1 August 2008)',
  url: 'https://web.wtocenter.org.tw/Page/13317/194002',
  symbol: 'WT/DS356/5',
};

export const DS356: ReplayCase = {
  ds: 'DS356',
  title: 'Chile — Milk Safeguards',
  complainant: ARG,
  respondent: CHL,
  covers:
    'Panel blocked at the first meeting and established at the second, panel suspended at the complainant’s request, authority lapsed after 12 months (DSU 12.12).',
  source: { title: 'WTO — DS356 case page', url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds356_e.htm' },
  steps: [
    { on: '2006-12-28', step: 'requestConsultations', source: WTO_PAGE },
    { on: '2007-03-08', step: 'requestPanel', source: WTO_PAGE },
    {
      on: '2007-03-20',
      step: 'panelNotEstablished',
      source: WTO_PAGE,
      note: 'The record says "the DSB deferred the establishment of a panel"; it does not say at whose initiative.',
    },
    { on: '2007-04-24', step: 'establishPanel', source: WTO_PAGE },
    {
      on: '2007-04-24',
      step: 'reserveThirdPartyRights',
      members: [{ code: 'USA', name: 'United States' }],
      source: WTO_PAGE,
    },
    { on: '2007-06-15', step: 'composePanel', source: WTO_PAGE, note: `${ELECTED} The record does not say how the panel was composed.` },
    { on: '2007-07-31', step: 'requestSuspension', by: 'COMPLAINANT', source: WTO_PAGE },
    {
      on: '2007-07-31',
      step: 'suspend',
      source: LAPSE_NOTE,
      note: 'The Secretariat note says the panel suspended its work on 31 July 2007 (WT/DS351/4, WT/DS356/4); the chairman informed the DSB on 3 August 2007 (WTO page).',
    },
    {
      on: '2008-08-01',
      step: 'lapse',
      source: LAPSE_NOTE,
      note: 'Same note also issued as WT/DS351/5 for the provisional-measure dispute DS351.',
    },
  ],
};
