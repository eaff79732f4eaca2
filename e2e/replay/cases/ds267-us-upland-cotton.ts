import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const BRA: ReplayMember = { code: 'BRA', name: 'Brazil' };
const USA: ReplayMember = { code: 'USA', name: 'United States' };

const ELECTED =
  'The body elects its panelists: the replay runs an election and composes the panel on this date.';

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
    'Joins of consultations (only some accepted), panel blocked at the first meeting, appeal, 21.5 with DG requests and appeal, 22.6 award and authorisation, settlement (2014).',
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
        title: 'USTR notice, WTO Dispute Settlement Proceeding Regarding United States Subsidies to Upland Cotton, Federal Register 68/148 (1 Aug 2003)',
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
      note: 'Brazil also appealed (the Appellate Body report lists "Claims of Error by Brazil – Appellant"), but the date of its notice was not found.',
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
    { on: '2005-03-21', step: 'adopt', source: CRS_2005 },
    { on: '2006-08-18', step: 'requestComplianceReview', by: 'COMPLAINANT', source: RW_INTRO },
    { on: '2006-09-28', step: 'referComplianceReview', source: RW_INTRO },
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
        title: 'American Journal of International Law, case report on US—Upland Cotton (Article 21.5—Brazil), note 2 ("adopted June 20, 2008")',
        url: 'http://core-varnish-new.prod.aop.cambridge.org/core/journals/american-journal-of-international-law/article/abs/united-statessubsidies-on-upland-cotton-recourse-to-article-215-of-the-dsu-by-brazil/AD0A24ECD4001A8161565FA62BCE542E',
      },
    },
    {
      on: '2009-08-31',
      step: 'retaliationAward',
      source: {
        title: 'Decision by the Arbitrator, US – Upland Cotton, Recourse to Arbitration by the United States under DSU 22.6 and SCM 4.11 (31 August 2009)',
        url: 'https://pingpdf.com/pdf-decision-of-the-arbitrator-world-trade-organization.html',
        symbol: 'WT/DS267/ARB/1',
      },
      note: 'Brazil’s 22.2 request and the US objection that started this arbitration are not dated in the sources found, so they are not replayed. Two decisions were issued the same day (prohibited and actionable subsidies).',
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
