import { MemberEntity, UserEntity } from '@app/core';
import { FieldNode, OperationDefinitionNode, parse, valueFromASTUntyped } from 'graphql';
import { TIMETABLE_STEP_KINDS } from '@app/hearings';
import { RosterPersonEntity } from '@app/panels';
import { DEFAULT_PASSWORD, createMember, createUser } from '../../utils/factories';
import { TestApp } from '../../utils/test-app';

// The state the fuzzer starts from: a small but realistic registry, so that well-formed requests
// get past the validation of their arguments into the rules of the services (a dispute at every
// interesting stage, an open election, a pending challenge, an open disclosure, a nomination to
// decide, a hearing, documents of every classification, report drafts, meetings of the body,
// refresh tokens).
//
// The seed is a timeline of eight weeks, as the procedure wants it: the body decides only at its
// meetings, convened 10 days ahead with a quorum present (the panels are established at the
// meeting of day 10, a report is adopted at that of day 40); the elections open once the parties'
// 10 days to agree on five panelists have passed, stay open 7 days and close once their 15 days to
// challenge candidates have; the panels' timetables are short, so that their interim review
// periods are over by day 30, when the reports are circulated; a report is adopted no earlier
// than 20 days after. The fuzzer runs on day 56 (FUZZ_DAY), the day of a meeting of the body whose
// attendance is recorded: the decisions prepared for it (see below) can be taken all day. (With
// days to spare: the fuzzer closes days, past ones too, which moves the ends of periods not yet
// recorded as over, there being no worker to record them.)
//
// A step that succeeds once per target (fixing a timetable, circulating a report, appealing,
// vacating a seat, one ballot per member, a decision of the body) would succeed only for the seed,
// which takes it first: the fuzzer's variations of it meet a state that has moved on. So the seed
// also brings "twins" up: disputes taken through the same steps as the one it sent the request
// for, but left one step short, and the corpus holds the same request aimed at each twin (or sent
// by another member with the same right), unsent. A variation of it then takes the step for real,
// once per twin. Steps that can be taken again and again (a status report, a letter on a delay,
// compensation asked for and agreed, an appeal suspended and resumed, good offices begun and
// ended, an extension) are sent by the seed, and their variations succeed in turn.

export const DAY = 86_400_000;
/** The day of the seed's timeline the fuzzer runs on (see above). */
const FUZZ_DAY = 56;
export const MEMBER_CODES = ['CHN', 'PAK', 'KAZ', 'IDN', 'MYS', 'THA', 'EGY', 'KEN'] as const;
export const MEASURES = ['Import licensing of fruit', 'Sanitary ban on apples'];
export const PROVISIONS = ['GATT Art. XI:1', 'SPS Art. 2.2'];
const PERSONS = {
  A: ['Alice Ang', 'SGP'],
  B: ['Bruno Braga', 'BRA'],
  C: ['Clara Chevalier', 'CHE'],
  D: ['Dan Dunn', 'NZL'],
  E: ['Eve Evans', 'CAN'],
} as const;
type PersonKey = keyof typeof PERSONS;

/** Who sends a request: a user with a token, or no one. */
export interface Actor {
  label: string;
  user: UserEntity | null;
}

/** A mutation the seed sent and saw succeed: a well-formed request the fuzzer varies. */
export interface SeedCall {
  mutation: string;
  args: Record<string, unknown>;
  /** Who sent it (null: no one signed in). */
  userId: string | null;
  /**
   * Not sent by the seed: a request it sent and saw succeed, aimed at a twin left one step short,
   * or sent by another member with the same right (see the top of this file).
   */
  prepared?: true;
}

function seedCall(query: string, variables: Record<string, unknown>, user: UserEntity | null | undefined): SeedCall {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]));
  // Inputs given no variable (takeAction's optional ones) are left out, as the request left them.
  return { mutation: field.name.value, args: JSON.parse(JSON.stringify(args)), userId: user?.id ?? null };
}

export interface World {
  t: TestApp;
  members: Record<string, MemberEntity>;
  /** Every signed-in actor the fuzzer sends requests as (anonymous is added by the fuzzer). */
  actors: Actor[];
  /** Users the harness keeps active (the actors, a linked account): deactivating one is undone after the run. */
  actorUserIds: Set<string>;
  emails: string[];
  /** Refresh tokens: valid, already rotated (a reuse), revoked. */
  refreshTokens: string[];
  /** A user who was deactivated: their token must be refused. */
  deactivated: UserEntity;
  /**
   * Every successful request of the seed, in order, but those that only bring twins up (copies of
   * requests already there); and the prepared requests aimed at the twins.
   */
  corpus: SeedCall[];
}

export async function seedWorld(t: TestApp): Promise<World> {
  const corpus: SeedCall[] = [];
  const send = async (query: string, variables: Record<string, unknown>, user: UserEntity | null | undefined, record: boolean) => {
    const res = await t.gql(query, variables, user ? t.tokenFor(user) : undefined);
    if (res.errors)
      throw new Error(`seed: ${query.slice(0, 60)} ${JSON.stringify(variables).slice(0, 200)}: ${JSON.stringify(res.errors)}`);
    if (record) corpus.push(seedCall(query, variables, user));
    return res.data!;
  };
  type Send = (query: string, variables: Record<string, unknown>, user?: UserEntity | null) => Promise<Record<string, any>>;
  const must: Send = (query, variables, user) => send(query, variables, user, true);
  // The steps that bring a twin up are requests the corpus holds already: copies of them would
  // take a share of the variations (one case in five, spread evenly over the corpus) from the rest.
  const quietly: Send = (query, variables, user) => send(query, variables, user, false);
  // Unsent: a request like one the seed sent and saw succeed, for a twin (see the top of this file).
  const twin = (query: string, variables: Record<string, unknown>, user: UserEntity) => {
    corpus.push({ ...seedCall(query, variables, user), prepared: true });
  };
  const at = (days: number, time = '09:00:00.000Z') =>
    `${new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10)}T${time}`;
  // The seed's timeline, in days from its start (day 0 is 2 March 2026, 09:00 UTC).
  const start = t.clock.now().getTime();
  const dayOf = (day: number) => new Date(start + day * DAY).toISOString().slice(0, 10);
  const onDay = (day: number, time = '09:00:00.000Z') => t.clock.set(`${dayOf(day)}T${time}`);

  const members: Record<string, MemberEntity> = {};
  const delegates: Record<string, UserEntity> = {};
  for (const code of MEMBER_CODES) {
    members[code] = await createMember(t.db, { code, name: `Member ${code}` });
    delegates[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id, displayName: `Delegate ${code}` });
  }
  members.VNM = await createMember(t.db, { code: 'VNM', name: 'Viet Nam', status: 'SUSPENDED' });
  delegates.VNM = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.VNM.id });
  const sec = await createUser(t.db, { role: 'SECRETARIAT', displayName: 'Registrar' });
  const sec2 = await createUser(t.db, { role: 'SECRETARIAT', displayName: 'Deputy registrar' });
  const deactivated = await createUser(t.db, { role: 'SECRETARIAT', active: false });
  const persons = {} as Record<PersonKey, RosterPersonEntity>;
  const panelists = {} as Record<PersonKey, UserEntity>;
  for (const key of Object.keys(PERSONS) as PersonKey[]) {
    panelists[key] = await createUser(t.db, { role: 'PANELIST', displayName: `Panelist ${key}` });
    const [name, nationality] = PERSONS[key];
    persons[key] = await t.db.getRepository(RosterPersonEntity).save(
      t.db.getRepository(RosterPersonEntity).create({
        name,
        nationality,
        expertise: ['trade in goods'],
        languages: ['English'],
        available: true,
        status: 'APPROVED',
        nominatedByMemberId: members.EGY.id,
        userId: panelists[key].id,
      }),
    );
  }
  // A PANELIST account not linked to anyone, for linkPanelistUser.
  const unlinked = await createUser(t.db, { role: 'PANELIST', displayName: 'Unlinked panelist' });

  // Every input of takeAction a step may need; those a request leaves out are not in the corpus.
  const ACT = `mutation($id: ID!, $action: ProcedureAction!, $meetingId: ID, $note: String, $memberCode: String, $rptEndsOn: LocalDate, $extension: ExtensionInput) {
    takeAction(input: { disputeId: $id, action: $action, meetingId: $meetingId, note: $note, memberCode: $memberCode, rptEndsOn: $rptEndsOn, extension: $extension }) { stage } }`;
  const act = (id: string, action: string, user: UserEntity, inputs: Record<string, unknown> = {}, how = must) =>
    how(ACT, { id, action, ...inputs }, user);
  const twinAct = (id: string, action: string, user: UserEntity, inputs: Record<string, unknown> = {}) =>
    twin(ACT, { id, action, ...inputs }, user);
  const file = async (complainant: string, respondent: string, title: string, how = must) =>
    (
      await how(
        `mutation($r: [String!]!, $t: String!, $m: [String!]!, $l: [String!]!) { requestConsultations(input: { respondents: $r, title: $t,
      measures: $m, legalBasis: $l, summary: "Summary" }) { id } }`,
        { r: [respondent], t: title, m: MEASURES, l: PROVISIONS },
        delegates[complainant],
      )
    ).requestConsultations.id as string;
  // Consultations failed by agreement of both parties (DSU 4.7), the panel requested; with a
  // meeting asked for (DSU 6.1, footnote 5), the body takes the request up at its next meeting,
  // else at meetings from 11 days on.
  const requestPanel = async (id: string, complainant: string, respondent: string, bodyMeeting: boolean, how = must) => {
    await act(id, 'agreeEarlyPanelRequest', delegates[complainant], {}, how);
    await act(id, 'agreeEarlyPanelRequest', delegates[respondent], {}, how);
    await act(id, 'requestPanel', delegates[complainant], {}, how);
    if (bodyMeeting) await act(id, 'requestBodyMeeting', delegates[complainant], {}, how);
  };
  // Meetings of the body: convened at least 10 days ahead, the members present recorded on the day.
  const SCHEDULE_MEETING = `mutation($d: LocalDate!) { scheduleBodyMeeting(heldOn: $d) { id } }`;
  const ATTENDANCE = `mutation($m: ID!, $p: [String!]!) { recordMeetingAttendance(meetingId: $m, presentMembers: $p) { id } }`;
  const scheduleMeeting = async (day: number, how = must) =>
    (await how(SCHEDULE_MEETING, { d: dayOf(day) }, sec)).scheduleBodyMeeting.id as string;
  // Every active member attends: a quorum still if the fuzzer adds members.
  const attend = (meetingId: string, how = must) => how(ATTENDANCE, { m: meetingId, p: [...MEMBER_CODES] }, sec);
  const OPEN_ELECTION = `mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`;
  const openElection = async (disputeId: string, closesAt: string, how = must) =>
    (await how(OPEN_ELECTION, { input: { disputeId, opensAt: t.clock.now().toISOString(), closesAt } }, sec)).openElection.id as string;
  const BALLOT = `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`;
  const vote = async (electionId: string, parties: string[], panel: PersonKey[], only?: number, how = must) => {
    const electors = MEMBER_CODES.filter((c) => !parties.includes(c)).slice(0, only);
    for (const code of electors) await how(BALLOT, { input: { electionId, ranking: panel.map((k) => persons[k].id) } }, delegates[code]);
  };
  const content = (text: string) => Buffer.from(text).toString('base64');
  const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id findings { id } } }`;
  const VOTE = `mutation($r: ID!) { voteOnReport(reportId: $r, approve: true) }`;
  const ISSUE = `mutation($r: ID!) { issueReport(reportId: $r) { id } }`;
  const CIRCULATE = `mutation($d: ID!) { circulateReport(disputeId: $d) { id } }`;
  const APPEAL = `mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { id } }`;
  const APPELLATE_REPORT = `mutation($input: RecordAppellateReportInput!) { recordAppellateReport(input: $input) { id } }`;
  const ADOPTION_MEETING = `mutation($d: ID!, $m: ID!) { recordAdoptionMeeting(disputeId: $d, meetingId: $m) { outcome } }`;
  const findings = [
    {
      measure: MEASURES[0],
      provision: PROVISIONS[0],
      finding: 'INCONSISTENT',
      reasoning: 'A quantitative restriction.',
      recommendation: 'Bring it into conformity.',
    },
    { measure: MEASURES[1], provision: PROVISIONS[1], finding: 'NOT_DECIDED', reasoning: 'Judicial economy.' },
  ];
  const report = (title: string) => ({ title, fileName: 'report.pdf', mediaType: 'application/pdf', content: content(title) });
  const appellateReport = (disputeId: string, findingId: string) => ({
    input: {
      disputeId,
      outcomes: [{ findingId, outcome: 'MODIFIED', reasoning: 'The panel erred in its interpretation.' }],
      ...report('Appellate report'),
    },
  });

  interface Case {
    id: string;
    complainant: string;
    respondent: string;
    election?: string;
    interim?: string;
    findingIds?: string[];
  }
  const panelCase = async (complainant: string, respondent: string, title: string, how = quietly): Promise<Case> => {
    const id = await file(complainant, respondent, title, how);
    await requestPanel(id, complainant, respondent, true, how);
    return { id, complainant, respondent };
  };

  // ---- Day 0: the panel requests of the cases that will have panels, and a meeting to decide them.
  const m10 = await scheduleMeeting(10);
  // D2: panel to be established (KAZ v IDN), election open at the end with some ballots, a
  // challenge pending.
  const d2 = await file('KAZ', 'IDN', 'Steel safeguard');
  await requestPanel(d2, 'KAZ', 'IDN', true);
  // D3 (CHN v PAK, KAZ third party) and D4 (MYS v THA): panels composed by election; D3 in its
  // proceedings at the end, D4's report circulated.
  const d3 = await panelCase('CHN', 'PAK', 'Sanitary measures on apples');
  const d4 = await panelCase('MYS', 'THA', 'Rice import quota');
  // Twins, composed like D3 and D4 (three ballots reach the quorum of half the electorate): T1-T3
  // stay composed, for the steps a composed panel takes once; R1-R5 are carried like D4 to a
  // report, for the steps from circulation to adoption and after (R5's stays before the body, for
  // the members' objections); C1 to compliance proceedings.
  const composed: Case[] = [];
  for (const [i, pair] of (
    [
      ['EGY', 'KEN'],
      ['IDN', 'THA'],
      ['KEN', 'MYS'],
    ] as const
  ).entries())
    composed.push(await panelCase(pair[0], pair[1], `Composed twin T${i + 1}`));
  const reported: Case[] = [];
  for (const [i, pair] of (
    [
      ['EGY', 'IDN'],
      ['THA', 'KEN'],
      ['PAK', 'MYS'],
      ['KEN', 'EGY'],
      ['IDN', 'EGY'],
    ] as const
  ).entries()) {
    reported.push(await panelCase(pair[0], pair[1], `Reported twin R${i + 1}`));
  }
  const [r1, r2, r3, r4, r5] = reported;
  const c1 = await panelCase('CHN', 'THA', 'Compliance twin C1');
  // I1 (PAK v KEN) is left in its interim review, on the default timetable: the parties comment.
  const i1 = await panelCase('PAK', 'KEN', 'Interim review twin I1');
  const elected = [d3, d4, ...composed, ...reported, c1, i1];

  // ---- Day 10: the body meets and establishes the panels; third parties join (DSU 10.2).
  onDay(10);
  await attend(m10, quietly);
  await act(d2, 'establishPanel', sec, { meetingId: m10 });
  for (const c of elected) await act(c.id, 'establishPanel', sec, { meetingId: m10 }, quietly);
  await act(d2, 'joinPanelAsThirdParty', delegates.EGY);
  await act(d3.id, 'joinPanelAsThirdParty', delegates.KAZ);

  // ---- Day 21: the parties' 10 days to agree on five panelists have passed (DSU 8.5): the
  // elections open for a week; they close after the 15 days for challenges (DSU 8.6).
  onDay(21);
  const CHALLENGE = `mutation($d: ID!, $p: ID!) { challengeCandidate(disputeId: $d, personId: $p, grounds: "Prior advice to a party") { id } }`;
  const challenge = (await must(CHALLENGE, { d: d2, p: persons.E.id }, delegates.IDN)).challengeCandidate.id as string;
  const week = at(7);
  for (const c of elected) {
    // D3's election in the corpus; its ballots, like every other's here, are copies of D2's.
    c.election = await openElection(c.id, week, c === d3 ? must : quietly);
    await vote(
      c.election,
      [c.complainant, c.respondent],
      c === d3 ? ['A', 'C', 'B'] : ['A', 'B', 'C'],
      c === d3 || c === d4 ? undefined : 3,
      quietly,
    );
  }

  // ---- Day 28: the elections close, the panels adopt their timetables (D3 and I1 the default
  // one; the others short ones, every step due tomorrow, so that their interim review periods are
  // over by day 30), hold their meetings and issue their interim reports.
  t.clock.advance(7 * DAY + 1000);
  const CLOSE = `mutation($id: ID!) { closeElection(id: $id) { status } }`;
  const TIMETABLE = `mutation($input: AdoptTimetableInput!) { adoptTimetable(input: $input) { id } }`;
  for (const c of elected) await (c === d3 ? must : quietly)(CLOSE, { id: c.election }, sec);
  await must(TIMETABLE, { input: { disputeId: d3.id, steps: [] } }, panelists.A);
  await quietly(TIMETABLE, { input: { disputeId: i1.id, steps: [] } }, panelists.A);
  const short = TIMETABLE_STEP_KINDS.map((kind) => ({ kind, dueDate: dayOf(29) }));
  const carried = [d4, ...reported, c1];
  for (const c of carried) await (c === d4 ? must : quietly)(TIMETABLE, { input: { disputeId: c.id, steps: short } }, panelists.A);
  for (const c of [...carried, i1]) {
    const how = c === d4 ? must : quietly;
    for (const action of ['holdFirstMeeting', 'holdSecondMeeting']) await act(c.id, action, panelists.A, {}, how);
    await how(SUBMIT, { input: { disputeId: c.id, version: 'DESCRIPTIVE_PART', ...report('Descriptive part') } }, panelists.A);
    const interim = (
      await how(SUBMIT, { input: { disputeId: c.id, version: 'INTERIM_REPORT', findings, ...report('Interim report') } }, panelists.A)
    ).submitReport.id;
    await quietly(VOTE, { r: interim }, panelists.A);
    await quietly(VOTE, { r: interim }, panelists.B);
    await how(ISSUE, { r: interim }, panelists.A);
    c.interim = interim;
  }

  // ---- Day 30: the final reports (R4's approved, not yet issued), circulated; D4 and R5 objected
  // to; R1-R3 and C1 appealed; the body's next meeting convened for day 40.
  onDay(30);
  for (const c of carried) {
    const how = c === d4 ? must : quietly;
    const final = (
      await how(SUBMIT, { input: { disputeId: c.id, version: 'FINAL_REPORT', findings, ...report('Final report') } }, panelists.A)
    ).submitReport;
    c.findingIds = (final.findings as { id: string }[]).map((f) => f.id);
    await quietly(VOTE, { r: final.id }, panelists.A);
    await quietly(VOTE, { r: final.id }, panelists.B);
    if (c === r4) {
      // R4: the issue, the circulation and the appeals are the fuzzer's (a cross-appeal by the
      // respondent within the 5 days of the first, DSU 17.4).
      twin(ISSUE, { r: final.id }, panelists.A);
      twin(CIRCULATE, { d: c.id }, sec);
      twin(APPEAL, { d: c.id, f: [c.findingIds[0]] }, delegates[c.complainant]);
      twin(APPEAL, { d: c.id, f: [c.findingIds[1]] }, delegates[c.respondent]);
      continue;
    }
    await how(ISSUE, { r: final.id }, panelists.A);
    await how(CIRCULATE, { d: c.id }, sec);
  }
  // Objections count at a meeting if made 10 days before it (DSU 16.2); each member objects once.
  const OBJECT = `mutation($d: ID!) { objectToAdoption(disputeId: $d) }`;
  await quietly(OBJECT, { d: d4.id }, delegates.EGY);
  await must(OBJECT, { d: r5.id }, delegates.PAK);
  for (const [name, nationality] of [
    ['Ana Appel', 'ARG'],
    ['Ben Berufung', 'DEU'],
    ['Chen Shangsu', 'SGP'],
  ]) {
    await must(
      `mutation($n: String!, $c: String!) { addAppellateMember(name: $n, nationality: $c) { id } }`,
      { n: name, c: nationality },
      sec,
    );
  }
  for (const c of [r1, r2, r3, c1]) await (c === r1 ? must : quietly)(APPEAL, { d: c.id, f: [c.findingIds![0]] }, delegates[c.complainant]);
  const m40 = await scheduleMeeting(40, quietly);

  // ---- Day 36: the 5 days for other appeals are over; the appellate reports of R1 and C1 are in.
  onDay(36);
  await must(APPELLATE_REPORT, appellateReport(r1.id, r1.findingIds![0]), sec);
  await quietly(APPELLATE_REPORT, appellateReport(c1.id, c1.findingIds![0]), sec);

  // ---- Day 40: the body adopts the reports of R1 and C1; both go on to implementation, C1 to
  // compliance proceedings. D2's election opens; the panel requests of D5-D7 are filed, and the
  // meeting of the fuzzer's day is convened.
  onDay(40);
  await attend(m40, quietly);
  await must(ADOPTION_MEETING, { d: r1.id, m: m40 }, sec);
  await quietly(ADOPTION_MEETING, { d: c1.id, m: m40 }, sec);
  await act(r1.id, 'stateImplementationIntentions', delegates[r1.respondent]);
  // R1's reasonable period ends today: compensation may be asked for from tomorrow (DSU 22.2).
  await act(r1.id, 'agreeRpt', sec, { rptEndsOn: dayOf(40) });
  await act(c1.id, 'stateImplementationIntentions', delegates[c1.respondent], {}, quietly);
  await act(c1.id, 'agreeRpt', sec, { rptEndsOn: dayOf(100) }, quietly);
  await act(c1.id, 'requestComplianceReview', delegates[c1.complainant]);
  // D2's election closes 9.5 hours into the fuzzer's run (whose clock moves 15 minutes every 100
  // runs): ballots can be cast before, and the election closed after, once the challenge is decided.
  const e2 = await openElection(d2, `${dayOf(FUZZ_DAY)}T12:00:00.000Z`);
  await vote(e2, ['KAZ', 'IDN'], ['D', 'E', 'A'], 2);
  // Its other electors have not voted yet: each may, once, until it closes.
  for (const code of MEMBER_CODES.filter((c) => !['KAZ', 'IDN'].includes(c)).slice(2)) {
    twin(BALLOT, { input: { electionId: e2, ranking: (['D', 'E', 'A'] as const).map((k) => persons[k].id) } }, delegates[code]);
  }
  twin(CLOSE, { id: e2 }, sec);
  // D5 (THA v EGY) is established at the meeting of the fuzzer's day, D6 (KEN v IDN) and D7 (MYS v
  // KAZ) wait for the fuzzer: their requests are on the agenda of meetings from day 51 (11 days).
  const [d5, d6, d7] = [
    { id: '', complainant: 'THA', respondent: 'EGY' },
    { id: '', complainant: 'KEN', respondent: 'IDN' },
    { id: '', complainant: 'MYS', respondent: 'KAZ' },
  ];
  for (const [i, c] of [d5, d6, d7].entries()) {
    c.id = await file(c.complainant, c.respondent, `Panel request D${i + 5}`, quietly);
    await requestPanel(c.id, c.complainant, c.respondent, false, quietly);
  }
  // The complainant takes its request off an agenda (DSU 6.1), as often as it likes.
  await act(d6.id, 'deferPanelRequest', delegates.KEN);
  const meeting = await scheduleMeeting(FUZZ_DAY, quietly);

  // ---- The fuzzer's day, just after midnight: the body meets, with every member present; the
  // fuzzer runs this day (and an hour of the next).
  onDay(FUZZ_DAY, '00:05:00.000Z');
  await attend(meeting);
  await act(d5.id, 'establishPanel', sec, { meetingId: meeting });
  // D5's windows are open (DSU 7.1, 8.5, 8.6, 10.2): the fuzzer takes their steps.
  for (const code of ['IDN', 'KEN']) twinAct(d5.id, 'joinPanelAsThirdParty', delegates[code]);
  twinAct(d5.id, 'agreeTermsOfReference', sec);
  twinAct(d5.id, 'agreeFivePanelists', sec);
  // Challenges of candidates, a few: the fuzzer takes persons off the roster.
  for (const [key, code] of [
    ['D', 'EGY'],
    ['E', 'THA'],
    ['A', 'EGY'],
  ] as const)
    twin(CHALLENGE, { d: d5.id, p: persons[key].id }, delegates[code]);
  // D6: a meeting asked for, and a meeting of the body that does not establish the panel; D7:
  // established at this meeting.
  twinAct(d6.id, 'requestBodyMeeting', delegates.KEN);
  twinAct(d6.id, 'recordBodyMeeting', sec, { meetingId: meeting });
  twinAct(d7.id, 'establishPanel', sec, { meetingId: meeting });
  // D2: the challenge to decide, and, the parties' 20 days having passed, the Director-General.
  twin(`mutation($id: ID!) { decideChallenge(id: $id, upheld: false, reasons: "No compelling reason") { id } }`, { id: challenge }, sec);
  twinAct(d2, 'requestDgAppointment', delegates.KAZ);

  // D1: consultations requested today (CHN v PAK). KAZ, MYS and THA ask to join them (DSU 4.11):
  // PAK accepts KAZ; the others' answers, and IDN's request, are the fuzzer's.
  const d1 = await file('CHN', 'PAK', 'Fruit licensing');
  await act(d1, 'joinAsThirdParty', delegates.KAZ);
  for (const code of ['MYS', 'THA']) await act(d1, 'joinAsThirdParty', delegates[code], {}, quietly);
  await act(d1, 'acceptJoinRequest', delegates.PAK, { memberCode: 'KAZ' });
  twinAct(d1, 'rejectJoinRequest', delegates.PAK, { memberCode: 'MYS' });
  twinAct(d1, 'acceptJoinRequest', delegates.PAK, { memberCode: 'THA' });
  twinAct(d1, 'joinAsThirdParty', delegates.IDN);
  twinAct(d1, 'replyToRequest', delegates.PAK);
  // Good offices begun and ended, and an extension the parties agreed (again and again).
  await act(d1, 'offerGoodOffices', delegates.CHN);
  await act(d1, 'endGoodOffices', sec);
  await act(d1, 'recordExtension', sec, { extension: { rule: 'ENTER_CONSULTATIONS', until: dayOf(FUZZ_DAY + 45) } });

  // The timetables of T1-T3 are the fuzzer's to adopt; then T1's panel decides not to hold its
  // meetings (with reasons), T2's holds its first.
  for (const c of composed) twin(TIMETABLE, { input: { disputeId: c.id, steps: [] } }, panelists.A);
  twinAct(composed[0].id, 'dispenseWithFirstMeeting', panelists.A, { note: 'The parties agreed to proceed on the written record.' });
  twinAct(composed[0].id, 'dispenseWithSecondMeeting', panelists.A, { note: 'The parties agreed to proceed on the written record.' });
  twinAct(composed[1].id, 'holdFirstMeeting', sec);

  // D3 in panel proceedings: a room, hearings, documents of each classification, drafts.
  const room = (await must(`mutation { addHearingRoom(input: { name: "Room W", location: "Centre William Rappard" }) { id } }`, {}, sec))
    .addHearingRoom.id;
  await must(
    `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`,
    {
      input: {
        disputeId: d3.id,
        kind: 'FIRST_SUBSTANTIVE_MEETING',
        startsAt: at(14),
        endsAt: at(14, '17:00:00.000Z'),
        timeZone: 'Europe/Zurich',
        roomId: room,
      },
    },
    sec,
  );
  // Hearings a week apart from three weeks ahead (D3's third-party session and second meeting,
  // the first meetings of T1-T3 and C1's compliance panel), each moved by a day: a hearing can be
  // moved again and again, until the fuzzer cancels it, which it does early and often while
  // there are few hearings to pick from.
  const RESCHEDULE = `mutation($input: RescheduleHearingInput!) { rescheduleHearing(input: $input) { id } }`;
  const hearings = [
    [d3.id, 'THIRD_PARTY_SESSION'],
    ...composed.map((c) => [c.id, 'FIRST_SUBSTANTIVE_MEETING']),
    [d3.id, 'SECOND_SUBSTANTIVE_MEETING'],
    [c1.id, 'FIRST_SUBSTANTIVE_MEETING'],
  ];
  for (const [i, [disputeId, kind]] of hearings.entries()) {
    const day = 22 + 7 * i;
    const hearingId = (
      await quietly(
        `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`,
        {
          input: {
            disputeId,
            kind,
            startsAt: at(day),
            endsAt: at(day, '17:00:00.000Z'),
            timeZone: 'Europe/Zurich',
            virtualLink: `https://meet.example.org/ds-${i}`,
          },
        },
        sec,
      )
    ).scheduleHearing.id as string;
    const moved = { input: { hearingId, startsAt: at(day + 1), endsAt: at(day + 1, '17:00:00.000Z'), reason: 'Agreed by both parties' } };
    if (i === 0) await must(RESCHEDULE, moved, sec);
    else twin(RESCHEDULE, moved, sec);
  }
  // And a short virtual meeting two hours ahead: the seed moves the clock past its start at the
  // end, and enters its attendance and record (requests the fuzzer then varies).
  const soon = t.clock.now().getTime() + 2 * 3_600_000;
  const organisational = (
    await must(
      `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`,
      {
        input: {
          disputeId: d3.id,
          kind: 'ORGANISATIONAL_MEETING',
          startsAt: new Date(soon).toISOString(),
          endsAt: new Date(soon + 3_600_000).toISOString(),
          timeZone: 'Europe/Zurich',
          virtualLink: 'https://meet.example.org/ds-organisational',
        },
      },
      sec,
    )
  ).scheduleHearing.id as string;
  const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
  const filed: string[] = [];
  for (const classification of ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL']) {
    const doc = await must(
      FILE,
      {
        input: {
          disputeId: d3.id,
          kind: 'FIRST_WRITTEN_SUBMISSION',
          title: `Submission ${classification}`,
          fileName: 'sub.pdf',
          mediaType: 'application/pdf',
          content: content(classification),
          classification,
          idempotencyKey: `seed-${classification}`,
          ...(classification === 'CONFIDENTIAL' ? { readerIds: [delegates.PAK.id] } : {}),
        },
      },
      delegates.CHN,
    );
    filed.push(doc.fileDocument.id as string);
  }
  // Texts and files in other working languages (issue 17): D3's title and summary in French, and a
  // Russian version of each of its filings, by the complainant that filed them.
  twin(
    `mutation($d: ID!, $l: String!, $t: String!, $s: String!) { addDisputeTranslation(disputeId: $d, language: $l, title: $t, summary: $s) { id } }`,
    { d: d3.id, l: 'fr', t: 'Titre en français', s: 'Résumé en français.' },
    delegates.CHN,
  );
  for (const id of filed) {
    twin(
      `mutation($id: ID!, $l: String!, $f: String!, $m: String!, $c: String!) { addDocumentVersion(documentId: $id, language: $l, fileName: $f, mediaType: $m, content: $c) { id } }`,
      { id, l: 'ru', f: 'sub-ru.pdf', m: 'application/pdf', c: content('ru') },
      delegates.CHN,
    );
  }
  // D3's first meeting is held, its second is the fuzzer's to record; then the interim report,
  // once a second panelist approves it, can be issued (Appendix 3 ¶12; DSU 15.2). The panels of D3
  // and I1 move steps of their timetables, and D3's chair writes to the body about a delay (DSU
  // 12.9), as often as they like; the parties comment on the descriptive part (DSU 15.1).
  await act(d3.id, 'holdFirstMeeting', panelists.A);
  twinAct(d3.id, 'holdSecondMeeting', panelists.A);
  const descriptive = (
    await must(SUBMIT, { input: { disputeId: d3.id, version: 'DESCRIPTIVE_PART', ...report('Descriptive part') } }, panelists.A)
  ).submitReport.id;
  const COMMENT = `mutation($input: CommentOnReportInput!) { commentOnReport(input: $input) }`;
  await must(COMMENT, { input: { reportId: descriptive, ...report('Comments of CHN') } }, delegates.CHN);
  twin(COMMENT, { input: { reportId: descriptive, ...report('Comments of PAK') } }, delegates.PAK);
  // I1's parties ask for the review of parts of its interim report (DSU 15.2).
  await must(COMMENT, { input: { reportId: i1.interim, ...report('Review requests of PAK') } }, delegates.PAK);
  twin(COMMENT, { input: { reportId: i1.interim, ...report('Review requests of KEN') } }, delegates.KEN);
  const interim = (
    await must(SUBMIT, { input: { disputeId: d3.id, version: 'INTERIM_REPORT', findings, ...report('Interim report') } }, panelists.A)
  ).submitReport.id;
  await must(VOTE, { r: interim }, panelists.A);
  twin(VOTE, { r: interim }, panelists.C);
  twin(ISSUE, { r: interim }, panelists.A);
  await act(d3.id, 'adjustTimetable', panelists.A, {
    extension: { rule: 'TIMETABLE_CIRCULATION', until: dayOf(200) },
    note: 'Translation of the report.',
  });
  await act(i1.id, 'adjustTimetable', panelists.A, {
    extension: { rule: 'TIMETABLE_FINAL_REPORT_TO_PARTIES', until: dayOf(160) },
    note: 'Many requests for review.',
  });
  await act(d3.id, 'informBodyOfDelay', panelists.A, { note: 'The parties asked for more time; the report is expected in October.' });
  // A version a panel has no report of yet is a draft it can submit, once, at any stage: D3 has
  // no final report, T1 will have its descriptive part once its timetable is fixed, T2 and T3
  // have no reports.
  twin(SUBMIT, { input: { disputeId: d3.id, version: 'FINAL_REPORT', findings, ...report('Final report') } }, panelists.A);
  twin(SUBMIT, { input: { disputeId: composed[0].id, version: 'DESCRIPTIVE_PART', ...report('Descriptive part') } }, panelists.A);
  twin(SUBMIT, { input: { disputeId: composed[1].id, version: 'INTERIM_REPORT', findings, ...report('Interim report') } }, panelists.A);
  twin(SUBMIT, { input: { disputeId: composed[2].id, version: 'FINAL_REPORT', findings, ...report('Final report') } }, panelists.A);

  // From circulation to adoption and after, each step once per dispute. D4, circulated on day 30
  // and objected to by EGY in time (DSU 16.2), is the fuzzer's to adopt at today's meeting (EGY
  // alone objecting, the body adopts), and then to see implemented. R2 waits for its appellate
  // report, then for adoption today, then for the body to find that the respondent complied
  // (DSU 21.6). R3's appeal goes on: the secretariat writes about its delay, and suspends and
  // resumes it at the parties' request, again and again.
  twin(ADOPTION_MEETING, { d: d4.id, m: meeting }, sec);
  twinAct(d4.id, 'stateImplementationIntentions', delegates.THA);
  twin(APPELLATE_REPORT, appellateReport(r2.id, r2.findingIds![0]), sec);
  twin(ADOPTION_MEETING, { d: r2.id, m: meeting }, sec);
  twinAct(r2.id, 'declareCompliance', sec, { meetingId: meeting });
  await act(r3.id, 'informBodyOfAppellateDelay', sec, { note: 'The division needs two more weeks.' });
  await act(r3.id, 'suspendAppeal', sec, { note: 'The parties asked for time to negotiate.' });
  await act(r3.id, 'resumeAppeal', sec);
  // R1, adopted, its reasonable period over: the complainant asks for compensation, the parties
  // agree on it, and again (DSU 22.2); the respondent reports on implementation (DSU 21.6).
  await act(r1.id, 'requestCompensation', delegates[r1.complainant]);
  await act(r1.id, 'agreeCompensation', sec);
  await act(r1.id, 'fileStatusReport', delegates[r1.respondent]);
  // C1: the body refers the disagreement on compliance to the original panel today (DSU 21.5).
  twinAct(c1.id, 'referComplianceReview', sec, { meetingId: meeting });

  // Seats vacated, one each: B of T3 now, C of T1-T3 by the fuzzer (A, who fixes the timetables,
  // keeps hers); T3's vacant seat is the fuzzer's to put to a vote.
  const VACATE = `mutation($d: ID!, $p: ID!) { vacatePanelSeat(disputeId: $d, personId: $p, reason: "Withdrew for health reasons") }`;
  await must(VACATE, { d: composed[2].id, p: persons.B.id }, sec);
  for (const c of composed) twin(VACATE, { d: c.id, p: persons.C.id }, sec);
  twin(OPEN_ELECTION, { input: { disputeId: composed[2].id, opensAt: t.clock.now().toISOString(), closesAt: at(8), vacancy: true } }, sec);
  // A meeting of the body to come (the corpus's other one, of day 10, is long past).
  await must(SCHEDULE_MEETING, { d: dayOf(65) }, sec);

  // The roster and the calendar: a nomination to decide, a disclosure to decide, a closed day, an
  // unavailability.
  const NOMINATE = `mutation($input: NominateRosterPersonInput!) { nominateRosterPerson(input: $input) { id } }`;
  await must(
    NOMINATE,
    { input: { name: 'Farah Faiz', nationality: 'MYS', expertise: ['SPS'], languages: ['English', 'Malay'] } },
    delegates.MYS,
  );
  // Nationals of KAZ and PAK on the roster. KAZ is a party in D2 and a third party in the panel
  // proceedings of D3 (DSU 8.3 looks to those, 10.2; in D1 it only joined the consultations),
  // PAK a party in D1 and D3: each party may agree, once per dispute and person, that they serve.
  // Two of them, for the fuzzer takes persons off the roster early and often while there are few.
  const nominated: string[] = [];
  for (const [name, nationality] of [
    ['Nurlan Nurov', 'KAZ'],
    ['Ayesha Akhtar', 'PAK'],
  ]) {
    nominated.push(
      (await quietly(NOMINATE, { input: { name, nationality, expertise: ['trade remedies'], languages: ['English'] } }, delegates.EGY))
        .nominateRosterPerson.id as string,
    );
  }
  const [national, pakistani] = nominated;
  await must(`mutation($id: ID!) { decideNomination(id: $id, approve: true) { id } }`, { id: national }, sec);
  await quietly(`mutation($id: ID!) { decideNomination(id: $id, approve: true) { id } }`, { id: pakistani }, sec);
  // The KAZ national's own PANELIST account, kept active by the harness like its callers (a
  // deactivated account cannot be linked). Linking an account again changes nothing, and
  // succeeds; so does linking D's and E's again, in case the fuzzer takes him off the roster.
  const own = await createUser(t.db, { role: 'PANELIST', displayName: 'Panelist N' });
  const LINK = `mutation($p: ID!, $u: ID!) { linkPanelistUser(personId: $p, userId: $u) { id } }`;
  await must(LINK, { p: national, u: own.id }, sec);
  for (const key of ['D', 'E'] as const) twin(LINK, { p: persons[key].id, u: panelists[key].id }, sec);
  const CONSENT = `mutation($d: ID!, $p: ID!) { consentToNational(disputeId: $d, personId: $p) { waived } }`;
  await must(CONSENT, { d: d3.id, p: national }, delegates.CHN);
  for (const [d, code] of [
    [d2, 'KAZ'],
    [d2, 'IDN'],
  ])
    twin(CONSENT, { d, p: national }, delegates[code]);
  for (const [d, code] of [
    [d1, 'PAK'],
    [d3.id, 'CHN'],
    [d3.id, 'PAK'],
  ])
    twin(CONSENT, { d, p: pakistani }, delegates[code]);
  await must(
    `mutation($input: DeclareDisclosureInput!) { declareDisclosure(input: $input) { id } }`,
    { input: { personId: persons.D.id, kind: 'PROFESSIONAL', text: 'Advised a steel producer in 2019', disputeId: d2 } },
    panelists.D,
  );
  await must(`mutation($d: LocalDate!) { addClosedDay(day: $d, reason: "Public holiday") { day } }`, { d: dayOf(FUZZ_DAY + 35) }, sec);
  await must(
    `mutation($d: LocalDate!) { declareUnavailability(input: { day: $d, reason: "National holiday" }) { id } }`,
    { d: dayOf(FUZZ_DAY + 49) },
    delegates.CHN,
  );
  await must(`mutation { calendarFeedUrl }`, {}, delegates.PAK);

  // The organisational meeting has started: who attended (no one, as the seed has it) and its
  // minutes.
  t.clock.advance(2.5 * 3_600_000);
  await must(`mutation($h: ID!, $a: [ID!]!) { recordAttendance(hearingId: $h, attendees: $a) { id } }`, { h: organisational, a: [] }, sec);
  await must(
    `mutation($input: FileHearingRecordInput!) { fileHearingRecord(input: $input) { id } }`,
    {
      input: {
        hearingId: organisational,
        title: 'Minutes of the organisational meeting',
        fileName: 'minutes.pdf',
        mediaType: 'application/pdf',
        content: content('Minutes'),
      },
    },
    sec,
  );

  // Refresh tokens: one valid, one already rotated (presenting it is a reuse), one revoked.
  const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }`;
  const rotated = (await must(LOGIN, { e: sec2.email, p: DEFAULT_PASSWORD })).login.refreshToken;
  const valid = (await must(`mutation($r: String!) { refreshToken(refreshToken: $r) { refreshToken } }`, { r: rotated })).refreshToken
    .refreshToken;
  const revoked = (await must(LOGIN, { e: delegates.KEN.email, p: DEFAULT_PASSWORD })).login.refreshToken;
  await must(`mutation($r: String!) { logout(refreshToken: $r) }`, { r: revoked });

  const actors: Actor[] = [
    { label: 'SECRETARIAT', user: sec },
    { label: 'SECRETARIAT', user: sec2 },
    ...Object.entries(delegates).map(([code, user]) => ({ label: `MEMBER_DELEGATE:${code}`, user })),
    ...(Object.keys(panelists) as PersonKey[]).map((key) => ({ label: `PANELIST:${key}`, user: panelists[key] })),
    { label: 'PANELIST:unlinked', user: unlinked },
    { label: 'deactivated', user: deactivated },
  ];
  const users = [sec, sec2, deactivated, unlinked, ...Object.values(delegates), ...Object.values(panelists)];
  return {
    t,
    members,
    actors,
    actorUserIds: new Set([...actors.filter((a) => a.user?.active).map((a) => a.user!.id), own.id]),
    emails: users.map((u) => u.email),
    refreshTokens: [valid, rotated, revoked],
    deactivated,
    corpus,
  };
}
