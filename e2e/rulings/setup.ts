import { MemberEntity, UserEntity } from '@app/core';
import { RosterPersonEntity } from '@app/panels';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TestApp } from '../utils/test-app';

// The panel election of e2e/panels/elections.e2e-spec.ts: Alice (chair), Clara and Bruno are elected.
export const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;
export const ELECTORS = ['KAZ', 'IDN', 'MYS', 'THA', 'EGY', 'KEN'];
const NAMES = {
  A: ['Alice Ang', 'SGP'],
  B: ['Bruno Braga', 'BRA'],
  C: ['Clara Chevalier', 'CHE'],
  D: ['Dan Dunn', 'NZL'],
  E: ['Eve Evans', 'CAN'],
} as const;
export type Key = keyof typeof NAMES;
export const DAY = 86_400_000;
export const MEASURES = ['Import licensing of fruit', 'Sanitary ban on apples'];
export const PROVISIONS = ['GATT Art. XI:1', 'SPS Art. 2.2'];

export interface Case {
  users: Record<string, UserEntity>;
  members: Record<string, MemberEntity>;
  panelists: Record<Key, UserEntity>;
  persons: Record<Key, RosterPersonEntity>;
  disputeId: string;
  tok(who: string): string;
  pan(key: Key): string;
}

/** A dispute at PANEL_PROCEEDINGS with a panel of Alice (chair), Clara and Bruno; KAZ a third party. */
export async function panelInProceedings(t: TestApp): Promise<Case> {
  const users: Record<string, UserEntity> = {};
  const members: Record<string, MemberEntity> = {};
  const panelists = {} as Record<Key, UserEntity>;
  const persons = {} as Record<Key, RosterPersonEntity>;
  for (const code of ['CHN', 'PAK', ...ELECTORS]) {
    members[code] = await createMember(t.db, { code, name: code });
    users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
  }
  users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
  for (const key of Object.keys(NAMES) as Key[]) {
    panelists[key] = await createUser(t.db, { role: 'PANELIST' });
    const [name, nationality] = NAMES[key];
    persons[key] = await t.db.getRepository(RosterPersonEntity).save(
      t.db.getRepository(RosterPersonEntity).create({
        name,
        nationality,
        expertise: ['trade in goods'],
        languages: ['en'],
        available: true,
        status: 'APPROVED',
        nominatedByMemberId: members.IDN.id,
        userId: panelists[key].id,
      }),
    );
  }
  const tok = (who: string) => t.tokenFor(users[who]);
  const pan = (key: Key) => t.tokenFor(panelists[key]);
  const must = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const filed = await must(
    `mutation($m: [String!]!, $l: [String!]!) { requestConsultations(input: { respondents: ["PAK"], title: "Fruit",
    measures: $m, legalBasis: $l, summary: "S" }) { id } }`,
    { m: MEASURES, l: PROVISIONS },
    tok('CHN'),
  );
  const disputeId = filed.requestConsultations.id;
  // KAZ joins the consultations (DSU 4.11: asks, the respondent accepts) and then the panel proceedings (DSU 10.2).
  await must(ACT, { id: disputeId, action: 'joinAsThirdParty' }, tok('KAZ'));
  await must(
    `mutation($id: ID!) { takeAction(input: { disputeId: $id, action: acceptJoinRequest, memberCode: "KAZ" }) { stage } }`,
    { id: disputeId },
    tok('PAK'),
  );
  await must(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('CHN'));
  await must(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('PAK'));
  await must(ACT, { id: disputeId, action: 'requestPanel' }, tok('CHN'));
  // DSU 6.1, footnote 5: the complainant asks for a meeting, which the body holds at once.
  await must(ACT, { id: disputeId, action: 'requestBodyMeeting' }, tok('CHN'));
  await must(TAKE_ACTION, { id: disputeId, action: 'establishPanel', meetingId: await meetingToday(t) }, tok('SEC'));
  await must(ACT, { id: disputeId, action: 'joinPanelAsThirdParty' }, tok('KAZ'));
  // The election opens once the parties' 10 days to agree on five panelists have passed (DSU 8.5),
  // stays open a week, and closes after the 15 days for challenges.
  t.clock.advance(11 * DAY);
  const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();
  const opened = await must(
    `mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`,
    { input: { disputeId, opensAt: at(0), closesAt: at(7) } },
    tok('SEC'),
  );
  const electionId = opened.openElection.id;
  const ballots: [string, Key[]][] = [
    ['IDN', ['A', 'B']],
    ['KAZ', ['A', 'B']],
    ['MYS', ['A', 'C']],
    ['THA', ['B', 'C']],
    ['EGY', ['C', 'B']],
    ['KEN', ['D', 'C']],
  ];
  for (const [who, ranking] of ballots) {
    await must(
      `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`,
      { input: { electionId, ranking: ranking.map((k) => persons[k].id) } },
      tok(who),
    );
  }
  t.clock.advance(7 * DAY + 1000);
  await must(`mutation($id: ID!) { closeElection(id: $id) { status } }`, { id: electionId }, tok('SEC'));
  // The panel adopts its timetable (DSU 12.3): the dispute moves to PANEL_PROCEEDINGS.
  await must(
    `mutation($input: AdoptTimetableInput!) { adoptTimetable(input: $input) { id } }`,
    { input: { disputeId, steps: [] } },
    t.tokenFor(panelists.A),
  );
  return { users, members, panelists, persons, disputeId, tok, pan };
}

export const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id version status document { id classification } findings { id } } }`;
export const VOTE = `mutation($r: ID!, $a: Boolean!) { voteOnReport(reportId: $r, approve: $a) }`;
export const ISSUE = `mutation($r: ID!) { issueReport(reportId: $r) { id status document { id classification } } }`;
export const CIRCULATE = `mutation($d: ID!) { circulateReport(disputeId: $d) { id status document { id classification } } }`;
export const MEETING = `mutation($d: ID!, $m: ID!) { recordAdoptionMeeting(disputeId: $d, meetingId: $m) { outcome objectingMembers } }`;
export const OBJECT = `mutation($d: ID!) { objectToAdoption(disputeId: $d) }`;
export const REPORT = `query($id: ID!) { dispute(id: $id) { stage report { adopted versions { id version status document { id classification }
  findings { id measure provision finding appellateOutcome { outcome } } separateOpinions { text textSha256 }
  deliberation { seats needed votes { name approve } } } appeals { seed findingIds crossAppeal proceeding division { id name } } meetings { outcome } } } }`;

export const file = (text: string) => ({
  title: text,
  fileName: 'report.pdf',
  mediaType: 'application/pdf',
  content: Buffer.from(text).toString('base64'),
});

export const findings = [
  {
    measure: MEASURES[0],
    provision: PROVISIONS[0],
    finding: 'INCONSISTENT',
    reasoning: 'A quantitative restriction.',
    recommendation: 'Bring the licensing into conformity.',
  },
  { measure: MEASURES[1], provision: PROVISIONS[1], finding: 'NOT_DECIDED', reasoning: 'Judicial economy.' },
];

/**
 * A meeting of the body today with the given members present (every active member by default):
 * convened 10 days ago, its attendance recorded.
 */
export const meeting = (t: TestApp, present?: string[]) => meetingToday(t, present);

/** The two substantive meetings of the timetable held (recorded by the panel). */
export async function holdMeetings(t: TestApp, c: Case): Promise<void> {
  for (const action of ['holdFirstMeeting', 'holdSecondMeeting']) {
    const res = await t.gql(TAKE_ACTION, { id: c.disputeId, action }, c.pan('A'));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
}

/**
 * The meetings held, the descriptive part, interim and final reports approved 2 of 3 (the final
 * one after the interim review period of the timetable), the final report circulated. Returns the
 * final report id.
 */
export async function toCirculation(t: TestApp, c: Case): Promise<string> {
  const must = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  await holdMeetings(t, c);
  await must(SUBMIT, { input: { disputeId: c.disputeId, version: 'DESCRIPTIVE_PART', ...file('Descriptive part') } }, c.pan('A'));
  for (const version of ['INTERIM_REPORT', 'FINAL_REPORT']) {
    const id = (await must(SUBMIT, { input: { disputeId: c.disputeId, version, findings, ...file(version) } }, c.pan('A'))).submitReport.id;
    await must(VOTE, { r: id, a: true }, c.pan('A'));
    await must(VOTE, { r: id, a: true }, c.pan('C'));
    const issued = await must(`mutation($r: ID!) { issueReport(reportId: $r) { commentsDueOn } }`, { r: id }, c.pan('A'));
    if (version === 'INTERIM_REPORT') {
      // The final report follows the interim review period of the timetable (DSU 15.2).
      t.clock.set(new Date(new Date(`${issued.issueReport.commentsDueOn}T09:00:00Z`).getTime() + DAY));
    }
    if (version === 'FINAL_REPORT') {
      await must(CIRCULATE, { d: c.disputeId }, c.tok('SEC'));
      return id;
    }
  }
  throw new Error('unreachable');
}
