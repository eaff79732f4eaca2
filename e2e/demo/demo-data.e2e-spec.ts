import { DataSource } from 'typeorm';
import { Clock, CommandRunner } from '@app/core';
import { STAGES } from '@app/procedure';
import { DisputesService } from '@app/registry';
import { loadDemoDataIfEmpty } from '../../apps/api/src/demo/demo-data';
import { addDemoPresent } from '../../apps/api/src/demo/demo-live';
import { startTestApp, type TestApp } from '../utils/test-app';

// The demo data set (`npm start` into an empty database): the shared generator's registry, every
// dispute driven through the engine, loaded through the real application, once.
describe('demo data set', () => {
  let t: TestApp;
  let loadedIn = 0;
  const load = () => loadDemoDataIfEmpty(t.app.get(DataSource), t.app.get(CommandRunner), t.app.get(DisputesService), 10);
  const rows = (sql: string, params: unknown[] = []) => t.db.query(sql, params);

  beforeAll(async () => {
    t = await startTestApp();
    const started = Date.now();
    expect(await load()).toBe(true);
    await addDemoPresent(t.app);
    loadedIn = Date.now() - started;
  });
  afterAll(() => t?.close());

  const signIn = async (email: string, password = 'delegate-demo-2026'): Promise<string> => {
    const res = await t.gql(`mutation { login(email: "${email}", password: "${password}") { accessToken } }`);
    expect(res.errors).toBeUndefined();
    return res.data?.login.accessToken as string;
  };
  const delegateOf = async (disputeId: string, kind: string): Promise<string> => {
    const [{ code }] = await rows(
      `SELECT m.code FROM dispute_parties p JOIN members m ON m.id = p.member_id WHERE p.dispute_id = $1 AND p.kind = $2 LIMIT 1`,
      [disputeId, kind],
    );
    return signIn(`delegate.${String(code).toLowerCase()}@demo.dsb`);
  };

  it('loads into the empty database, with a dispute in every stage of the engine', async () => {
    const stages = (await rows('SELECT DISTINCT stage FROM disputes')).map((r: { stage: string }) => r.stage).sort();
    expect(stages).toEqual([...STAGES].sort());
    const [{ n }] = await rows('SELECT count(*)::int AS n FROM disputes');
    expect(n).toBeGreaterThanOrEqual(28);
    expect(n).toBeLessThanOrEqual(40);
    process.stdout.write(`demo data set loaded in ${loadedIn} ms (${n} disputes)\n`);
  });

  it('is not loaded twice: a second start leaves the loaded database as it is', async () => {
    const count = async () =>
      (
        await rows(
          `SELECT (SELECT count(*) FROM disputes)::int AS d, (SELECT count(*) FROM users)::int AS u,
                  (SELECT count(*) FROM docket_entries)::int AS e, (SELECT count(*) FROM documents)::int AS docs`,
        )
      )[0];
    const before = await count();
    expect(await load()).toBe(false);
    expect(await count()).toEqual(before);
  });

  it('signs in the demo users with the passwords README lists, and has a delegate of each member', async () => {
    for (const [email, password] of [
      ['delegate.chn@demo.dsb', 'delegate-demo-2026'],
      ['delegate.kaz@demo.dsb', 'delegate-demo-2026'],
      ['panelist@demo.dsb', 'panelist-demo-2026'],
    ]) {
      const res = await t.gql(`mutation { login(email: "${email}", password: "${password}") { accessToken } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data?.login.accessToken).toEqual(expect.any(String));
    }
    const registrar = await t.gql(
      `mutation { login(email: "registrar@demo.dsb", password: "registrar-demo-2026") { accessToken totpEnrollmentRequired } }`,
    );
    expect(registrar.errors).toBeUndefined();
    const lacking = await rows(
      `SELECT m.code FROM members m WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.member_id = m.id AND u.role = 'MEMBER_DELEGATE')`,
    );
    expect(lacking).toEqual([]);
    const [{ persons }] = await rows('SELECT count(*)::int AS persons FROM roster_persons');
    expect(persons).toBe(20);
  });

  it('seats the demo panelist on two panels at work', async () => {
    const panels = await rows(
      `SELECT d.stage FROM panel_seats s JOIN users u ON u.id = s.user_id JOIN disputes d ON d.id = s.dispute_id
        WHERE u.email = 'panelist@demo.dsb' AND s.vacated_at IS NULL`,
    );
    expect(panels.map((p: { stage: string }) => p.stage)).toEqual(['PANEL_PROCEEDINGS', 'PANEL_PROCEEDINGS']);
  });

  it('has closed elections with their ballots, documents of every class and a case under surveillance with status reports', async () => {
    const [{ closed, ballots }] = await rows(
      `SELECT count(*)::int AS closed, (SELECT count(*)::int FROM ballots b JOIN elections e ON e.id = b.election_id WHERE e.status = 'CLOSED') AS ballots
         FROM elections WHERE status = 'CLOSED'`,
    );
    expect(closed).toBeGreaterThan(0);
    expect(ballots).toBeGreaterThan(0);
    const classes = (await rows('SELECT DISTINCT classification FROM documents')).map((r: { classification: string }) => r.classification);
    expect(classes.sort()).toEqual(['CONFIDENTIAL', 'PUBLIC', 'RESTRICTED']);
    const [{ named }] = await rows(
      `SELECT count(*)::int AS named FROM documents WHERE classification = 'CONFIDENTIAL' AND cardinality(reader_ids) > 0`,
    );
    expect(named).toBeGreaterThan(0);
    const [{ reports }] = await rows(
      `SELECT count(*)::int AS reports FROM docket_entries e JOIN disputes d ON d.id = e.dispute_id
        WHERE d.stage = 'IMPLEMENTATION_SURVEILLANCE' AND e.kind = 'fileStatusReport'`,
    );
    expect(reports).toBeGreaterThanOrEqual(2);
  });

  it('answers the public disputes list through the API', async () => {
    const res = await t.gql('{ disputes(first: 50) { nodes { stage } } }');
    expect(res.errors).toBeUndefined();
    expect(new Set(res.data?.disputes.nodes.map((n: { stage: string }) => n.stage)).size).toBe(STAGES.length);
  });

  it('shows the demo panelist hearings ahead on both its panels, in their own zone, and the parties theirs', async () => {
    const token = await signIn('panelist@demo.dsb', 'panelist-demo-2026');
    // The application's clock, not this process's: the test app may run at another day.
    const now = t.app.get(Clock).now().getTime();
    const from = new Date(now).toISOString();
    const res = await t.gql(
      `query ($from: DateTime) { hearings(first: 20, filter: { from: $from }) { nodes { kind startsAt localStart timeZone status room { name }
         dispute { id stage } participants { kind name } } } }`,
      { from },
      token,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.hearings.nodes as {
      kind: string;
      startsAt: string;
      localStart: string;
      timeZone: string;
      dispute: { id: string; stage: string };
      participants: { kind: string; name: string }[];
    }[];
    const panels = new Set(nodes.map((h) => h.dispute.id));
    expect(panels.size).toBe(2);
    for (const h of nodes) {
      expect(h.dispute.stage).toBe('PANEL_PROCEEDINGS');
      expect(Date.parse(h.startsAt)).toBeGreaterThan(now);
      expect(Date.parse(h.startsAt)).toBeLessThan(now + 120 * 86_400_000);
      expect(h.timeZone).toBe('Europe/Zurich');
      expect(h.localStart).toMatch(/T(09:30|10:00):00\+0[12]:00$/);
      expect(h.participants.filter((p) => p.kind === 'PANELIST').length).toBeGreaterThanOrEqual(3);
      expect(h.participants.filter((p) => p.kind === 'PARTY').length).toBeGreaterThanOrEqual(2);
    }
    expect(nodes.map((h) => h.kind).sort()).toEqual([
      'FIRST_SUBSTANTIVE_MEETING',
      'FIRST_SUBSTANTIVE_MEETING',
      'THIRD_PARTY_SESSION',
      'THIRD_PARTY_SESSION',
    ]);
    // A party of one of them sees its hearings too; they are docketed.
    const disputeId = [...panels][0];
    const party = await t.gql(
      `query ($id: ID) { hearings(first: 20, filter: { disputeId: $id }) { nodes { kind } } }`,
      { id: disputeId },
      await delegateOf(disputeId, 'RESPONDENT'),
    );
    expect(party.errors).toBeUndefined();
    expect(party.data?.hearings.nodes).toHaveLength(2);
    const [{ docketed }] = await rows(`SELECT count(*)::int AS docketed FROM docket_entries WHERE kind = 'scheduleHearing'`);
    expect(docketed).toBe(4);
  });

  it('has an election open now, with ballots cast, in which a delegate of a member not party may still vote', async () => {
    const [open] = await rows(
      `SELECT e.id, e.dispute_id, d.stage FROM elections e JOIN disputes d ON d.id = e.dispute_id WHERE e.status = 'OPEN'`,
    );
    expect(open.stage).toBe('PANEL_ESTABLISHED');
    const [{ code }] = await rows(
      `SELECT m.code FROM election_electors e JOIN members m ON m.id = e.member_id
        WHERE e.election_id = $1 AND NOT EXISTS (SELECT 1 FROM election_votes v WHERE v.election_id = e.election_id AND v.member_id = e.member_id)
          AND m.code IN ('CHN', 'PAK', 'KAZ') ORDER BY m.code LIMIT 1`,
      [open.id],
    );
    const token = await signIn(`delegate.${String(code).toLowerCase()}@demo.dsb`);
    const seen = await t.gql(
      `query ($id: ID) { dispute(id: $id) { stage elections { id status closesAt turnout candidates { id } } } }`,
      { id: open.dispute_id },
      token,
    );
    expect(seen.errors).toBeUndefined();
    const election = seen.data?.dispute.elections.find((e: { status: string }) => e.status === 'OPEN');
    expect(election.id).toBe(open.id);
    expect(Date.parse(election.closesAt)).toBeGreaterThan(t.app.get(Clock).now().getTime() + 6 * 86_400_000);
    expect(election.candidates.length).toBeGreaterThanOrEqual(3);
    const [{ cast }] = await rows('SELECT count(*)::int AS cast FROM election_votes WHERE election_id = $1', [open.id]);
    expect(cast).toBeGreaterThan(0);
    const vote = await t.gql(
      `mutation ($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`,
      { input: { electionId: open.id, ranking: election.candidates.slice(0, 2).map((c: { id: string }) => c.id) } },
      token,
    );
    expect(vote.errors).toBeUndefined();
    expect(vote.data?.castBallot.receipt).toEqual(expect.any(String));
  });

  it('has a document for the panel only: the panelist reads it, the other party does not', async () => {
    const [doc] = await rows(`SELECT id, dispute_id FROM documents WHERE panel_only`);
    const query = `query ($id: ID) { documents(first: 100, filter: { disputeId: $id }) { nodes { id classification panelOnly } } }`;
    const panelist = await t.gql(query, { id: doc.dispute_id }, await signIn('panelist@demo.dsb', 'panelist-demo-2026'));
    expect(panelist.errors).toBeUndefined();
    expect(panelist.data?.documents.nodes).toContainEqual({ id: doc.id, classification: 'CONFIDENTIAL', panelOnly: true });
    const other = await delegateOf(doc.dispute_id, 'RESPONDENT');
    const respondent = await t.gql(query, { id: doc.dispute_id }, other);
    expect(respondent.errors).toBeUndefined();
    expect(respondent.data?.documents.nodes.map((n: { id: string }) => n.id)).not.toContain(doc.id);
    const direct = await t.gql(`query ($id: ID!) { document(id: $id) { id } }`, { id: doc.id }, other);
    expect(direct.data?.document ?? null).toBeNull();
    expect(direct.errors?.[0]?.extensions?.code).toEqual(expect.stringMatching(/NOT_FOUND/));
  });
});
