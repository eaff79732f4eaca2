import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const USA: ReplayMember = { code: 'USA', name: 'United States' };
const EU: ReplayMember = { code: 'BEL', name: 'European Union' };

const CASE_STUDY: ReplaySource = {
  title: 'WTO, SPS Agreement training module, case study "EC — Hormones" (calendar), mirrored copy of wto.org/english/tratop_e/sps_e/sps_agreement_cbt_e/c5s3p1_e.htm',
  url: 'http://www.2n2y.com/english/tratop_e/sps_e/sps_agreement_cbt_e/c5s3p1_e.htm',
};
const RPT_AWARD: ReplaySource = {
  title: 'EC – Hormones, Arbitration under Article 21.3(c), Award of the Arbitrator Julio Lacarte-Muró (29 May 1998)',
  url: 'http://www.sice.oas.org/dispute/wto/hormarb.asp',
  symbol: 'WT/DS26/15',
};
const BBC_3JUN99: ReplaySource = {
  title: 'BBC News, "WTO approves US sanctions" (Thursday 3 June 1999), reproduced on a mailing-list archive',
  url: 'https://www.mail-archive.com/ctrl@listserv.aol.com/msg14726.html',
};

export const DS26: ReplayCase = {
  ds: 'DS26',
  title: 'EC — Hormones',
  complainant: USA,
  respondent: EU,
  covers: 'RPT arbitration under 21.3(c) requested by the respondent (award, RPT end), then 22.2 request, 22.6 objection and award.',
  source: { title: 'WTO — DS26 case page', url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds26_e.htm' },
  steps: [
    {
      on: '1996-05-20',
      step: 'establishPanel',
      source: CASE_STUDY,
      note: 'BEL is a stand-in code for the European Communities / European Union, which has no ISO 3166-1 alpha-3 code. The request for consultations and the panel request are not dated in the sources found; the replay starts at establishment.',
    },
    { on: '1997-08-18', step: 'circulateReport', source: CASE_STUDY, note: 'Symbol WT/DS26/R.' },
    {
      on: '1998-01-16',
      step: 'circulateAppellateReport',
      source: CASE_STUDY,
      note: 'Symbol WT/DS26/AB/R. The EC’s notice of appeal (and any other appeals) are not dated in the sources found.',
    },
    { on: '1998-02-13', step: 'adopt', source: RPT_AWARD },
    { on: '1998-03-13', step: 'stateIntentions', source: RPT_AWARD },
    {
      on: '1998-04-08',
      step: 'requestRptArbitration',
      by: 'RESPONDENT',
      source: RPT_AWARD,
      note: 'Consultations on the RPT were held on 26 March 1998 without agreement.',
    },
    {
      on: '1998-05-29',
      step: 'rptAward',
      rptEndsOn: '1999-05-13',
      source: RPT_AWARD,
      note: 'RPT end from the WTO case study ("Arbitrator’s determined deadline for compliance: 13 May 1999") and USTR’s notice in the Federal Register of 25 March 1999 ("May 13, 1999 is the deadline", http://federal.elaws.us/fr/3/25/1999/99-7409).',
    },
    {
      on: '1999-06-03',
      step: 'requestRetaliation',
      source: BBC_3JUN99,
      note: 'UNCERTAIN: date of the DSB special meeting at which the US request (USD 202 million) was taken up; the date of the written request was not found.',
    },
    {
      on: '1999-06-03',
      step: 'objectToRetaliationLevel',
      by: 'RESPONDENT',
      source: BBC_3JUN99,
      note: 'The EC objected to the level at the same meeting and the matter went to arbitration (also The Moscow Times / AP: http://oldtmt.vedomosti.ru/news/article/tmt/276463.html).',
    },
    {
      on: '1999-07-12',
      step: 'retaliationAward',
      source: {
        title: 'EC – Hormones (US), Recourse to Arbitration by the European Communities under Article 22.6, Decision by the Arbitrators (12 July 1999)',
        url: 'https://vdocuments.us/world-trade-web-viewworld-trade-organization-wtds26arb-12-july-1999-99-2855.html',
        symbol: 'WT/DS26/ARB',
      },
      note: 'USD 116.8 million a year. The DSB’s authorisation later in July 1999 was not dated in the sources found, so no authorizeSuspension step is replayed.',
    },
  ],
};
