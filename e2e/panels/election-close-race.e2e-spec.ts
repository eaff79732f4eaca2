import { MemberEntity, UserEntity } from '@app/core';
import { ElectionClosingService, RosterPersonEntity } from '@app/panels';
import { Client } from 'pg';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;
const CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`;

/*
 * A ballot cast just before the closing time while the worker closes the election: the cast is
 * stamped before the close, so it may be accepted, but then it must be in the count. The test
 * holds the cast between its time check and its vote (a lock on the electorate table), lets the
 * closing time pass and starts the close, then lets the cast go on. Found by the multi-process
 * test (e2e/hardening): the close used to count without the held cast, which then committed and
 * got a receipt for a ballot the published result left out.
 */
describe('an election closing while a ballot is being cast', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  const persons: RosterPersonEntity[] = [];
  const tok = (who: string) => t.tokenFor(users[who]);

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    const members: Record<string, MemberEntity> = {};
    for (const code of ['CHN', 'PAK', 'KAZ', 'IDN']) {
      members[code] = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    for (const [name, nationality] of [
      ['Alice Ang', 'SGP'],
      ['Bruno Braga', 'BRA'],
      ['Clara Chevalier', 'CHE'],
    ]) {
      const panelist = await createUser(t.db, { role: 'PANELIST' });
      const repo = t.db.getRepository(RosterPersonEntity);
      persons.push(
        await repo.save(
          repo.create({
            name,
            nationality,
            expertise: ['trade in goods'],
            languages: ['en'],
            available: true,
            status: 'APPROVED',
            nominatedByMemberId: members.IDN.id,
            userId: panelist.id,
          }),
        ),
      );
    }
  });
  afterAll(() => t.close());

  it('counts the ballot it accepts, or refuses it: never a receipt outside the count', async () => {
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Race", measures: ["M"],
      legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`,
      {},
      tok('CHN'),
    );
    const disputeId = filed.data!.requestConsultations.id;
    await t.gql(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('CHN'));
    await t.gql(ACT, { id: disputeId, action: 'agreeEarlyPanelRequest' }, tok('PAK'));
    await t.gql(ACT, { id: disputeId, action: 'requestPanel' }, tok('CHN'));
    // Established at the body's meeting 11 days later; the election opens once the parties' 10 days
    // to agree on five panelists are over, and stays open 7 days, past the challenge period.
    t.clock.set('2026-03-13T09:00:00Z');
    expect(
      (await t.gql(TAKE_ACTION, { id: disputeId, action: 'establishPanel', meetingId: await meetingToday(t) }, tok('SEC'))).errors,
    ).toBeUndefined();
    t.clock.set('2026-03-24T09:00:00Z');
    const closesAt = new Date(t.clock.now().getTime() + 7 * 86_400_000);
    const opened = await t.gql(
      `mutation($input: OpenElectionInput!) { openElection(input: $input) { id } }`,
      {
        input: { disputeId, opensAt: t.clock.now().toISOString(), closesAt: closesAt.toISOString(), quorumPercent: 1 },
      },
      tok('SEC'),
    );
    expect(opened.errors).toBeUndefined();
    const electionId = opened.data!.openElection.id;

    const waiting = async (pattern: string) => {
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`,
        [pattern],
      );
      return n > 0;
    };
    const until = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 400 && !(await done()); i += 1) await new Promise((r) => setTimeout(r, 25));
    };

    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE election_electors IN ACCESS EXCLUSIVE MODE');
      // A second before the closing time: the cast passes the time check, then waits.
      t.clock.set(new Date(closesAt.getTime() - 1000));
      const cast = t.gql(CAST, { input: { electionId, ranking: [persons[0].id] } }, tok('KAZ'));
      await until(() => waiting('%election_electors%'));
      expect(await waiting('%election_electors%')).toBe(true);
      // The closing time passes and the worker's close starts; it finishes, or waits for the cast.
      t.clock.set(new Date(closesAt.getTime() + 1000));
      let settled = false;
      const close = t.app
        .get(ElectionClosingService)
        .close(null, electionId)
        .finally(() => (settled = true));
      await until(async () => settled || (await waiting('%FOR UPDATE%')));
      await holder.query('COMMIT');

      const [castResult, closed] = await Promise.all([cast, close]);
      const ballots: { receipt: string }[] = await t.db.query('SELECT receipt FROM ballots WHERE election_id = $1', [electionId]);
      const receipt = castResult.data?.castBallot?.receipt;
      if (receipt) {
        expect(closed.turnout).toBe(1);
        expect(ballots.map((b) => b.receipt)).toEqual([receipt]);
      } else {
        expect(castResult.errors![0].extensions).toMatchObject({ code: 'DEADLINE_PASSED', domainCode: 'ELECTION_CLOSED' });
        expect(closed.turnout).toBe(0);
        expect(ballots).toEqual([]);
      }
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });
});
