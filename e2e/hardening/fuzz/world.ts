import { MemberEntity, UserEntity } from '@app/core';
import { FieldNode, OperationDefinitionNode, parse, valueFromASTUntyped } from 'graphql';
import { RosterPersonEntity } from '@app/panels';
import { DEFAULT_PASSWORD, createMember, createUser } from '../../utils/factories';
import { TestApp } from '../../utils/test-app';

// The state the fuzzer starts from: a small but realistic registry, so that well-formed requests
// get past the validation of their arguments into the rules of the services (a dispute at every
// interesting stage, an open election, a pending challenge, an open disclosure, a nomination to
// decide, a hearing, documents of every classification, report drafts, refresh tokens).
//
// A step that succeeds once per target (fixing a timetable, circulating a report, appealing,
// vacating a seat, one ballot per member) would succeed only for the seed, which takes it first:
// the fuzzer's variations of it meet a state that has moved on. So the seed also brings "twins"
// up: disputes taken through the same steps as the one it sent the request for, but left one step
// short, and the corpus holds the same request aimed at each twin (or sent by another member with
// the same right), unsent. A variation of it then takes the step for real, once per twin.

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
  return { mutation: field.name.value, args, userId: user?.id ?? null };
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
    if (res.errors) throw new Error(`seed: ${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
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
  const file = async (complainant: string, respondent: string, title: string, send = must) =>
    (await send(`mutation($r: [String!]!, $t: String!, $m: [String!]!, $l: [String!]!) { requestConsultations(input: { respondents: $r, title: $t,
      measures: $m, legalBasis: $l, summary: "Summary" }) { id } }`, { r: [respondent], t: title, m: MEASURES, l: PROVISIONS }, delegates[complainant])).requestConsultations.id as string;
  // Third parties in the panel proceedings (DSU 10.2) join once the panel is established.
  const establish = async (id: string, complainant: string, respondent: string, thirdParties: string[] = [], send = must) => {
    await send(ACT, { id, action: 'agreeEarlyPanelRequest' }, delegates[complainant]);
    await send(ACT, { id, action: 'agreeEarlyPanelRequest' }, delegates[respondent]);
    await send(ACT, { id, action: 'requestPanel' }, delegates[complainant]);
    await send(ACT, { id, action: 'establishPanel' }, sec);
    for (const tp of thirdParties) await send(ACT, { id, action: 'joinPanelAsThirdParty' }, delegates[tp]);
  };
  const openElection = async (disputeId: string, days = 7, send = must) =>
    (await send(`mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`,
      { input: { disputeId, opensAt: t.clock.now().toISOString(), closesAt: new Date(t.clock.now().getTime() + days * DAY).toISOString() } }, sec)).openElection.id as string;
  const BALLOT = `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`;
  const vote = async (electionId: string, parties: string[], panel: PersonKey[], only?: number, send = must) => {
    const electors = MEMBER_CODES.filter((c) => !parties.includes(c)).slice(0, only);
    for (const code of electors) await send(BALLOT, { input: { electionId, ranking: panel.map((k) => persons[k].id) } }, delegates[code]);
  };

  // D1: consultations requested (CHN v PAK), KAZ asked to join them (DSU 4.11; PAK has yet to answer).
  const d1 = await file('CHN', 'PAK', 'Fruit licensing');
  await must(ACT, { id: d1, action: 'joinAsThirdParty' }, delegates.KAZ);
  // D2: panel established (KAZ v IDN), election open with some ballots, a challenge pending.
  const d2 = await file('KAZ', 'IDN', 'Steel safeguard');
  await establish(d2, 'KAZ', 'IDN', ['EGY']);
  // It closes 12 hours after the seed's 7-day step below (9.5 hours into the fuzzer's run, whose
  // clock moves 15 minutes every 100 runs): ballots can be cast before, and the election closed after.
  const e2 = await openElection(d2, 7.5);
  await vote(e2, ['KAZ', 'IDN'], ['D', 'E', 'A'], 2);
  // Its other electors have not voted yet: each may, once, until it closes.
  for (const code of MEMBER_CODES.filter((c) => !['KAZ', 'IDN'].includes(c)).slice(2)) {
    twin(BALLOT, { input: { electionId: e2, ranking: (['D', 'E', 'A'] as const).map((k) => persons[k].id) } }, delegates[code]);
  }
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
  // Twins, composed like D3 and D4 (three ballots reach the quorum of half the electorate): T1-T3
  // stay composed, for the steps a composed panel takes once; R1-R4 are carried like D4 to an
  // issued final report, for the steps from circulation to adoption.
  const twinDispute = async ([complainant, respondent]: [string, string], title: string) => {
    const id = await file(complainant, respondent, title, quietly);
    await establish(id, complainant, respondent, [], quietly);
    const election = await openElection(id, 7, quietly);
    await vote(election, [complainant, respondent], ['A', 'B', 'C'], 3, quietly);
    return { id, election, complainant, respondent };
  };
  type Twin = Awaited<ReturnType<typeof twinDispute>>;
  const composed: Twin[] = [];
  for (const [i, pair] of ([['EGY', 'KEN'], ['IDN', 'THA'], ['KEN', 'MYS']] as const).entries()) composed.push(await twinDispute([...pair], `Composed twin T${i + 1}`));
  const reported: Twin[] = [];
  for (const [i, pair] of ([['EGY', 'IDN'], ['THA', 'KEN'], ['PAK', 'MYS'], ['KEN', 'EGY']] as const).entries()) reported.push(await twinDispute([...pair], `Reported twin R${i + 1}`));
  t.clock.advance(7 * DAY + 1000);
  const CLOSE = `mutation($id: ID!) { closeElection(id: $id) { status } }`;
  const TIMETABLE = `mutation($input: AdoptTimetableInput!) { adoptTimetable(input: $input) { id } }`;
  for (const e of [e3, e4]) await must(CLOSE, { id: e }, sec);
  for (const d of [...composed, ...reported]) await quietly(CLOSE, { id: d.election }, sec);
  for (const d of [d3, d4]) await must(TIMETABLE, { input: { disputeId: d, steps: [] } }, panelists.A);
  for (const d of reported) await quietly(TIMETABLE, { input: { disputeId: d.id, steps: [] } }, panelists.A);
  for (const d of composed) twin(TIMETABLE, { input: { disputeId: d.id, steps: [] } }, panelists.A);

  // D3 in panel proceedings: a room, a hearing, documents of each classification, drafts.
  const room = (await must(`mutation { addHearingRoom(input: { name: "Room W", location: "Centre William Rappard" }) { id } }`, {}, sec)).addHearingRoom.id;
  await must(`mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`, {
    input: { disputeId: d3, kind: 'FIRST_SUBSTANTIVE_MEETING', startsAt: at(14), endsAt: at(14, '17:00:00.000Z'), timeZone: 'Europe/Zurich', roomId: room },
  }, sec);
  // Hearings a week apart from three weeks ahead (D3's third-party session, the first meetings of
  // T1-T3, R1 and R2), each moved by a day: a hearing can be moved again and again, until the
  // fuzzer cancels it, which it does early and often while there are few hearings to pick from.
  const RESCHEDULE = `mutation($input: RescheduleHearingInput!) { rescheduleHearing(input: $input) { id } }`;
  const hearings = [[d3, 'THIRD_PARTY_SESSION'], ...[...composed, ...reported.slice(0, 2)].map((d) => [d.id, 'FIRST_SUBSTANTIVE_MEETING'])];
  for (const [i, [disputeId, kind]] of hearings.entries()) {
    const day = 22 + 7 * i;
    const hearingId = (await quietly(`mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`, {
      input: { disputeId, kind, startsAt: at(day), endsAt: at(day, '17:00:00.000Z'), timeZone: 'Europe/Zurich', virtualLink: `https://meet.example.org/ds-${i}` },
    }, sec)).scheduleHearing.id as string;
    const moved = { input: { hearingId, startsAt: at(day + 1), endsAt: at(day + 1, '17:00:00.000Z'), reason: 'Agreed by both parties' } };
    if (i === 0) await must(RESCHEDULE, moved, sec);
    else twin(RESCHEDULE, moved, sec);
  }
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
  const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id findings { id } } }`;
  const findings = [
    { measure: MEASURES[0], provision: PROVISIONS[0], finding: 'INCONSISTENT', reasoning: 'A quantitative restriction.', recommendation: 'Bring it into conformity.' },
    { measure: MEASURES[1], provision: PROVISIONS[1], finding: 'NOT_DECIDED', reasoning: 'Judicial economy.' },
  ];
  const report = (title: string) => ({ title, fileName: 'report.pdf', mediaType: 'application/pdf', content: content(title) });
  await must(SUBMIT, { input: { disputeId: d3, version: 'DESCRIPTIVE_PART', ...report('Descriptive part') } }, panelists.A);
  await must(SUBMIT, { input: { disputeId: d3, version: 'INTERIM_REPORT', findings, ...report('Interim report') } }, panelists.A);
  // D4 carried to circulation of the final report: adoption, objections and appeals are open.
  const finalReport = async (disputeId: string, send = must) => {
    await send(SUBMIT, { input: { disputeId, version: 'DESCRIPTIVE_PART', ...report('Descriptive part') } }, panelists.A);
    let findingIds: string[] = [];
    for (const version of ['INTERIM_REPORT', 'FINAL_REPORT']) {
      const submitted = (await send(SUBMIT, { input: { disputeId, version, findings, ...report(version) } }, panelists.A)).submitReport;
      await send(`mutation($r: ID!) { voteOnReport(reportId: $r, approve: true) }`, { r: submitted.id }, panelists.A);
      await send(`mutation($r: ID!) { voteOnReport(reportId: $r, approve: true) }`, { r: submitted.id }, panelists.B);
      await send(`mutation($r: ID!) { issueReport(reportId: $r) { id } }`, { r: submitted.id }, panelists.A);
      findingIds = (submitted.findings as { id: string }[]).map((f) => f.id);
    }
    return findingIds;
  };
  await finalReport(d4);
  const appealable: (Twin & { findingIds: string[] })[] = [];
  for (const d of reported) appealable.push({ ...d, findingIds: await finalReport(d.id, quietly) });
  // A version a panel has no report of yet is a draft it can submit, once, at any stage: D3 has
  // no final report, T1 will have its descriptive part once its timetable is fixed, T2 and T3
  // have no reports.
  twin(SUBMIT, { input: { disputeId: d3, version: 'FINAL_REPORT', findings, ...report('Final report') } }, panelists.A);
  twin(SUBMIT, { input: { disputeId: composed[0].id, version: 'DESCRIPTIVE_PART', ...report('Descriptive part') } }, panelists.A);
  twin(SUBMIT, { input: { disputeId: composed[1].id, version: 'INTERIM_REPORT', findings, ...report('Interim report') } }, panelists.A);
  twin(SUBMIT, { input: { disputeId: composed[2].id, version: 'FINAL_REPORT', findings, ...report('Final report') } }, panelists.A);
  const CIRCULATE = `mutation($d: ID!) { circulateReport(disputeId: $d) { id } }`;
  await must(CIRCULATE, { d: d4 }, sec);
  for (const [name, nationality] of [['Ana Appel', 'ARG'], ['Ben Berufung', 'DEU'], ['Chen Shangsu', 'SGP']]) {
    await must(`mutation($n: String!, $c: String!) { addAppellateMember(name: $n, nationality: $c) { id } }`, { n: name, c: nationality }, sec);
  }
  // From circulation to adoption, each step once per dispute: R1 goes all the way (circulated,
  // appealed by the complainant, the appellate report recorded, adopted at a meeting of the body,
  // which needs no waiting period after an appellate report), R2-R4 get the same requests unsent,
  // to be taken in turn by the fuzzer's variations. (R1's circulation is D4's, already recorded.)
  const chain = (d: Twin & { findingIds: string[] }): [string, Record<string, unknown>, UserEntity][] => [
    [CIRCULATE, { d: d.id }, sec],
    [`mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { id } }`, { d: d.id, f: [d.findingIds[0]] }, delegates[d.complainant]],
    [`mutation($input: RecordAppellateReportInput!) { recordAppellateReport(input: $input) { id } }`, {
      input: { disputeId: d.id, outcomes: [{ findingId: d.findingIds[0], outcome: 'MODIFIED', reasoning: 'The panel erred in its interpretation.' }], ...report('Appellate report') },
    }, sec],
    [`mutation($d: ID!, $p: [String!]!) { recordAdoptionMeeting(disputeId: $d, presentMembers: $p) { outcome } }`, { d: d.id, p: ['CHN', 'PAK', 'KAZ'] }, sec],
  ];
  for (const [i, [query, variables, user]] of chain(appealable[0]).entries()) await (i === 0 ? quietly : must)(query, variables, user);
  for (const d of appealable.slice(1)) for (const [query, variables, user] of chain(d)) twin(query, variables, user);
  // D4: a member objects to adoption, and the body, that member alone present, does not adopt.
  // Unlike an adoption, such a meeting can be held again.
  await must(`mutation($d: ID!) { objectToAdoption(disputeId: $d) }`, { d: d4 }, delegates.EGY);
  await must(`mutation($d: ID!, $p: [String!]!) { recordAdoptionMeeting(disputeId: $d, presentMembers: $p) { outcome } }`, { d: d4, p: ['EGY'] }, sec);
  // Seats vacated, one each: B of T3 now, C of T1-T3 by the fuzzer (A, who fixes the timetables,
  // keeps hers).
  const VACATE = `mutation($d: ID!, $p: ID!) { vacatePanelSeat(disputeId: $d, personId: $p, reason: "Withdrew for health reasons") }`;
  await must(VACATE, { d: composed[2].id, p: persons.B.id }, sec);
  for (const d of composed) twin(VACATE, { d: d.id, p: persons.C.id }, sec);

  // The roster and the calendar: a nomination to decide, a disclosure to decide, a closed day, an
  // unavailability.
  const NOMINATE = `mutation($input: NominateRosterPersonInput!) { nominateRosterPerson(input: $input) { id } }`;
  await must(NOMINATE, { input: { name: 'Farah Faiz', nationality: 'MYS', expertise: ['SPS'], languages: ['English', 'Malay'] } }, delegates.MYS);
  // Nationals of KAZ and PAK on the roster. KAZ is a party in D2 and a third party in the panel
  // proceedings of D3 (DSU 8.3 looks to those, 10.2; in D1 it only asked to join the consultations),
  // PAK a party in D1 and D3: each party may agree, once per dispute and person, that they serve. Two of them,
  // for the fuzzer takes persons off the roster early and often while there are few.
  const nominated: string[] = [];
  for (const [name, nationality] of [['Nurlan Nurov', 'KAZ'], ['Ayesha Akhtar', 'PAK']]) {
    nominated.push((await quietly(NOMINATE, { input: { name, nationality, expertise: ['trade remedies'], languages: ['English'] } }, delegates.EGY)).nominateRosterPerson.id as string);
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
  await must(CONSENT, { d: d3, p: national }, delegates.CHN);
  for (const [d, code] of [[d2, 'KAZ'], [d2, 'IDN']]) twin(CONSENT, { d, p: national }, delegates[code]);
  for (const [d, code] of [[d1, 'PAK'], [d3, 'CHN'], [d3, 'PAK']]) twin(CONSENT, { d, p: pakistani }, delegates[code]);
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
    actorUserIds: new Set([...actors.filter((a) => a.user?.active).map((a) => a.user!.id), own.id]),
    emails: users.map((u) => u.email),
    refreshTokens: [valid, rotated, revoked],
    deactivated,
    corpus,
  };
}
