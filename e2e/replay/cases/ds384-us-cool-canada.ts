import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const CAN: ReplayMember = { code: 'CAN', name: 'Canada' };
const USA: ReplayMember = { code: 'USA', name: 'United States' };

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

const WTO_PAGE: ReplaySource = {
  title: 'WTO — DS384: United States — Certain Country of Origin Labelling (COOL) Requirements',
  url: 'https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds384_e.htm',
};
const CAN_22_2: ReplaySource = {
  title: 'US – COOL, Recourse by Canada to Article 22.2 of the DSU (communication dated 4 June 2015), background section',
  url: 'https://web.wtocenter.org.tw/Page/13317/265146',
  symbol: 'WT/DS384/35',
};
const CAN_22_7: ReplaySource = {
  title: 'US – COOL, Recourse by Canada to Article 22.7 of the DSU (communication dated 7 December 2015)',
  url: 'https://web.wtocenter.org.tw/Page/13317/273454',
};
const BLOG_RPT: ReplaySource = {
  title: 'Tread the Middle Path (blog), "This is one COOL Arbitrator" (5 December 2012)',
  url: 'https://treadthemiddlepath.blogspot.com/2012/12/this-is-one-cool-arbitrator.html',
};
const DSB_29MAY15: ReplaySource = {
  title: 'DSB, Minutes of meeting held on 29 May 2015, item 1',
  url: 'http://web.wtocenter.org.tw/Page/13197/266565',
};

export const DS384: ReplayCase = {
  ds: 'DS384',
  title: 'US — COOL',
  complainant: CAN,
  respondent: USA,
  covers:
    'Panel blocked at the first meeting, appeal with cross-appeal, RPT arbitration (21.3(c)) with award and RPT end, 21.5 proceeding (request implied, referral, report, appeal with two AB delay letters, adoption), 22.2 request, 22.6 objection and award.',
  source: WTO_PAGE,
  steps: [
    {
      on: '2008-12-01',
      step: 'requestConsultations',
      source: {
        title:
          'US – COOL, Request for Consultations by Canada, Addendum (communication dated 7 May 2009), which recalls the request of 1 December 2008',
        url: 'http://web.wtocenter.org.tw/Page/13065/199401',
        symbol: 'WT/DS384/1/Add.1',
      },
      note: 'Canada filed a supplemental request for consultations on 7 May 2009 (WT/DS384/1/Add.1); the step kinds have no kind for it.',
    },
    {
      on: '2009-10-07',
      step: 'requestPanel',
      source: {
        title: 'USTR, Certain Country of Origin Labeling (COOL) Requirements (Canada), DS384',
        url: 'https://ustr.gov./issue-areas/enforcement/dispute-settlement-proceedings/united-states-%E2%80%93-certain-country-origin-label',
      },
    },
    {
      on: '2009-10-23',
      step: 'panelNotEstablished',
      source: {
        title:
          'Canadian Cattlemen, "U.S. rejects Canada’s COOL panel request" (Reuters report on the DSB meeting of Friday 23 October 2009)',
        url: 'https://www.canadiancattlemen.ca/?p=75574',
      },
      note: 'The United States rejected Canada’s first request at the DSB meeting of 23 October 2009; the source expected the request at the next meeting on 19 November.',
    },
    {
      on: '2009-11-19',
      step: 'establishPanel',
      source: CAN_22_2,
      note: 'Single panel for Canada (DS384) and Mexico (DS386), at the second request.',
    },
    {
      on: '2010-08-11',
      step: 'composePanel',
      implied: true,
      source: {
        title:
          'Discover Westman, "COOL hearings continue" (1 December 2010: "The second round of WTO Dispute Panel oral hearings on American country-of-origin labelling is underway in Geneva")',
        url: 'https://discoverwestman.com/articles/cool-hearings-continue',
      },
      note: `${ELECTED} IMPLIED: neither the date nor the manner of composition is in the record searched. Dated 16 weeks before the panel’s second substantive meeting (under way on 1 December 2010), the longest span from composition to the second meeting in the proposed timetable of DSU Appendix 3 (first submissions 3–6 weeks, second 2–3 weeks, first meeting 1–2 weeks, rebuttals 2–3 weeks, second meeting 1–2 weeks): the latest date consistent with it. The panel was probably composed earlier. How and the number of panelists are not recorded, so they are left unset.`,
    },
    {
      on: '2011-11-18',
      step: 'circulateReport',
      source: {
        title: 'WTO news, DSB meeting (dsb_05jan12): DS384/DS386 panel reports circulated 18 November 2011',
        url: 'http://www.wto.org/english/news_e/news12_e/dsb_05jan12_e.htm',
        symbol: 'WT/DS384/R',
      },
      note: 'The DSB later agreed, at the parties’ joint request (WT/DS384/11), to extend the 60-day period of DSU 16.4 from 18 January to 23 March 2012 because of the Appellate Body’s workload. The step kinds cannot express this extension.',
    },
    {
      on: '2012-01-17',
      step: 'extendAdoptionPeriod',
      until: '2012-03-23',
      implied: true,
      source: { title: 'Earlier research notes: the DSB extended the period for adoption or appeal from 18 January to 23 March 2012' },
      note: "IMPLIED as to its date: the body extended the 60 days of DSU 16.4 at the parties' joint request to 23 March 2012; dated on day 60.",
    },
    {
      on: '2012-03-23',
      step: 'appeal',
      by: 'RESPONDENT',
      source: {
        title: 'NCC Washington Report, "Mexico, Canada file counter appeals in WTO mCOOL legal challenge" (6 April 2012)',
        url: 'http://nccwashingtonreport.com/2012/04/06/mexico-canada-file-counter-appeals-wto-mcool-legal-challenge/',
      },
      note: 'UNCERTAIN DATE: the source says only that the US appealed within a week before 28 March 2012; 23 March 2012 is the extended deadline agreed by the DSB (WTO news, 5 Jan 2012). Check against WT/DS384/12 before relying on the exact day.',
    },
    {
      on: '2012-03-28',
      step: 'crossAppeal',
      by: 'COMPLAINANT',
      source: {
        title: 'NCC Washington Report, "Mexico, Canada file counter appeals in WTO mCOOL legal challenge" (6 April 2012)',
        url: 'http://nccwashingtonreport.com/2012/04/06/mexico-canada-file-counter-appeals-wto-mcool-legal-challenge/',
      },
    },
    {
      on: '2012-06-29',
      step: 'circulateAppellateReport',
      source: CAN_22_2,
      note: 'More than 90 days after the appeal; the Appellate Body’s 17.5 letter in the original appeal was not found.',
    },
    {
      on: '2012-07-23',
      step: 'adopt',
      source: CAN_22_2,
    },
    { on: '2012-08-21', step: 'stateIntentions', source: BLOG_RPT },
    {
      on: '2012-09-13',
      step: 'requestRptArbitration',
      by: 'COMPLAINANT',
      source: BLOG_RPT,
      note: 'On 26 September 2012 Canada asked the DG to appoint the arbitrator; the DG appointed Giorgio Sacerdoti on 4 October 2012 (same source).',
    },
    {
      on: '2012-12-04',
      step: 'rptAward',
      rptEndsOn: '2013-05-23',
      source: {
        title:
          'Award of the Arbitrator Giorgio Sacerdoti, US – COOL, Arbitration under Article 21.3(c) (dated 4 December 2012); RPT end from Pig333/WTO, "WTO arbitrator determines reasonable period of time in US – COOL"',
        url: 'https://docsbay.net/united-states-certain-country-of-origin-labelling-cool-requirements',
        symbol: 'WT/DS384/24',
      },
      note: 'RPT: 10 months from adoption on 23 July 2012, ending 23 May 2013 (https://pig333.com/latest_swine_news/wto-arbitrator-determines-%E2%80%9Creasonable-period-of-time%E2%80%9D-in-%E2%80%9Cus-cool%E2%80%9D_6642). The blog above dates the award "November 2012"; the award document itself is dated 4 December 2012.',
    },
    {
      on: '2013-09-13',
      step: 'requestComplianceReview',
      by: 'COMPLAINANT',
      implied: true,
      source: {
        title:
          'Pig333 / Agriculture and Agri-Food Canada, "Canada welcomes the establishment of a WTO Compliance Panel on U.S. COOL dispute" (2 October 2013)',
        url: 'https://pig333.com/latest_swine_news/canada-welcomes-the-establishment-of-a-wto-compliance-panel_7696',
      },
      note: 'IMPLIED: Canada’s 21.5 request (2013, after the RPT ended on 23 May 2013) is not dated in the record searched. Dated on Friday 13 September 2013, the last working day leaving the ten days’ notice of the DSB meeting of 25 September 2013 that referred the matter; the request may be earlier.',
    },
    {
      on: '2013-09-25',
      step: 'referComplianceReview',
      source: {
        title:
          'Pig333 / Agriculture and Agri-Food Canada, "Canada welcomes the establishment of a WTO Compliance Panel on U.S. COOL dispute" (2 October 2013)',
        url: 'https://pig333.com/latest_swine_news/canada-welcomes-the-establishment-of-a-wto-compliance-panel_7696',
      },
      note: '"… the establishment of a … compliance panel on U.S. Country of Origin Labelling (COOL) on September 25, in Geneva"; "The panel is composed of all original members of the WTO panel established in 2009" (its composition date is not given, so no composeCompliancePanel step is replayed).',
    },
    {
      on: '2014-10-20',
      step: 'circulateComplianceReport',
      source: {
        title:
          'Reports of the Panel, US – COOL (Article 21.5 – Canada and Mexico) (cover dated 20 October 2014), reproduced by vdocuments.mx',
        url: 'https://vdocuments.mx/united-states-a-certain-country-of-origin-labelling-reports-of-the-panel-.html',
        symbol: 'WT/DS384/RW',
      },
      note: 'Also the IELP blog post of October 2014 (https://ielp.worldtradelaw.net/2014/10/the-amended-cool-measure-was-not-so-cool-a-wto-compliance-panel-said.html).',
    },
    {
      on: '2014-11-28',
      step: 'appealComplianceReport',
      by: 'RESPONDENT',
      source: {
        title: 'US – COOL (Article 21.5 – Canada and Mexico), Notification of an Appeal by the United States (dated 28 November 2014)',
        url: 'https://web.wtocenter.org.tw/Page/13317/257457',
      },
      note: 'Canada filed a Notification of an Other Appeal dated 12 December 2014 (https://web.wtocenter.org.tw/Page/13317/258010), 14 days after the US notice: outside the 5 days of rule 23(1) that the body applies (the Appellate Body presumably modified the time limits; not seen). It is not replayed as a crossAppeal step for that reason.',
    },
    {
      on: '2015-01-26',
      step: 'informBodyOfDelay',
      appellate: true,
      source: {
        title: 'US – COOL (Article 21.5 – Mexico), Communication from the Appellate Body (dated 26 January 2015)',
        url: 'https://web.wtocenter.org.tw/Page/13317/259235',
      },
      note: 'The letter says the 60-day period expires on 27 January 2015 and that the reports cannot be circulated within 90 days; the part of the letter seen gives no estimated date.',
    },
    {
      on: '2015-03-02',
      step: 'informBodyOfDelay',
      appellate: true,
      source: {
        title: 'US – COOL (Article 21.5 – Canada and Mexico), Communication from the Appellate Body (dated 2 March 2015)',
        url: 'https://web.wtocenter.org.tw/Page/13317/260600',
      },
      note: 'Second letter; the part of the letter seen is cut before its estimated circulation date, so expectedBy is not set (the reports were circulated on 18 May 2015).',
    },
    { on: '2015-05-18', step: 'circulateComplianceAppellateReport', source: DSB_29MAY15, note: 'Symbol WT/DS384/AB/RW.' },
    { on: '2015-05-29', step: 'adoptComplianceReport', source: DSB_29MAY15 },
    {
      on: '2015-06-04',
      step: 'requestRetaliation',
      source: CAN_22_2,
      note: 'CAD 3.068 billion a year. The DSB took it up at its meeting of 17 June 2015 (as recalled in Canada’s 22.7 request of 7 December 2015).',
    },
    {
      on: '2015-06-16',
      step: 'objectToRetaliationLevel',
      by: 'RESPONDENT',
      source: {
        title: 'US – COOL, Request by the United States for Arbitration under Article 22.6 of the DSU (communication dated 16 June 2015)',
        url: 'https://web.wtocenter.org.tw/Page/13317/265429',
        symbol: 'WT/DS384/36',
      },
    },
    {
      on: '2015-12-07',
      step: 'retaliationAward',
      source: CAN_22_7,
      note: 'Decision WT/DS384/ARB: CAD 1,054.729 million a year. Canada asked for authorisation (22.7) the same day. At the DSB meeting of 21 December 2015 the US said COOL had been repealed on 18 December 2015 (WTO news dsb_18dec15); whether and when the DSB granted the authorisation was not confirmed in the sources seen, so no authorizeSuspension step is replayed.',
    },
  ],
};
