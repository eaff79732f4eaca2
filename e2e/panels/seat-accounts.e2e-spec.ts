import { MemberEntity, UserEntity } from '@app/core';
import { RosterPersonEntity } from '@app/panels';
import { SCHEDULE } from '../hearings/setup';
import { ACT, DAY, ELECTORS, ISSUE, MEASURES, PROVISIONS, SUBMIT, VOTE, file, findings } from '../rulings/setup';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

// A seat belongs to the roster person: whoever is linked to the person acts for it. A person may
// be elected before the secretariat links their account; the account linked afterwards acts for
// the seat, and an account linked before a re-link no longer does.

const LINK = `mutation($p: ID!, $u: ID!) { linkPanelistUser(personId: $p, userId: $u) { id } }`;
const TIMETABLE = `mutation($input: AdoptTimetableInput!) { adoptTimetable(input: $input) { id } }`;
const NAMES = { A: ['Alice Ang', 'SGP'], B: ['Bruno Braga', 'BRA'], C: ['Clara Chevalier', 'CHE'] } as const;
type Key = keyof typeof NAMES;

describe('panel seats follow the account linked to the person', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  const persons = {} as Record<Key, RosterPersonEntity>;
  let disputeId: string;
  const tok = (who: string) => t.tokenFor(users[who]);
  const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;
  const must = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const hearing = (days: number) => {
    const day = new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);
    return {
      disputeId,
      kind: 'ORGANISATIONAL_MEETING',
      startsAt: `${day}T09:00:00Z`,
      endsAt: `${day}T11:00:00Z`,
      timeZone: 'Europe/Zurich',
      virtualLink: `https://meet.example.org/${day}`,
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    const members: Record<string, MemberEntity> = {};
    for (const code of ['CHN', 'PAK', ...ELECTORS]) {
      members[code] = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    for (const key of Object.keys(NAMES) as Key[]) {
      // Clara has no account yet when she is elected.
      if (key !== 'C') users[key] = await createUser(t.db, { role: 'PANELIST' });
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
          userId: users[key]?.id ?? null,
        }),
      );
    }
    users.claraFirst = await createUser(t.db, { role: 'PANELIST', displayName: 'Clara (first account)' });
    users.claraSecond = await createUser(t.db, { role: 'PANELIST', displayName: 'Clara (second account)' });

    const filed = await must(
      `mutation($m: [String!]!, $l: [String!]!) { requestConsultations(input: { respondents: ["PAK"], title: "Fruit",
      measures: $m, legalBasis: $l, summary: "S" }) { id } }`,
      { m: MEASURES, l: PROVISIONS },
      tok('CHN'),
    );
    disputeId = filed.requestConsultations.id;
    await must(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('CHN'));
    await must(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('PAK'));
    await must(ACT, { id: disputeId, action: 'requestPanel' }, tok('CHN'));
    // The body's meeting 11 days after the request establishes the panel (DSU 6.1); the election
    // opens once the parties' 10 days to agree on five panelists have run out (DSU 8.5).
    t.clock.set('2026-03-13T09:00:00Z');
    await must(TAKE_ACTION, { id: disputeId, action: 'establishPanel', meetingId: await meetingToday(t) }, tok('SEC'));
    t.clock.set('2026-03-24T09:00:00Z');
    const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();
    const opened = await must(
      `mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`,
      { input: { disputeId, opensAt: at(0), closesAt: at(7) } },
      tok('SEC'),
    );
    for (const code of ELECTORS) {
      await must(
        `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`,
        { input: { electionId: opened.openElection.id, ranking: (['A', 'C', 'B'] as Key[]).map((k) => persons[k].id) } },
        tok(code),
      );
    }
    t.clock.advance(7 * DAY + 1000);
    await must(`mutation($id: ID!) { closeElection(id: $id) { status } }`, { id: opened.openElection.id }, tok('SEC'));
  });
  afterAll(() => t.close());

  it('seats Clara without an account: nobody acts for her seat yet', async () => {
    const seats = await t.db.query(`SELECT person_id, user_id FROM panel_seats WHERE dispute_id = $1 AND vacated_at IS NULL`, [disputeId]);
    expect(seats).toHaveLength(3);
    expect(seats.find((s: { person_id: string }) => s.person_id === persons.C.id).user_id).toBeNull();
    // An account not yet linked to her is no panelist of this dispute.
    expect(errorOf(await t.gql(TIMETABLE, { input: { disputeId, steps: [] } }, tok('claraFirst')))).toMatchObject({
      code: 'FORBIDDEN',
      domainCode: 'NOT_ON_PANEL',
    });
  });

  it('the account linked after the composition adopts the timetable, schedules a hearing and votes for her seat', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    await must(LINK, { p: persons.C.id, u: users.claraFirst.id }, tok('SEC'));
    const linked = (userId: string) =>
      t.db
        .query(`SELECT details FROM audit_log WHERE operation = 'linkPanelistUser' AND details->>'userId' = $1`, [userId])
        .then((rows) => rows.map((r: { details: unknown }) => r.details));
    expect(await linked(users.claraFirst.id)).toEqual([{ userId: users.claraFirst.id, previousUserId: null, seats: 1 }]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(before + 1);

    expect((await t.gql(TIMETABLE, { input: { disputeId, steps: [] } }, tok('claraFirst'))).errors).toBeUndefined();
    expect((await must(`query($id: ID!) { dispute(id: $id) { stage } }`, { id: disputeId })).dispute.stage).toBe('PANEL_PROCEEDINGS');
    expect((await t.gql(SCHEDULE, { input: hearing(10) }, tok('claraFirst'))).errors).toBeUndefined();
    const [entry] = await t.db.query(`SELECT kind, actor_role FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`, [
      disputeId,
    ]);
    expect(entry).toEqual({ kind: 'scheduleHearing', actor_role: 'PANEL' });

    // Deliberation (DSU 14): her vote and Alice's make the majority that issues the interim report.
    await must(SUBMIT, { input: { disputeId, version: 'DESCRIPTIVE_PART', ...file('Descriptive part') } }, tok('A'));
    // The substantive meetings come before the interim report (Appendix 3 ¶12).
    for (const action of ['holdFirstMeeting', 'holdSecondMeeting']) await must(TAKE_ACTION, { id: disputeId, action }, tok('A'));
    const interim = (await must(SUBMIT, { input: { disputeId, version: 'INTERIM_REPORT', findings, ...file('Interim report') } }, tok('A')))
      .submitReport.id;
    expect((await t.gql(VOTE, { r: interim, a: true }, tok('claraFirst'))).errors).toBeUndefined();
    await must(VOTE, { r: interim, a: true }, tok('A'));
    expect((await must(ISSUE, { r: interim }, tok('claraFirst'))).issueReport.status).toBe('ISSUED');
  });

  it('after a re-link the new account acts for her seat, and the previous one no longer can', async () => {
    await must(LINK, { p: persons.C.id, u: users.claraSecond.id }, tok('SEC'));
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE operation = 'linkPanelistUser' AND details->>'userId' = $1`, [
      users.claraSecond.id,
    ]);
    expect(audit.details).toEqual({ userId: users.claraSecond.id, previousUserId: users.claraFirst.id, seats: 1 });
    const seat = await t.db.query(`SELECT user_id FROM panel_seats WHERE dispute_id = $1 AND person_id = $2`, [disputeId, persons.C.id]);
    expect(seat).toEqual([{ user_id: users.claraSecond.id }]);

    const final = (await must(SUBMIT, { input: { disputeId, version: 'FINAL_REPORT', findings, ...file('Final report') } }, tok('A')))
      .submitReport.id;
    // The first account has lost the seat: on deliberation, hearings and the procedure alike.
    expect(errorOf(await t.gql(VOTE, { r: final, a: false }, tok('claraFirst')))).toMatchObject({
      code: 'FORBIDDEN',
      domainCode: 'NOT_ON_PANEL',
    });
    expect(errorOf(await t.gql(SCHEDULE, { input: hearing(12) }, tok('claraFirst')))).toMatchObject({
      code: 'FORBIDDEN',
      domainCode: 'NOT_ON_PANEL',
    });
    const allowed = async (who: string) =>
      (
        await must(`query($id: ID!) { dispute(id: $id) { allowedActions { now { action } } } }`, { id: disputeId }, tok(who))
      ).dispute.allowedActions.now.map((a: { action: string }) => a.action);
    expect(await allowed('claraFirst')).toEqual([]);
    // The second account acts for it: her vote on the final report is still to be cast, then cast.
    expect(await allowed('claraSecond')).toEqual(expect.arrayContaining(['voteOnReport', 'submitReport']));
    expect((await t.gql(VOTE, { r: final, a: true }, tok('claraSecond'))).errors).toBeUndefined();
    expect(await allowed('claraSecond')).not.toContain('voteOnReport');
    expect((await t.gql(SCHEDULE, { input: hearing(12) }, tok('claraSecond'))).errors).toBeUndefined();
  });
});
