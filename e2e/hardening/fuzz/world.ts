import { MemberEntity, UserEntity } from '@app/core';
import { FieldNode, OperationDefinitionNode, parse, valueFromASTUntyped } from 'graphql';
import { RosterPersonEntity } from '@app/panels';
import { DEFAULT_PASSWORD, createMember, createUser } from '../../utils/factories';
import { TestApp } from '../../utils/test-app';

// The state the fuzzer starts from: a small but realistic registry, so that well-formed requests
// get past the validation of their arguments into the rules of the services (a dispute at every
// interesting stage, an open election, a pending challenge, an open disclosure, a nomination to
// decide, a hearing, documents of every classification, report drafts, refresh tokens).

export const DAY = 86_400_000;
export const MEMBER_CODES = ['CHN', 'PAK', 'KAZ', 'IDN', 'MYS', 'THA', 'EGY', 'KEN'] as const;
export const MEASURES = ['Import licensing of fruit', 'Sanitary ban on apples'];
export const PROVISIONS = ['GATT Art. XI:1', 'SPS Art. 2.2'];
const PERSONS = { A: ['Alice Ang', 'SGP'], B: ['Bruno Braga', 'BRA'], C: ['Clara Chevalier', 'CHE'], D: ['Dan Dunn', 'NZL'], E: ['Eve Evans', 'CAN'] } as const;
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
}

function seedCall(query: string, variables: Record<string, unknown>, user: UserEntity | null | undefined): SeedCall {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const args = Object.fromEntries((field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]));
  return { mutation: field.name.value, args, userId: user?.id ?? null };
}

export interface World {
  t: TestApp;
  members: Record<string, MemberEntity>;
  /** Every signed-in actor the fuzzer sends requests as (anonymous is added by the fuzzer). */
  actors: Actor[];
  /** Users the harness keeps active: deactivating one of them is undone after the run. */
  actorUserIds: Set<string>;
  emails: string[];
  /** Refresh tokens: valid, already rotated (a reuse), revoked. */
  refreshTokens: string[];
  /** A user who was deactivated: their token must be refused. */
  deactivated: UserEntity;
  /** Every successful request of the seed, in order. */
  corpus: SeedCall[];
}

export async function seedWorld(t: TestApp): Promise<World> {
  const corpus: SeedCall[] = [];
  const must = async (query: string, variables: Record<string, unknown>, user?: UserEntity | null) => {
    const res = await t.gql(query, variables, user ? t.tokenFor(user) : undefined);
    if (res.errors) throw new Error(`seed: ${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
    corpus.push(seedCall(query, variables, user));
    return res.data!;
  };
  const at = (days: number, time = '09:00:00.000Z') => `${new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10)}T${time}`;

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
        name, nationality, expertise: ['trade in goods'], languages: ['English'], available: true, status: 'APPROVED',
        nominatedByMemberId: members.EGY.id, userId: panelists[key].id,
      }),
    );
  }
  // A PANELIST account not linked to anyone, for linkPanelistUser.
  const unlinked = await createUser(t.db, { role: 'PANELIST', displayName: 'Unlinked panelist' });

  const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;
  const file = async (complainant: string, respondent: string, title: string) =>
    (await must(`mutation($r: [String!]!, $t: String!, $m: [String!]!, $l: [String!]!) { requestConsultations(input: { respondents: $r, title: $t,
      measures: $m, legalBasis: $l, summary: "Summary" }) { id } }`, { r: [respondent], t: title, m: MEASURES, l: PROVISIONS }, delegates[complainant])).requestConsultations.id as string;
  const establish = async (id: string, complainant: string, respondent: string, thirdParties: string[] = []) => {
    for (const tp of thirdParties) await must(ACT, { id, action: 'joinAsThirdParty' }, delegates[tp]);
    await must(ACT, { id, action: 'agreeEarlyPanelRequest' }, delegates[complainant]);
    await must(ACT, { id, action: 'agreeEarlyPanelRequest' }, delegates[respondent]);
    await must(ACT, { id, action: 'requestPanel' }, delegates[complainant]);
    await must(ACT, { id, action: 'establishPanel' }, sec);
  };
  const openElection = async (disputeId: string, days = 7) =>
    (await must(`mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`,
      { input: { disputeId, opensAt: t.clock.now().toISOString(), closesAt: new Date(t.clock.now().getTime() + days * DAY).toISOString() } }, sec)).openElection.id as string;
  const vote = async (electionId: string, parties: string[], panel: PersonKey[], only?: number) => {
    const electors = MEMBER_CODES.filter((c) => !parties.includes(c)).slice(0, only);
    for (const code of electors) {
      await must(`mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`,
        { input: { electionId, ranking: panel.map((k) => persons[k].id) } }, delegates[code]);
    }
  };

  // D1: consultations requested (CHN v PAK), KAZ joined.
  const d1 = await file('CHN', 'PAK', 'Fruit licensing');
  await must(ACT, { id: d1, action: 'joinAsThirdParty' }, delegates.KAZ);
  // D2: panel established (KAZ v IDN), election open with some ballots, a challenge pending.
  const d2 = await file('KAZ', 'IDN', 'Steel safeguard');
  await establish(d2, 'KAZ', 'IDN', ['EGY']);
  // It closes 12 hours after the seed's 7-day step below (9.5 hours into the fuzzer's run, whose
  // clock moves 15 minutes every 100 runs): ballots can be cast before, and the election closed after.
  const e2 = await openElection(d2, 7.5);
  await vote(e2, ['KAZ', 'IDN'], ['D', 'E', 'A'], 2);
  await must(`mutation($d: ID!, $p: ID!) { challengeCandidate(disputeId: $d, personId: $p, grounds: "Prior advice to a party") { id } }`,
    { d: d2, p: persons.E.id }, delegates.IDN);
  // D3 (CHN v PAK, KAZ third party) and D4 (MYS v THA): panels composed by election.
  const d3 = await file('CHN', 'PAK', 'Sanitary measures on apples');
  await establish(d3, 'CHN', 'PAK', ['KAZ']);
  const e3 = await openElection(d3);
  await vote(e3, ['CHN', 'PAK'], ['A', 'C', 'B']);
  const d4 = await file('MYS', 'THA', 'Rice import quota');
  await establish(d4, 'MYS', 'THA');
  const e4 = await openElection(d4);
  await vote(e4, ['MYS', 'THA'], ['A', 'B', 'C']);
  t.clock.advance(7 * DAY + 1000);
  for (const e of [e3, e4]) await must(`mutation($id: ID!) { closeElection(id: $id) { status } }`, { id: e }, sec);
  for (const d of [d3, d4]) await must(`mutation($input: AdoptTimetableInput!) { adoptTimetable(input: $input) { id } }`, { input: { disputeId: d, steps: [] } }, panelists.A);

  // D3 in panel proceedings: a room, a hearing, documents of each classification, drafts.
  const room = (await must(`mutation { addHearingRoom(input: { name: "Room W", location: "Centre William Rappard" }) { id } }`, {}, sec)).addHearingRoom.id;
  await must(`mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`, {
    input: { disputeId: d3, kind: 'FIRST_SUBSTANTIVE_MEETING', startsAt: at(14), endsAt: at(14, '17:00:00.000Z'), timeZone: 'Europe/Zurich', roomId: room },
  }, sec);
  // And a short virtual meeting two hours ahead: the seed moves the clock past its start at the
  // end, and enters its attendance and record (requests the fuzzer then varies).
  const soon = t.clock.now().getTime() + 2 * 3_600_000;
  const organisational = (await must(`mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`, {
    input: { disputeId: d3, kind: 'ORGANISATIONAL_MEETING', startsAt: new Date(soon).toISOString(), endsAt: new Date(soon + 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich', virtualLink: 'https://meet.example.org/ds-organisational' },
  }, sec)).scheduleHearing.id as string;
  const content = (text: string) => Buffer.from(text).toString('base64');
  const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
  for (const classification of ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL']) {
    await must(FILE, { input: { disputeId: d3, kind: 'FIRST_WRITTEN_SUBMISSION', title: `Submission ${classification}`, fileName: 'sub.pdf',
      mediaType: 'application/pdf', content: content(classification), classification, idempotencyKey: `seed-${classification}`,
      ...(classification === 'CONFIDENTIAL' ? { readerIds: [delegates.PAK.id] } : {}) } }, delegates.CHN);
  }
  const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`;
  const findings = [
    { measure: MEASURES[0], provision: PROVISIONS[0], finding: 'INCONSISTENT', reasoning: 'A quantitative restriction.', recommendation: 'Bring it into conformity.' },
    { measure: MEASURES[1], provision: PROVISIONS[1], finding: 'NOT_DECIDED', reasoning: 'Judicial economy.' },
  ];
  const report = (title: string) => ({ title, fileName: 'report.pdf', mediaType: 'application/pdf', content: content(title) });
  await must(SUBMIT, { input: { disputeId: d3, version: 'DESCRIPTIVE_PART', ...report('Descriptive part') } }, panelists.A);
  await must(SUBMIT, { input: { disputeId: d3, version: 'INTERIM_REPORT', findings, ...report('Interim report') } }, panelists.A);
  // D4 carried to circulation of the final report: adoption, objections and appeals are open.
  await must(SUBMIT, { input: { disputeId: d4, version: 'DESCRIPTIVE_PART', ...report('Descriptive part') } }, panelists.A);
  for (const version of ['INTERIM_REPORT', 'FINAL_REPORT']) {
    const id = (await must(SUBMIT, { input: { disputeId: d4, version, findings, ...report(version) } }, panelists.A)).submitReport.id;
    await must(`mutation($r: ID!) { voteOnReport(reportId: $r, approve: true) }`, { r: id }, panelists.A);
    await must(`mutation($r: ID!) { voteOnReport(reportId: $r, approve: true) }`, { r: id }, panelists.B);
    await must(`mutation($r: ID!) { issueReport(reportId: $r) { id } }`, { r: id }, panelists.A);
  }
  await must(`mutation($d: ID!) { circulateReport(disputeId: $d) { id } }`, { d: d4 }, sec);
  for (const [name, nationality] of [['Ana Appel', 'ARG'], ['Ben Berufung', 'DEU'], ['Chen Shangsu', 'SGP']]) {
    await must(`mutation($n: String!, $c: String!) { addAppellateMember(name: $n, nationality: $c) { id } }`, { n: name, c: nationality }, sec);
  }

  // The roster and the calendar: a nomination to decide, a disclosure to decide, a closed day, an
  // unavailability.
  await must(`mutation($input: NominateRosterPersonInput!) { nominateRosterPerson(input: $input) { id } }`,
    { input: { name: 'Farah Faiz', nationality: 'MYS', expertise: ['SPS'], languages: ['English', 'Malay'] } }, delegates.MYS);
  await must(`mutation($input: DeclareDisclosureInput!) { declareDisclosure(input: $input) { id } }`,
    { input: { personId: persons.D.id, kind: 'PROFESSIONAL', text: 'Advised a steel producer in 2019', disputeId: d2 } }, panelists.D);
  await must(`mutation { addClosedDay(day: "2026-04-06", reason: "Easter Monday") { day } }`, {}, sec);
  await must(`mutation { declareUnavailability(input: { day: "2026-04-20", reason: "National holiday" }) { id } }`, {}, delegates.CHN);
  await must(`mutation { calendarFeedUrl }`, {}, delegates.PAK);

  // The organisational meeting has started: who attended (no one, as the seed has it) and its
  // minutes.
  t.clock.advance(2.5 * 3_600_000);
  await must(`mutation($h: ID!, $a: [ID!]!) { recordAttendance(hearingId: $h, attendees: $a) { id } }`, { h: organisational, a: [] }, sec);
  await must(`mutation($input: FileHearingRecordInput!) { fileHearingRecord(input: $input) { id } }`, {
    input: { hearingId: organisational, title: 'Minutes of the organisational meeting', fileName: 'minutes.pdf', mediaType: 'application/pdf', content: content('Minutes') },
  }, sec);

  // Refresh tokens: one valid, one already rotated (presenting it is a reuse), one revoked.
  const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }`;
  const rotated = (await must(LOGIN, { e: sec2.email, p: DEFAULT_PASSWORD })).login.refreshToken;
  const valid = (await must(`mutation($r: String!) { refreshToken(refreshToken: $r) { refreshToken } }`, { r: rotated })).refreshToken.refreshToken;
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
    actorUserIds: new Set(actors.filter((a) => a.user?.active).map((a) => a.user!.id)),
    emails: users.map((u) => u.email),
    refreshTokens: [valid, rotated, revoked],
    deactivated,
    corpus,
  };
}
