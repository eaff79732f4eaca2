import { MemberEntity, UserEntity } from '@app/core';
import { RosterPersonEntity } from '@app/panels';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

// Shared setup of the hearings e2e files: members, a secretariat user, roster persons with their
// PANELIST accounts, and disputes brought to PANEL_COMPOSED by a real election (as in
// e2e/panels/elections.e2e-spec.ts).

export const DAY = 86_400_000;
export const MEMBER_CODES = ['CHN', 'PAK', 'KAZ', 'IDN', 'MYS', 'THA', 'EGY', 'KEN'] as const;
export type Code = (typeof MEMBER_CODES)[number];
export const PERSONS = {
  A: ['Alice Ang', 'SGP'],
  B: ['Bruno Braga', 'BRA'],
  C: ['Clara Chevalier', 'CHE'],
  D: ['Dan Dunn', 'NZL'],
  E: ['Eve Evans', 'CAN'],
} as const;
export type PersonKey = keyof typeof PERSONS;

export const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;

export interface World {
  t: TestApp;
  members: Record<Code, MemberEntity>;
  delegates: Record<Code, UserEntity>;
  sec: UserEntity;
  persons: Record<PersonKey, RosterPersonEntity>;
  panelists: Record<PersonKey, UserEntity>;
  /** A fresh token (tokens last 15 minutes: mint after moving the clock). */
  tok(user: UserEntity): string;
  at(days: number, time?: string): string;
}

export interface DisputeSpec {
  complainant: Code;
  respondent: Code;
  /** Third parties in the panel proceedings (DSU 10.2): accepted into the consultations first, then notified after establishment. */
  thirdParties?: Code[];
  /** The panel: the electors all rank these, so they are elected in this order (the first chairs). */
  panel: [PersonKey, PersonKey, PersonKey];
}

export async function startWorld(start = '2026-03-02T09:00:00Z'): Promise<World> {
  const t = await startTestApp({ start });
  const members = {} as Record<Code, MemberEntity>;
  const delegates = {} as Record<Code, UserEntity>;
  for (const code of MEMBER_CODES) {
    members[code] = await createMember(t.db, { code, name: `Member ${code}` });
    delegates[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
  }
  const sec = await createUser(t.db, { role: 'SECRETARIAT', displayName: 'Registrar Rui' });
  const persons = {} as Record<PersonKey, RosterPersonEntity>;
  const panelists = {} as Record<PersonKey, UserEntity>;
  for (const key of Object.keys(PERSONS) as PersonKey[]) {
    panelists[key] = await createUser(t.db, { role: 'PANELIST' });
    const [name, nationality] = PERSONS[key];
    persons[key] = await t.db.getRepository(RosterPersonEntity).save(
      t.db.getRepository(RosterPersonEntity).create({
        name,
        nationality,
        expertise: ['trade in goods'],
        languages: ['en'],
        available: true,
        status: 'APPROVED',
        nominatedByMemberId: members.EGY.id,
        userId: panelists[key].id,
      }),
    );
  }
  const at = (days: number, time = '09:00:00Z') => {
    const day = new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);
    return `${day}T${time}`;
  };
  return { t, members, delegates, sec, persons, panelists, tok: (u) => t.tokenFor(u), at };
}

async function ok<T>(promise: Promise<{ data: T | null; errors?: unknown[] }>): Promise<T> {
  const res = await promise;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

/** How long the procedure takes from the filing to the opening of the panel election. */
export const DAYS_TO_ELECTION = 22;

/**
 * Files the disputes together and takes them through the body's establishment to the panel
 * election, as the rules allow: the panel request (agreed early) goes on the agenda of a meeting
 * of the body 11 days later (PANEL_REQUEST_NOTICE), which establishes the panels; the elections
 * open once the parties' 10 days to agree on five panelists are over (FIVE_PANELISTS), and run 7
 * days, past the period to challenge candidates. Moves the clock {@link DAYS_TO_ELECTION} days on;
 * returns the ids in the order of the specs.
 */
export async function establishAndOpenElections(w: World, specs: DisputeSpec[]): Promise<{ disputeId: string; electionId: string }[]> {
  const { t, tok, delegates } = w;
  const disputeIds: string[] = [];
  for (const spec of specs) {
    const filed = await ok<{ requestConsultations: { id: string } }>(
      t.gql(
        `mutation($r: [String!]!) { requestConsultations(input: { respondents: $r, title: "Measures", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`,
        { r: [spec.respondent] },
        tok(delegates[spec.complainant]),
      ),
    );
    const disputeId = filed.requestConsultations.id;
    // DSU 4.11: a member asks to join the consultations and the respondent accepts.
    for (const tp of spec.thirdParties ?? []) {
      await ok(t.gql(ACT, { id: disputeId, action: 'joinAsThirdParty' }, tok(delegates[tp])));
      await ok(t.gql(TAKE_ACTION, { id: disputeId, action: 'acceptJoinRequest', memberCode: tp }, tok(delegates[spec.respondent])));
    }
    await ok(t.gql(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok(delegates[spec.complainant])));
    await ok(t.gql(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok(delegates[spec.respondent])));
    await ok(t.gql(ACT, { id: disputeId, action: 'requestPanel' }, tok(delegates[spec.complainant])));
    disputeIds.push(disputeId);
  }
  t.clock.advance(11 * DAY);
  const meetingId = await meetingToday(t);
  for (const [i, id] of disputeIds.entries()) {
    await ok(t.gql(TAKE_ACTION, { id, action: 'establishPanel', meetingId }, tok(w.sec)));
    // DSU 10.2: the third parties notify their interest within 10 days of establishment, which
    // gives them the rights of DSU 10.3 (the third-party session among them).
    for (const tp of specs[i].thirdParties ?? []) await ok(t.gql(ACT, { id, action: 'joinPanelAsThirdParty' }, tok(delegates[tp])));
  }
  t.clock.advance((DAYS_TO_ELECTION - 11) * DAY);
  const result: { disputeId: string; electionId: string }[] = [];
  for (const [i, spec] of specs.entries()) {
    const disputeId = disputeIds[i];
    const opened = await ok<{ openElection: { id: string } }>(
      t.gql(
        `mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`,
        { input: { disputeId, opensAt: t.clock.now().toISOString(), closesAt: new Date(t.clock.now().getTime() + 7 * DAY).toISOString() } },
        tok(w.sec),
      ),
    );
    const electionId = opened.openElection.id;
    const electors = MEMBER_CODES.filter((c) => c !== spec.complainant && c !== spec.respondent);
    for (const code of electors) {
      await ok(
        t.gql(
          `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`,
          { input: { electionId, ranking: spec.panel.map((k) => w.persons[k].id) } },
          tok(delegates[code]),
        ),
      );
    }
    result.push({ disputeId, electionId });
  }
  return result;
}

/** Closes the elections (the clock must be past their closing time): the panels are composed. */
export async function closeElection(w: World, electionId: string): Promise<void> {
  await ok(w.t.gql(`mutation($id: ID!) { closeElection(id: $id) { status } }`, { id: electionId }, w.tok(w.sec)));
}

export async function addRoom(w: World, name: string): Promise<string> {
  const res = await ok<{ addHearingRoom: { id: string } }>(
    w.t.gql(
      `mutation($n: String!) { addHearingRoom(input: { name: $n, location: "Centre William Rappard" }) { id } }`,
      { n: name },
      w.tok(w.sec),
    ),
  );
  return res.addHearingRoom.id;
}

export const HEARING_FIELDS = `id kind status startsAt endsAt timeZone localStart localEnd virtualLink publicObservation sequence reason
  room { name } participants { kind refId name attended }`;
export const SCHEDULE = `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { ${HEARING_FIELDS} } }`;
export const RESCHEDULE = `mutation($input: RescheduleHearingInput!) { rescheduleHearing(input: $input) { ${HEARING_FIELDS} } }`;
export const CANCEL = `mutation($input: CancelHearingInput!) { cancelHearing(input: $input) { ${HEARING_FIELDS} } }`;
