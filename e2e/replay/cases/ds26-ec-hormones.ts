import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const USA: ReplayMember = { code: 'USA', name: 'United States' };
const EU: ReplayMember = { code: 'BEL', name: 'European Union' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const CASE_STUDY: ReplaySource = {
  title:
    'WTO, SPS Agreement training module, case study "EC — Hormones" (calendar), mirrored copy of wto.org/english/tratop_e/sps_e/sps_agreement_cbt_e/c5s3p1_e.htm',
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

const WTO_DS26: ReplaySource = {
  title:
    'WTO — DS26 case page, summary of the dispute ("On 25 April 1996, the United States requested the establishment of a panel. At its meeting on 8 May 1996, the DSB deferred the establishment of a panel.")',
  url: 'http://www.wto.org/english/tratop_e/dispu_e/cases_e/ds26_e.htm',
};
const EC_DS26: ReplaySource = {
  title:
    'European Commission, WT/DS26 – EC – Measures affecting meat and meat products (Hormones), case summary ("Consultations requested: 26 January 1996 • Panel requested: 25 April 1996 • Panel established: 20 May 1996 • Appeal requested: 24 September 1997")',
  url: 'https://policy.trade.ec.europa.eu/enforcement-and-protection/dispute-settlement/wto-dispute-settlement/wto-disputes-cases-involving-eu/wtds26-european-communities-measures-affecting-meat-and-meat-products-hormones_hr',
};
const AB_REPORT: ReplaySource = {
  title:
    'EC Measures concerning meat and meat products (hormones), AB-1997-4, Report of the Appellate Body (16 January 1998), reproduced by SICE/OAS',
  url: 'http://www.sice.oas.org/DISPUTE/wto/hormeca2.asp',
  symbol: 'WT/DS26/AB/R',
};

export const DS26: ReplayCase = {
  ds: 'DS26',
  title: 'EC — Hormones',
  complainant: USA,
  respondent: EU,
  covers:
    'Panel deferred at the first meeting, appeal with an (implied) other appeal, RPT arbitration under 21.3(c) requested by the respondent (award, RPT end), then 22.2 request, 22.6 objection, award and authorisation.',
  source: { title: 'WTO — DS26 case page', url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds26_e.htm' },
  steps: [
    {
      on: '1996-01-26',
      step: 'requestConsultations',
      source: {
        title:
          'WTO iLibrary, EC – Hormones, Report of the Panel (abstract: "On 26 January 1996, the United States requested consultations with the European Communities …")',
        url: 'https://www.wto-ilibrary.org/dispute-settlement/european-communities-measures-concerning-meat-and-meat-products-hormones_6a937e66-en',
        symbol: 'WT/DS26/1',
      },
      note: 'BEL is a stand-in code for the European Communities / European Union, which has no ISO 3166-1 alpha-3 code. Same date on the WTO case page and the Commission’s case summary.',
    },
    { on: '1996-04-25', step: 'requestPanel', source: WTO_DS26, note: 'Same date in the Commission’s case summary.' },
    {
      on: '1996-05-08',
      step: 'panelNotEstablished',
      source: WTO_DS26,
      note: 'The WTO page says the DSB "deferred the establishment of a panel"; it does not say at whose initiative.',
    },
    {
      on: '1996-05-20',
      step: 'establishPanel',
      source: CASE_STUDY,
      note: 'Established at the United States’ second request (WTO case page). Also in the Commission’s case summary and the American Meat Institute statement of 24 June 1998.',
    },
    {
      on: '1996-06-26',
      step: 'composePanel',
      panelists: 3,
      implied: true,
      source: {
        title:
          'USTR notice, WTO Dispute Settlement Proceeding Concerning European Ban on the Import of Meat From Animals Treated With Certain Hormones, Federal Register 61/124 (26 June 1996), pp. 33149-33150',
        url: 'https://www.govinfo.gov/content/pkg/FR-1996-06-26/html/96-16283.htm',
      },
      note: `${ELECTED} IMPLIED: the date of composition is not in the record searched. Dated on the day USTR announced in the Federal Register that the panel "convened … at the request of the United States will examine" the ban and invited comments by 24 July 1996 for its first written submission, i.e. once the panel was at work; the actual composition may be some days earlier or later. Three panelists (Thomas Cottier, chair; Peter Palecka; Jun Yokota) per the WTO SPS case study; how they were chosen is not recorded, so how is left unset.`,
    },
    { on: '1997-08-18', step: 'circulateReport', source: CASE_STUDY, note: 'Symbol WT/DS26/R.' },
    {
      on: '1997-09-24',
      step: 'appeal',
      by: 'RESPONDENT',
      source: EC_DS26,
      note: 'Also the American Meat Institute statement of 24 June 1998 (https://www.meatinstitute.org/ht/display/ShowPage/id/1485/pid/1485: "On September 24, 1997, the EU appealed") and the WTO DS48 page ("On 24 September 1997, the European Communities notified its intention to appeal").',
    },
    {
      on: '1997-09-29',
      step: 'crossAppeal',
      by: 'COMPLAINANT',
      implied: true,
      source: AB_REPORT,
      note: 'IMPLIED: the date of the United States’ other appeal is not in the record searched, and the sources seen (AB report extracts on sice.oas.org) show the United States arguing as appellee; that it also appealed is taken from the brief for this fixture and was not confirmed. In 1997 there was no notice of other appeal: under Rule 23(1) of the Working Procedures then in force a party could join the appeal by filing an appellant’s submission within 15 days of the notice (by 9 October 1997). The body’s rule (Working Procedures, rule 23, as now) allows 5 days, so the step is dated on the 5th day after the EC’s notice of 24 September 1997.',
    },
    {
      on: '1998-01-16',
      step: 'circulateAppellateReport',
      source: CASE_STUDY,
      note: 'Symbol WT/DS26/AB/R.',
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
      note: 'UNCERTAIN: date of the DSB special meeting at which the US request (USD 202 million) was taken up; the date of the written request was not found. The Commission’s case summary lists "02 June 1999 – Recourse to Art. 22" without saying whose recourse (the US request or the EC’s request for arbitration).',
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
        title:
          'EC – Hormones (US), Recourse to Arbitration by the European Communities under Article 22.6, Decision by the Arbitrators (12 July 1999)',
        url: 'https://vdocuments.us/world-trade-web-viewworld-trade-organization-wtds26arb-12-july-1999-99-2855.html',
        symbol: 'WT/DS26/ARB',
      },
      note: 'USD 116.8 million a year.',
    },
    {
      on: '1999-07-26',
      step: 'authorizeSuspension',
      source: EC_DS26,
      note: 'The Commission’s summary says: "On 26 July 1999, concessions were suspended at a level of US$ 116,8 million (USA) and CN$ 11.3 million (Canada)" (the DSB meeting that authorised the suspension). USTR imposed the duties with effect from 29 July 1999 (Federal Register 64/143, 27 July 1999, https://www.govinfo.gov/content/pkg/FR-1999-07-27/html/99-19174.htm).',
    },
  ],
};
