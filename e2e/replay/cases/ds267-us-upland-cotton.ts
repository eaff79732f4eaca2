import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const BRA: ReplayMember = { code: 'BRA', name: 'Brazil' };
const USA: ReplayMember = { code: 'USA', name: 'United States' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const WTO_PAGE: ReplaySource = {
  title: 'WTO — DS267: United States — Subsidies on Upland Cotton (summary of the dispute)',
  url: 'http://www.wto.org/english/tratop_e/dispu_e/cases_e/ds267_e.htm',
};
const CRS_2005: ReplaySource = {
  title: 'CRS Report RL32571, Background on the U.S.-Brazil WTO Cotton Subsidy Dispute (updated 11 July 2005)',
  url: 'https://www.everycrsreport.com/files/20050711_RL32571_e3d855ab9291ded70fff21f9b45cb1a6f2edb061.html',
};
const RW_INTRO: ReplaySource = {
  title:
    'Report of the Panel, US – Upland Cotton (Article 21.5 – Brazil), Introduction paras 1.1–1.4 (Dispute Settlement Reports 2008, Cambridge)',
  url: 'https://homsy-staging.cambridgecore.org/core/books/abs/dispute-settlement-reports-2008/report-of-the-panel/0065A2289E4DE2DF1DBD40273B26F2BA',
  symbol: 'WT/DS267/RW',
};

export const DS267: ReplayCase = {
  ds: 'DS267',
  title: 'US — Upland Cotton',
  complainant: BRA,
  respondent: USA,
  covers:
    'Joins of consultations (only some accepted), panel blocked at the first meeting, appeal, compliance period fixed by the DSB (implied RPT step), 22.2 request and 22.6 objection (2005), 21.5 with DG requests and appeal, 22.6 award and authorisation, settlement (2014).',
  source: WTO_PAGE,
  steps: [
    { on: '2002-09-27', step: 'requestConsultations', source: WTO_PAGE },
    {
      on: '2002-10-09',
      step: 'joinConsultations',
      member: { code: 'ZWE', name: 'Zimbabwe' },
      source: WTO_PAGE,
      note: 'The record lists only Argentina and India as accepted by the United States; acceptance of Zimbabwe is not recorded.',
    },
    { on: '2002-10-11', step: 'joinConsultations', member: { code: 'IND', name: 'India' }, accepted: true, source: WTO_PAGE },
    { on: '2002-10-14', step: 'joinConsultations', member: { code: 'ARG', name: 'Argentina' }, accepted: true, source: WTO_PAGE },
    {
      on: '2002-10-14',
      step: 'joinConsultations',
      member: { code: 'CAN', name: 'Canada' },
      source: WTO_PAGE,
      note: 'The record lists only Argentina and India as accepted by the United States; acceptance of Canada is not recorded.',
    },
    { on: '2003-02-06', step: 'requestPanel', source: WTO_PAGE },
    {
      on: '2003-02-19',
      step: 'panelNotEstablished',
      source: WTO_PAGE,
      note: 'The WTO page says "the DSB deferred the establishment of a panel"; it does not say who asked for the deferral.',
    },
    {
      on: '2003-03-18',
      step: 'establishPanel',
      source: {
        title:
          'USTR notice, WTO Dispute Settlement Proceeding Regarding United States Subsidies to Upland Cotton, Federal Register 68/148 (1 Aug 2003)',
        url: 'https://webarchive.library.unt.edu/eot2008/20090509065805/http://edocket.access.gpo.gov/2003/03-19556.htm',
      },
    },
    {
      on: '2003-05-19',
      step: 'composePanel',
      panelists: 3,
      source: {
        title: 'India Environment Portal, "How events unfolded" (timeline of the cotton dispute)',
        url: 'http://indiaenvironmentportal.org.in/content/36550/how-events-unfolded',
      },
      note: `${ELECTED} The source says "three-member panel constituted" but not whether by agreement or by the Director-General, so how is left unset.`,
    },
    {
      on: '2004-09-08',
      step: 'circulateReport',
      source: {
        title: 'CRS Report RL32571, Brazil’s WTO Case Against the U.S. Cotton Program (updated 17 June 2008)',
        url: 'https://www.everycrsreport.com/files/20080617_RL32571_9d4309898749b344b2b2cda175bd919b29b291f7.html',
        symbol: 'WT/DS267/R',
      },
    },
    {
      on: '2004-10-18',
      step: 'appeal',
      by: 'RESPONDENT',
      source: CRS_2005,
      note: 'Brazil also appealed (the Appellate Body report lists "Claims of Error by Brazil – Appellant"), but the date of its other appellant’s submission was not found, so no crossAppeal step is replayed. Under the Working Procedures then in force (rule 23(1)) it could be filed up to 15 days after the US notice, i.e. by 2 November 2004, which the body’s 5-day window would not accept anyway.',
    },
    {
      on: '2005-03-03',
      step: 'circulateAppellateReport',
      source: {
        title: 'Report of the Appellate Body, US – Upland Cotton, AB-2004-5 (cover page dated 3 March 2005)',
        url: 'https://vdocuments.net/united-states-a-subsidies-on-upland-cotton-wtds267abr-page-iii-vii-import.html',
        symbol: 'WT/DS267/AB/R',
      },
      note: 'More than 90 days after the appeal; no Appellate Body delay letter was found in the sources searched.',
    },
    {
      on: '2005-03-21',
      step: 'adopt',
      source: CRS_2005,
      note: 'Also WTO news, DSB 21 March 2005 (https://www.wto.org/english/news_e/news05_e/dsb_21march05_e.htm).',
    },
    {
      on: '2005-03-21',
      step: 'agreeRpt',
      rptEndsOn: '2005-07-01',
      implied: true,
      source: {
        title:
          'Report of the Appellate Body, US – Upland Cotton (Article 21.5 – Brazil), table of contents ("GSM 102 Export Credit Guarantees Issued After 1 July 2005"; "Marketing Loan and Counter-cyclical Payments Made After 21 September 2005"), reproduced by docsbay.net',
        url: 'https://docsbay.net/Report-of-the-Appellate-Body',
        symbol: 'WT/DS267/AB/RW',
      },
      note: 'IMPLIED: no reasonable period of time was agreed or arbitrated. For the prohibited subsidies (export credit guarantees, Step 2) the DSB recommended withdrawal without delay (SCM 4.7), with 1 July 2005 as the date by which the United States had to comply; for the actionable subsidies it had to remove the adverse effects or withdraw the subsidies by 21 September 2005 (SCM 7.8–7.9; Brazil’s first written submission in the 21.5 proceeding, Dispute Settlement Reports 2008, https://core-prod.cambridgecore.org/core/books/dispute-settlement-reports-2008/report-of-the-panel-table-of-annexes-a-to-d6/D92E990C15BFD9BDEA67ACF281253410). The step stands for that DSB decision and is dated on the day of adoption; rptEndsOn is the earlier date (1 July 2005), which Brazil’s 22.2 request of July 2005 followed. CRS report RS22187 (8 September 2006) gives "July 21, 2005" for the prohibited subsidies, which is inconsistent with Brazil’s request being on the DSB agenda of 15 July 2005.',
    },
    {
      on: '2005-07-22',
      step: 'requestRetaliation',
      implied: true,
      source: {
        title: 'WTO news, DSB 15 July 2005, "Brazil requests authorization to impose countermeasures against US in cotton case"',
        url: 'http://wto.org/english/news_e/news05_e/dsb_15july05_e.htm',
        symbol: 'WT/DS267/21',
      },
      note: 'IMPLIED: Brazil’s request (WT/DS267/21, about USD 3 billion a year, prohibited subsidies) was taken up at the DSB meeting of 15 July 2005, but its date is not in the part of the record seen. For prohibited subsidies the WTO applies SCM Article 4.10, which does not wait for the 20 days of DSU 22.2; the body has no special or additional rules, so the request is replayed on the first day DSU 22.2 allows, 22 July 2005. Brazil’s second request (actionable subsidies, about USD 1 billion, late 2005 per CRS RS22187) was not dated in the sources found and is not replayed.',
    },
    {
      on: '2005-07-22',
      step: 'objectToRetaliationLevel',
      by: 'RESPONDENT',
      implied: true,
      source: {
        title:
          'WTO news, DSB 15 July 2005 ("in its communication to the DSB dated 14 July 2005 (WT/DS267/23) the US had objected to the appropriateness and level of the countermeasures proposed by Brazil. Hence, the matter was referred to arbitration.")',
        url: 'http://wto.org/english/news_e/news05_e/dsb_15july05_e.htm',
        symbol: 'WT/DS267/23',
      },
      note: 'The United States objected on 14 July 2005; replayed on the day of the request the body allows (see the request). Under the parties’ procedural agreement (WT/DS267/22) they asked for the arbitration to be suspended "at the earliest possible moment", Brazil keeping its right to a 21.5 panel; the arbitration resumed after the 21.5 proceeding and ended with the awards of 31 August 2009. The step kinds cannot express the suspension of a 22.6 arbitration.',
    },
    { on: '2006-08-18', step: 'requestComplianceReview', by: 'COMPLAINANT', source: RW_INTRO },
    {
      on: '2006-09-28',
      step: 'referComplianceReview',
      source: RW_INTRO,
      note: 'At the second DSB meeting on the request: the United States had blocked it on 31 August 2006 (CRS RS22187, 8 September 2006, https://www.everycrsreport.com/files/20060908_RS22187_af53542ea740b223aec2e06bcc005b5a684e4f91.html, which dates Brazil’s request 21 August 2006, probably its circulation). The step kinds have no kind for a compliance request not referred at a first meeting.',
    },
    {
      on: '2006-10-18',
      step: 'requestDgAppointment',
      by: 'COMPLAINANT',
      source: RW_INTRO,
      note: 'Request under DSU 8.7 for the compliance panel.',
    },
    {
      on: '2006-10-20',
      step: 'requestDgAppointment',
      by: 'RESPONDENT',
      source: RW_INTRO,
      note: 'Both parties asked the Director-General (Brazil on 18 and the United States on 20 October 2006). The date on which the DG composed the compliance panel was not found.',
    },
    {
      on: '2007-10-15',
      step: 'finalReportToParties',
      source: {
        title: 'National Cotton Council, "Compliance Panel’s Ruling Disappointing" (15 October 2007)',
        url: 'https://journal.cotton.org/news/releases/2007/wtocomp.cfm',
      },
      note: 'Compliance panel report released confidentially to the parties, according to USTR statements reported by the press.',
    },
    {
      on: '2007-12-18',
      step: 'circulateComplianceReport',
      source: {
        title: 'Report of the Panel, US – Upland Cotton (Article 21.5 – Brazil), cover dated 18 December 2007',
        url: 'https://docsbay.net/united-states-subsidies-on-upland-cotton',
        symbol: 'WT/DS267/RW',
      },
    },
    {
      on: '2008-02-12',
      step: 'appealComplianceReport',
      by: 'RESPONDENT',
      source: {
        title: 'Delta Farm Press, "Challenges erroneous findings: USTR appeals WTO cotton ruling"',
        url: 'https://www.farmprogress.com/challenges-erroneous-findings-ustr-appeals-wto-cotton-ruling?ag_brand=deltafarmpress.com',
      },
    },
    {
      on: '2008-06-02',
      step: 'circulateComplianceAppellateReport',
      source: {
        title: 'Report of the Appellate Body, US – Upland Cotton (Article 21.5 – Brazil), AB-2008-2 (dated 2 June 2008)',
        url: 'https://vdocuments.us/united-states-a-subsidies-on-upland-cotton-recourse-2008-6-2-world-trade.html',
        symbol: 'WT/DS267/AB/RW',
      },
    },
    {
      on: '2008-06-20',
      step: 'adoptComplianceReport',
      source: {
        title:
          'American Journal of International Law, case report on US—Upland Cotton (Article 21.5—Brazil), note 2 ("adopted June 20, 2008")',
        url: 'http://core-varnish-new.prod.aop.cambridge.org/core/journals/american-journal-of-international-law/article/abs/united-statessubsidies-on-upland-cotton-recourse-to-article-215-of-the-dsu-by-brazil/AD0A24ECD4001A8161565FA62BCE542E',
      },
    },
    {
      on: '2008-06-23',
      step: 'requestRetaliation',
      implied: true,
      source: {
        title: 'The parties’ procedural agreement, WT/DS267/22 (the 22.6 arbitration suspended until the compliance proceedings end)',
      },
      note: 'IMPLIED: the arbitration suspended in 2005 resumed after the compliance proceedings; the body records the request for suspension again once the compliance report is adopted. The day is not in the record searched: dated on the next working day after the adoption of 20 June 2008.',
    },
    {
      on: '2008-06-23',
      step: 'objectToRetaliationLevel',
      by: 'RESPONDENT',
      implied: true,
      source: { title: 'The parties’ procedural agreement, WT/DS267/22' },
      note: 'IMPLIED: the United States’ objection of 14 July 2005 (WT/DS267/23) stands for the resumed arbitration.',
    },
    {
      on: '2009-08-31',
      step: 'retaliationAward',
      source: {
        title:
          'Decision by the Arbitrator, US – Upland Cotton, Recourse to Arbitration by the United States under DSU 22.6 and SCM 4.11 (31 August 2009)',
        url: 'https://pingpdf.com/pdf-decision-of-the-arbitrator-world-trade-organization.html',
        symbol: 'WT/DS267/ARB/1',
      },
      note: 'Ends the arbitration started by the US objection of 14 July 2005 (and the later one on the actionable subsidies). Two decisions were issued the same day (prohibited and actionable subsidies).',
    },
    {
      on: '2009-11-19',
      step: 'authorizeSuspension',
      source: {
        title: 'Reuters, "WTO authorizes Brazil sanctions over U.S. cotton" (19 November 2009), reproduced on a blog',
        url: 'https://waldemarjezler.wordpress.com/category/wto-cotton/',
      },
    },
    {
      on: '2014-10-01',
      step: 'mutuallyAgreedSolution',
      source: {
        title: 'USTR press release, "United States and Brazil Reach Agreement to End WTO Cotton Dispute" (1 October 2014)',
        url: 'https://ustr.gov/about-us/policy-offices/press-office/press-releases/2014/October/United-States-and-Brazil-Reach-Agreement-to-End-WTO-Cotton-Dispute',
      },
      note: 'Date of the memorandum of understanding. The parties agreed to notify the termination to the DSB within 21 days; the date of that notification was not found (approximation).',
    },
  ],
};
