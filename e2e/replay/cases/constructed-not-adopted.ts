import type { ReplayCase, ReplayMember, ReplaySource } from '../timeline';

const NZL: ReplayMember = { code: 'NZL', name: 'New Zealand' };
const KOR: ReplayMember = { code: 'KOR', name: 'Korea, Republic of' };

const CONSTRUCTED: ReplaySource = {
  title: 'Constructed for the replay suite (no real source): invented dates between real members',
};

const WHY =
  'CONSTRUCTED: this never happened at the WTO (negative consensus has never blocked the adoption of a report); the case exists to test DSU 16.4 (the body decides by consensus not to adopt).';

const ELECTED = 'The body elects its panelists: the replay runs an election and composes the panel on this date.';

/**
 * Constructed case: every date is invented. Report circulated on 2020-09-14; the body decides by
 * consensus not to adopt it on 2020-10-26, day 42 after circulation (inside the 20–60 day window
 * of DSU 16.1/16.4).
 */
export const CONSTRUCTED_NOT_ADOPTED: ReplayCase = {
  ds: 'DS-CONSTRUCTED-1',
  title: 'Korea — Kiwifruit Import Measures (constructed)',
  complainant: NZL,
  respondent: KOR,
  covers: 'Constructed: report circulated, then not adopted by consensus on day 42 (DSU 16.4).',
  constructed: true,
  source: CONSTRUCTED,
  steps: [
    { on: '2019-03-04', step: 'requestConsultations', source: CONSTRUCTED, note: WHY },
    { on: '2019-06-10', step: 'requestPanel', source: CONSTRUCTED, note: WHY },
    { on: '2019-07-22', step: 'establishPanel', source: CONSTRUCTED, note: `${WHY} Established at the first meeting.` },
    {
      on: '2019-10-01',
      step: 'composePanel',
      how: 'AGREEMENT',
      panelists: 3,
      source: CONSTRUCTED,
      note: `${WHY} ${ELECTED}`,
    },
    { on: '2020-09-14', step: 'circulateReport', source: CONSTRUCTED, note: WHY },
    {
      on: '2020-10-26',
      step: 'notAdopted',
      source: CONSTRUCTED,
      note: `${WHY} Day 42 after circulation; no party has appealed.`,
    },
  ],
};
